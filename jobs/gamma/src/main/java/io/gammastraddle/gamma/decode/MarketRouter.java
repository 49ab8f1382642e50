package io.gammastraddle.gamma.decode;

import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.MarketEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each decoded event where it is used: book updates to the main output (the books operator),
 * option tickers (their {@link OptionTicker} part) to {@link #CHAIN_INPUTS}, trades, index prices
 * and the other tickers to {@link #FEATURE_INPUTS}, dead letters to {@link #DEAD_LETTERS}.
 */
public class MarketRouter extends ProcessFunction<MarketEvent, BookUpdate> {

  public static final OutputTag<UnderlyingEvent> CHAIN_INPUTS =
      new OutputTag<>("chain-inputs", TypeInformation.of(UnderlyingEvent.class));
  public static final OutputTag<UnderlyingEvent> FEATURE_INPUTS =
      new OutputTag<>("feature-inputs", TypeInformation.of(UnderlyingEvent.class));
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private transient Counter marketEvents;
  private transient Counter deadLetters;

  @Override
  public void open(OpenContext openContext) {
    marketEvents = getRuntimeContext().getMetricGroup().counter("marketEvents");
    deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
  }

  @Override
  public void processElement(MarketEvent event, Context ctx, Collector<BookUpdate> out) {
    if (event.deadLetter() != null) {
      deadLetters.inc();
      ctx.output(DEAD_LETTERS, event.deadLetter());
      return;
    }
    marketEvents.inc();
    if (event.book() != null) {
      out.collect(event.book());
    } else if (event.ticker() != null && event.ticker().kind() == InstrumentKind.OPTION) {
      ctx.output(CHAIN_INPUTS, UnderlyingEvent.of(OptionTicker.of(event.ticker())));
    } else if (event.ticker() != null) {
      ctx.output(FEATURE_INPUTS, UnderlyingEvent.of(event.ticker()));
    } else if (event.trade() != null) {
      ctx.output(FEATURE_INPUTS, UnderlyingEvent.of(event.trade()));
    } else if (event.index() != null) {
      ctx.output(FEATURE_INPUTS, UnderlyingEvent.of(event.index()));
    }
  }
}
