package io.gammastraddle.gamma.alerts;

import io.gammastraddle.features.UnderlyingEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Thins the market feed to {@link Signal.Kind#FEED_PULSE}s: at most one per underlying every {@link
 * #INTERVAL_MILLIS} of processing time, so the {@code feed_silent} pattern hears the feed without
 * seeing thousands of events a second.
 *
 * <p>It runs on each parallel task of the feed, chained to it, so an underlying whose events reach
 * several tasks pulses once a second on each of them. What it remembers (the last pulse per
 * underlying) is not state: after a restart the first event pulses again, which is true.
 */
public class FeedPulses extends ProcessFunction<UnderlyingEvent, Signal> {

  public static final long INTERVAL_MILLIS = 1_000;

  private transient Map<String, Long> lastPulse;

  @Override
  public void open(OpenContext openContext) {
    lastPulse = new HashMap<>();
  }

  @Override
  public void processElement(UnderlyingEvent event, Context ctx, Collector<Signal> out) {
    long now = ctx.timerService().currentProcessingTime();
    String underlying = event.underlying();
    Long last = lastPulse.get(underlying);
    if (last == null || now - last >= INTERVAL_MILLIS) {
      lastPulse.put(underlying, now);
      out.collect(new Signal(Signal.Kind.FEED_PULSE, underlying, now, ""));
    }
  }
}
