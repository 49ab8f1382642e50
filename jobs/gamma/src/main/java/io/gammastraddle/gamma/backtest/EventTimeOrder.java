package io.gammastraddle.gamma.backtest;

import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.strategy.StrategyInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Hands the strategy its inputs in event-time order, so that a backtest decides the same way every
 * time it runs. The strategy's inputs come from several operators, and Flink interleaves streams
 * from different channels as they arrive; a live job lives with that, a backtest must not. Inputs
 * wait until the watermark passes their time, then leave ordered by time, then kind (book tops,
 * tickers, index, straddles, feature vectors, predictions, account events, commands), then
 * instrument; inputs equal in all three keep their arrival order, which one channel fixes.
 *
 * <p>An input that arrives behind the watermark leaves at once: inputs before it have left.
 */
public final class EventTimeOrder
    extends KeyedProcessFunction<String, StrategyInput, StrategyInput> {

  private static final Comparator<StrategyInput> ORDER =
      Comparator.comparingInt(EventTimeOrder::rank).thenComparing(EventTimeOrder::instrument);

  private transient MapState<Long, List<StrategyInput>> waiting;

  @Override
  public void open(OpenContext openContext) {
    waiting =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "waiting", Types.LONG, Types.LIST(TypeInformation.of(StrategyInput.class))));
  }

  @Override
  public void processElement(StrategyInput input, Context ctx, Collector<StrategyInput> out)
      throws Exception {
    Long time = ctx.timestamp();
    if (time == null || time <= ctx.timerService().currentWatermark()) {
      out.collect(input);
      return;
    }
    List<StrategyInput> inputs = waiting.get(time);
    if (inputs == null) {
      inputs = new ArrayList<>();
      ctx.timerService().registerEventTimeTimer(time);
    }
    inputs.add(input);
    waiting.put(time, inputs);
  }

  @Override
  public void onTimer(long time, OnTimerContext ctx, Collector<StrategyInput> out)
      throws Exception {
    List<StrategyInput> inputs = waiting.get(time);
    waiting.remove(time);
    inputs.sort(ORDER);
    inputs.forEach(out::collect);
  }

  private static int rank(StrategyInput input) {
    UnderlyingEvent market = input.market();
    if (market != null) {
      if (market.top() != null) {
        return 0;
      } else if (market.optionTicker() != null) {
        return 1;
      } else if (market.ticker() != null) {
        return 2;
      } else if (market.index() != null) {
        return 3;
      } else if (market.trade() != null) {
        return 4;
      } else if (market.straddle() != null) {
        return 5;
      }
      return 6;
    }
    if (input.prediction() != null) {
      return 7;
    }
    return input.user() != null ? 8 : 9;
  }

  private static String instrument(StrategyInput input) {
    UnderlyingEvent market = input.market();
    if (market == null) {
      return "";
    }
    if (market.top() != null) {
      return market.top().instrument();
    }
    if (market.optionTicker() != null) {
      return market.optionTicker().instrument();
    }
    return market.ticker() != null ? market.ticker().instrument() : "";
  }
}
