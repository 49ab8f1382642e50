package io.gammastraddle.gamma.alerts;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * ALERT_COOLDOWN (DESIGN section 10), keyed by {@link #key}: an alert of the same type and subject
 * as one delivered less than the cooldown ago (processing time) is held back and counted, and the
 * next one delivered says how many were. A condition that holds therefore reaches its readers once
 * per cooldown.
 *
 * <p>State: one {@link LastDelivery} per type and subject, never cleared, since the next alert
 * needs the count; types are few and subjects are underlyings and model roles, so it stays small.
 */
public class AlertCooldown extends KeyedProcessFunction<String, Alert, Alert> {

  public static final ValueStateDescriptor<LastDelivery> STATE =
      new ValueStateDescriptor<>("last-delivery", TypeInformation.of(LastDelivery.class));

  private final Duration cooldown;
  private transient ValueState<LastDelivery> lastDelivery;
  private transient Counter delivered;
  private transient Counter suppressed;

  public AlertCooldown(Duration cooldown) {
    this.cooldown = cooldown;
  }

  /** The key the cooldown works on: an alert's type and subject. */
  public static String key(Alert alert) {
    return alert.type() + " " + alert.subject();
  }

  @Override
  public void open(OpenContext openContext) {
    lastDelivery = getRuntimeContext().getState(STATE);
    var metrics = getRuntimeContext().getMetricGroup();
    delivered = metrics.counter("alertsDelivered");
    suppressed = metrics.counter("alertsSuppressed");
  }

  @Override
  public void processElement(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    LastDelivery last = lastDelivery.value();
    if (last != null && now - last.time() < cooldown.toMillis()) {
      lastDelivery.update(new LastDelivery(last.time(), last.suppressed() + 1));
      suppressed.inc();
      return;
    }
    out.collect(last == null || last.suppressed() == 0 ? alert : withSuppressed(alert, last));
    lastDelivery.update(new LastDelivery(now, 0));
    delivered.inc();
  }

  private Alert withSuppressed(Alert alert, LastDelivery last) {
    return new Alert(
        alert.type(),
        alert.subject(),
        alert.timestamp(),
        alert.message()
            + " ("
            + last.suppressed()
            + " more held back by the "
            + cooldown.toSeconds()
            + " s cooldown since "
            + Instant.ofEpochMilli(last.time())
            + ")");
  }
}
