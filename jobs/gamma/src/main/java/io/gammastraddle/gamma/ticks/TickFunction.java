package io.gammastraddle.gamma.ticks;

import io.gammastraddle.features.UnderlyingEvent;
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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by underlying: applies events in decision ticks, multiples of the decision interval in
 * event time, and lets the subclass emit once per tick. Both per-underlying operators (chain and
 * features) work this way, so what they emit depends only on the events' timestamps, never on the
 * order in which parallel inputs happened to arrive: a replay or a restore yields the same output
 * as the live run.
 *
 * <p>An event belongs to the first tick at or after its timestamp. Events wait in map state, by
 * tick, until the watermark passes their tick; its timer then applies them in arrival order and
 * calls {@link #onTick}, so the output at tick T sees exactly the events stamped at or before T.
 * There is a tick for every interval that has events and none for intervals without. Output emitted
 * at tick T carries timestamp T and precedes the watermark T downstream, so the next ticked
 * operator sees it in its own tick T.
 *
 * <p>An event whose tick the watermark has already passed (later than the watermark bound allows)
 * is counted, applied at once, and shows in the output of the tick after the last emitted one.
 *
 * <p>State: the last tick and the events of the ticks not yet emitted (about one interval plus the
 * watermark bound; removed when their tick fires), plus whatever the subclass keeps. The pending
 * events are a list per tick, appended in place on the heap state backend; on RocksDB each append
 * would rewrite the tick's list, so a move to RocksDB should key them by tick and sequence.
 */
public abstract class TickFunction<OUT> extends KeyedProcessFunction<String, UnderlyingEvent, OUT> {

  public static final ValueStateDescriptor<Long> LAST_TICK =
      new ValueStateDescriptor<>("last-tick", Long.class);

  /** Events waiting for their tick, by tick. */
  public static final MapStateDescriptor<Long, List<UnderlyingEvent>> PENDING =
      new MapStateDescriptor<>(
          "pending-events", Types.LONG, Types.LIST(TypeInformation.of(UnderlyingEvent.class)));

  private final long intervalMillis;
  private transient ValueState<Long> lastTick;
  private transient MapState<Long, List<UnderlyingEvent>> pending;
  private transient Counter lateEvents;

  protected TickFunction(long intervalMillis) {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("the decision interval must be positive");
    }
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    lastTick = getRuntimeContext().getState(LAST_TICK);
    pending = getRuntimeContext().getMapState(PENDING);
    lateEvents = getRuntimeContext().getMetricGroup().counter("lateInputs");
  }

  /** Applies one event to the subclass's state. */
  protected abstract void apply(UnderlyingEvent event) throws Exception;

  /** Emits what the state says at {@code tick}, after the tick's events were applied. */
  protected abstract void onTick(String underlying, long tick, Collector<OUT> out) throws Exception;

  @Override
  public void processElement(UnderlyingEvent event, Context ctx, Collector<OUT> out)
      throws Exception {
    long tick = tickOf(event.timestamp());
    Long last = lastTick.value();
    // After a restore the watermark starts again from nothing, so the last tick decides too.
    if (tick > ctx.timerService().currentWatermark() && (last == null || tick > last)) {
      ctx.timerService().registerEventTimeTimer(tick);
      List<UnderlyingEvent> events = pending.get(tick);
      if (events == null) {
        events = new ArrayList<>();
      }
      events.add(event);
      pending.put(tick, events);
      return;
    }
    lateEvents.inc();
    apply(event);
    ctx.timerService().registerEventTimeTimer(last == null ? tick : last + intervalMillis);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
    List<UnderlyingEvent> events = pending.get(timestamp);
    if (events != null) {
      for (UnderlyingEvent event : events) {
        apply(event);
      }
      pending.remove(timestamp);
    }
    lastTick.update(timestamp);
    onTick(ctx.getCurrentKey(), timestamp, out);
  }

  /** The first tick at or after {@code timestamp}. */
  public static long tickOf(long timestamp, long intervalMillis) {
    return -Math.floorDiv(-timestamp, intervalMillis) * intervalMillis;
  }

  private long tickOf(long timestamp) {
    return tickOf(timestamp, intervalMillis);
  }
}
