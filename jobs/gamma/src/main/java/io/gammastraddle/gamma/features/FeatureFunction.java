package io.gammastraddle.gamma.features;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingFeatures;
import io.gammastraddle.market.MarketEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by underlying: folds book tops (first input) and trades and index prices (second input)
 * into {@link UnderlyingFeatures}, and emits a {@link FeatureVector} at decision ticks, multiples
 * of the decision interval in event time.
 *
 * <p>The vector at tick T sees exactly the events stamped at or before T. There is a tick for every
 * interval that has events, and none for intervals without (a silent feed or a gap in a recording
 * emits nothing). Which ticks exist depends only on the events' timestamps, never on when
 * watermarks arrive, so a replay gives the same vectors as the live run.
 *
 * <p>Events stamped after the pending tick can arrive before its watermark (they are out of order
 * within the watermark bound); they wait in list state and are applied once the tick is emitted. An
 * event stamped at or before the last emitted tick (later than the watermark bound allowed) is
 * applied to the state at once and shows in the next vector.
 *
 * <p>State per underlying: one {@link UnderlyingFeatures}, the pending and last ticks, and the few
 * early events. Underlyings are a handful and live as long as the job, so state is not cleared.
 */
public class FeatureFunction
    extends KeyedCoProcessFunction<String, BookTop, MarketEvent, FeatureVector> {

  public static final ValueStateDescriptor<UnderlyingFeatures> STATE =
      new ValueStateDescriptor<>("underlying-features", UnderlyingFeatures.class);
  public static final ValueStateDescriptor<Long> NEXT_TICK =
      new ValueStateDescriptor<>("next-tick", Long.class);
  public static final ValueStateDescriptor<Long> LAST_TICK =
      new ValueStateDescriptor<>("last-tick", Long.class);
  public static final ListStateDescriptor<BookTop> EARLY_TOPS =
      new ListStateDescriptor<>("early-book-tops", BookTop.class);
  public static final ListStateDescriptor<MarketEvent> EARLY_EVENTS =
      new ListStateDescriptor<>("early-events", MarketEvent.class);

  private final long decisionIntervalMillis;
  private transient ValueState<UnderlyingFeatures> state;
  private transient ValueState<Long> nextTick;
  private transient ValueState<Long> lastTick;
  private transient ListState<BookTop> earlyTops;
  private transient ListState<MarketEvent> earlyEvents;
  private transient Counter vectors;

  public FeatureFunction(long decisionIntervalMillis) {
    this.decisionIntervalMillis = decisionIntervalMillis;
  }

  @Override
  public void open(OpenContext openContext) {
    state = getRuntimeContext().getState(STATE);
    nextTick = getRuntimeContext().getState(NEXT_TICK);
    lastTick = getRuntimeContext().getState(LAST_TICK);
    earlyTops = getRuntimeContext().getListState(EARLY_TOPS);
    earlyEvents = getRuntimeContext().getListState(EARLY_EVENTS);
    vectors = getRuntimeContext().getMetricGroup().counter("featureVectors");
  }

  @Override
  public void processElement1(BookTop top, Context ctx, Collector<FeatureVector> out)
      throws Exception {
    long tick = pendingTick(ctx, top.timestamp());
    if (top.timestamp() > tick) {
      earlyTops.add(top);
      return;
    }
    UnderlyingFeatures features = features();
    features.onBookTop(top);
    state.update(features);
  }

  @Override
  public void processElement2(MarketEvent event, Context ctx, Collector<FeatureVector> out)
      throws Exception {
    long tick = pendingTick(ctx, event.timestamp());
    if (event.timestamp() > tick) {
      earlyEvents.add(event);
      return;
    }
    UnderlyingFeatures features = features();
    apply(features, event);
    state.update(features);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureVector> out)
      throws Exception {
    UnderlyingFeatures features = features();
    out.collect(features.vector(ctx.getCurrentKey(), timestamp));
    vectors.inc();
    lastTick.update(timestamp);
    nextTick.clear();

    List<BookTop> tops = new ArrayList<>();
    earlyTops.get().forEach(tops::add);
    List<MarketEvent> events = new ArrayList<>();
    earlyEvents.get().forEach(events::add);
    if (tops.isEmpty() && events.isEmpty()) {
      return;
    }
    long earliest = Long.MAX_VALUE;
    for (BookTop top : tops) {
      earliest = Math.min(earliest, top.timestamp());
    }
    for (MarketEvent event : events) {
      earliest = Math.min(earliest, event.timestamp());
    }
    long next = schedule(ctx, earliest);

    List<BookTop> stillEarlyTops = new ArrayList<>();
    for (BookTop top : tops) {
      if (top.timestamp() > next) {
        stillEarlyTops.add(top);
      } else {
        features.onBookTop(top);
      }
    }
    List<MarketEvent> stillEarlyEvents = new ArrayList<>();
    for (MarketEvent event : events) {
      if (event.timestamp() > next) {
        stillEarlyEvents.add(event);
      } else {
        apply(features, event);
      }
    }
    earlyTops.update(stillEarlyTops);
    earlyEvents.update(stillEarlyEvents);
    state.update(features);
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

  /** The pending tick; with none pending, schedules the tick of this event. */
  private long pendingTick(Context ctx, long eventTimestamp) throws Exception {
    Long tick = nextTick.value();
    return tick != null ? tick : schedule(ctx, eventTimestamp);
  }

  /** Schedules the tick an event at {@code timestamp} belongs to, after the last emitted one. */
  private long schedule(Context ctx, long timestamp) throws Exception {
    long tick = -Math.floorDiv(-timestamp, decisionIntervalMillis) * decisionIntervalMillis;
    Long last = lastTick.value();
    if (last != null) {
      tick = Math.max(tick, last + decisionIntervalMillis);
    }
    ctx.timerService().registerEventTimeTimer(tick);
    nextTick.update(tick);
    return tick;
  }
}
