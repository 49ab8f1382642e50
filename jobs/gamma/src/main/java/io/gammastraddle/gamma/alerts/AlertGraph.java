package io.gammastraddle.gamma.alerts;

import io.gammastraddle.gamma.JobEndpoints;
import io.gammastraddle.gamma.Uids;
import io.gammastraddle.gamma.config.GammaConfig;
import java.util.EnumSet;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The alert part of the job (docs/alerts.md):
 *
 * <pre>
 * signals -> one CEP operator per pattern (by subject) -> cooldown (by type, subject) -+-> webhooks
 *                                                                                      v
 * the operators' own alerts --------------------------------------> gsb.alerts, Redis gsb:alerts
 * </pre>
 *
 * <p>The operators' own alerts ({@code model_fallback}, {@code risk-rejected}, {@code kill-switch},
 * ...) bypass the cooldown and the webhooks: each reports one event, already once per change of
 * state (a switch to the fallback, a new set of rejection reasons), or answers an operator's
 * command (the kill switch's reset), and must not be held back. The patterns' alerts are conditions
 * that can last; the cooldown holds their repeats back, and they alone go to the chats.
 */
public final class AlertGraph {

  private static final TypeInformation<Alert> ALERT = TypeInformation.of(Alert.class);

  private AlertGraph() {}

  /** Adds the patterns, the cooldown and the alert sinks to the job of {@code signals}. */
  public static void build(
      DataStream<Signal> signals,
      DataStream<Alert> operatorAlerts,
      GammaConfig.Alerts settings,
      JobEndpoints endpoints) {
    DataStream<Alert> raised = null;
    for (AlertPattern pattern : AlertPatterns.all(settings)) {
      DataStream<Alert> alerts = detect(signals, pattern);
      raised = raised == null ? alerts : raised.union(alerts);
    }
    DataStream<Alert> delivered =
        raised
            .keyBy(AlertCooldown::key, Types.STRING)
            .process(new AlertCooldown(settings.cooldown()))
            .uid(Uids.ALERTS_COOLDOWN)
            .name("alerts: cooldown of " + settings.cooldown().toSeconds() + " s");

    DataStream<Alert> all = operatorAlerts.union(delivered);
    all.sinkTo(endpoints.alertsToKafka()).uid(Uids.ALERTS_KAFKA).name("alerts -> gsb.alerts");
    all.sinkTo(endpoints.alertsToCache()).uid(Uids.ALERTS_REDIS).name("alerts -> Redis gsb:alerts");
    for (WebhookSink webhook : endpoints.alertsToWebhooks()) {
      delivered
          .sinkTo(webhook)
          .uid(
              webhook.channel() == WebhookSink.Channel.SLACK
                  ? Uids.ALERTS_SLACK
                  : Uids.ALERTS_TELEGRAM)
          .name("alerts -> " + webhook.channel());
    }
  }

  /** The CEP operator of {@code pattern}, on the signals it reads, keyed by subject. */
  static SingleOutputStreamOperator<Alert> detect(
      DataStream<Signal> signals, AlertPattern pattern) {
    EnumSet<Signal.Kind> kinds = EnumSet.copyOf(pattern.kinds());
    return CEP.pattern(
            signals
                .filter(signal -> kinds.contains(signal.kind()))
                .name("signals for " + pattern.type())
                .keyBy(Signal::subject, Types.STRING),
            pattern.pattern())
        .inProcessingTime()
        .process(pattern.alert(), ALERT)
        .uid(pattern.uid())
        .name(pattern.name());
  }
}
