package io.gammastraddle.gamma.features;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingFeatures;
import io.gammastraddle.market.MarketEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by underlying: folds book tops (first input) and trades and index prices (second input)
 * into {@link UnderlyingFeatures}, and emits a {@link FeatureVector} at decision ticks, multiples
 * of the decision interval in event time.
 *
 * <p>An event belongs to the first tick at or after its timestamp. Events wait in map state, by
 * tick, until the watermark passes their tick; its timer then applies them and emits the vector, so
 * the vector at tick T sees exactly the events stamped at or before T, whatever order they arrived
 * in (book tops come through one more operator than trades, so they arrive later). There is a tick
 * for every interval that has events and none for intervals without (a silent feed or a gap in a
 * recording emits nothing), so a replay yields the same vectors as the live run.
 *
 * <p>An event whose tick the watermark has already passed (later than the watermark bound allows)
 * is counted, applied at once, and shows in a vector at the tick after the last emitted one.
 *
 * <p>State per underlying: one {@link UnderlyingFeatures}, the last tick and the events of the
 * ticks not yet emitted (about one interval plus the watermark bound; removed when their tick is
 * emitted). Underlyings are a handful and live as long as the job, so the rest is not cleared. The
 * pending events are a list per tick, appended in place on the heap state backend; on RocksDB each
 * append would rewrite the tick's list, so a move to RocksDB should key them by tick and sequence.
 */
public class FeatureFunction
    extends KeyedCoProcessFunction<String, BookTop, MarketEvent, FeatureVector> {

  public static final ValueStateDescriptor<UnderlyingFeatures> STATE =
      new ValueStateDescriptor<>("underlying-features", UnderlyingFeatures.class);
  public static final ValueStateDescriptor<Long> LAST_TICK =
      new ValueStateDescriptor<>("last-tick", Long.class);

  /** Book tops waiting for their tick, by tick. */
  public static final MapStateDescriptor<Long, List<BookTop>> PENDING_TOPS =
      new MapStateDescriptor<>(
          "pending-book-tops", Types.LONG, Types.LIST(TypeInformation.of(BookTop.class)));

  /** Trades and index prices waiting for their tick, by tick. */
  public static final MapStateDescriptor<Long, List<MarketEvent>> PENDING_EVENTS =
      new MapStateDescriptor<>(
          "pending-events", Types.LONG, Types.LIST(TypeInformation.of(MarketEvent.class)));

  private final long decisionIntervalMillis;
  private transient ValueState<UnderlyingFeatures> state;
  private transient ValueState<Long> lastTick;
  private transient MapState<Long, List<BookTop>> pendingTops;
  private transient MapState<Long, List<MarketEvent>> pendingEvents;
  private transient Counter vectors;
  private transient Counter lateEvents;

  public FeatureFunction(long decisionIntervalMillis) {
    this.decisionIntervalMillis = decisionIntervalMillis;
  }

  @Override
  public void open(OpenContext openContext) {
    state = getRuntimeContext().getState(STATE);
    lastTick = getRuntimeContext().getState(LAST_TICK);
    pendingTops = getRuntimeContext().getMapState(PENDING_TOPS);
    pendingEvents = getRuntimeContext().getMapState(PENDING_EVENTS);
    vectors = getRuntimeContext().getMetricGroup().counter("featureVectors");
    lateEvents = getRuntimeContext().getMetricGroup().counter("lateFeatureInputs");
  }

  @Override
  public void processElement1(BookTop top, Context ctx, Collector<FeatureVector> out)
      throws Exception {
    long tick = tickOf(top.timestamp());
    if (isLate(ctx, tick)) {
      UnderlyingFeatures features = features();
      features.onBookTop(top);
      state.update(features);
    } else {
      pendingTops.put(tick, append(pendingTops.get(tick), top));
    }
  }

  @Override
  public void processElement2(MarketEvent event, Context ctx, Collector<FeatureVector> out)
      throws Exception {
    long tick = tickOf(event.timestamp());
    if (isLate(ctx, tick)) {
      UnderlyingFeatures features = features();
      apply(features, event);
      state.update(features);
    } else {
      pendingEvents.put(tick, append(pendingEvents.get(tick), event));
    }
  }

  private static <T> List<T> append(List<T> list, T element) {
    List<T> appended = list != null ? list : new ArrayList<>();
    appended.add(element);
    return appended;
  }

  /** Schedules an event's tick; true when the watermark has already passed it. */
  private boolean isLate(Context ctx, long tick) throws Exception {
    if (tick > ctx.timerService().currentWatermark()) {
      ctx.timerService().registerEventTimeTimer(tick);
      return false;
    }
    lateEvents.inc();
    Long last = lastTick.value();
    ctx.timerService().registerEventTimeTimer(last == null ? tick : last + decisionIntervalMillis);
    return true;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureVector> out)
      throws Exception {
    UnderlyingFeatures features = features();
    List<BookTop> tops = pendingTops.get(timestamp);
    if (tops != null) {
      tops.forEach(features::onBookTop);
      pendingTops.remove(timestamp);
    }
    List<MarketEvent> events = pendingEvents.get(timestamp);
    if (events != null) {
      events.forEach(event -> apply(features, event));
      pendingEvents.remove(timestamp);
    }
    state.update(features);
    lastTick.update(timestamp);

    out.collect(features.vector(ctx.getCurrentKey(), timestamp));
    vectors.inc();
  }

  private static void apply(UnderlyingFeatures features, MarketEvent event) {
    if (event.trade() != null) {
      features.onTrade(event.trade());
    } else if (event.index() != null) {
      features.onIndex(event.index());
    }
  }

  private UnderlyingFeatures features() throws Exception {
    UnderlyingFeatures features = state.value();
    return features != null ? features : new UnderlyingFeatures();
  }

  /** The first tick at or after {@code timestamp}. */
  private long tickOf(long timestamp) {
    return -Math.floorDiv(-timestamp, decisionIntervalMillis) * decisionIntervalMillis;
  }
}
