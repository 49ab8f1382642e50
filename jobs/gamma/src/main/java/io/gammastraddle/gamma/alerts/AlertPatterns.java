package io.gammastraddle.gamma.alerts;

import io.gammastraddle.gamma.Uids;
import io.gammastraddle.gamma.config.GammaConfig;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The alerts the CEP layer raises (DESIGN section 11; docs/alerts.md), each a pattern over one
 * subject's {@link Signal}s in processing time: alerts are about the system now, and the silence of
 * a feed is visible only on the clock (event time stops with the events).
 *
 * <p>Patterns that count skip past their match, so a condition that holds raises one alert per full
 * count, not one per signal; the cooldown ({@link AlertCooldown}) then holds back repeats.
 *
 * <p>A counting pattern's uid ends with its count: Flink CEP names the states of {@code times(n)}
 * after their position, so partial matches saved under a larger count cannot be restored under a
 * smaller one (the job would fail at the next signal: "State ... does not exist in the NFA"). A
 * changed count is therefore a new operator; its predecessor's few pending signals are dropped,
 * which {@code flink run --allowNonRestoredState} accepts. Windows can change freely.
 */
public final class AlertPatterns {

  private AlertPatterns() {}

  /** Every pattern, with the thresholds of {@code settings}. */
  public static List<AlertPattern> all(GammaConfig.Alerts settings) {
    return List.of(
        feedSilent(settings.feedSilence()),
        bookGaps(settings.bookGaps(), settings.bookGapsWindow()),
        modelUnhealthy(),
        fallbackStreak(settings.fallbackStreak()),
        riskLimitBreach(),
        killSwitchTripped(),
        orderRejects(settings.orderRejects(), settings.orderRejectsWindow()));
  }

  /**
   * {@code feed_silent}: a pulse not followed by another within {@code silence}. A NOT stage at the
   * end of a pattern with a window is a match once the window passes without the forbidden event
   * (Flink CEP keeps it pending until then), so the silence itself raises the alert; each pulse
   * ends the wait of the one before, so a silence raises one alert.
   */
  static AlertPattern feedSilent(Duration silence) {
    return new AlertPattern(
        "feed_silent",
        Uids.ALERTS_FEED_SILENT,
        "alerts: feed silent for " + silence.toSeconds() + " s",
        EnumSet.of(Signal.Kind.FEED_PULSE),
        Pattern.<Signal>begin("pulse")
            .where(is(Signal.Kind.FEED_PULSE))
            .notFollowedBy("next pulse")
            .where(is(Signal.Kind.FEED_PULSE))
            .within(silence),
        new MatchAlert(
            "feed_silent",
            matched -> {
              Signal pulse = matched.get(0);
              return "no market data for "
                  + pulse.subject()
                  + " for "
                  + silence.toSeconds()
                  + " s; the last arrived at "
                  + Instant.ofEpochMilli(pulse.timestamp());
            }));
  }

  /** {@code book_gaps}: {@code count} book gaps of one underlying within {@code window}. */
  static AlertPattern bookGaps(int count, Duration window) {
    return counted(
        "book_gaps",
        Uids.ALERTS_BOOK_GAPS + "-" + count,
        Signal.Kind.BOOK_GAP,
        count,
        window,
        "book gaps",
        "books resynchronize from snapshots meanwhile");
  }

  /**
   * {@code order_rejects}: {@code count} of the strategy's orders rejected within {@code window}.
   */
  static AlertPattern orderRejects(int count, Duration window) {
    return counted(
        "order_rejects",
        Uids.ALERTS_ORDER_REJECTS + "-" + count,
        Signal.Kind.ORDER_REJECTED,
        count,
        window,
        "orders rejected by the exchange",
        "check the execution sink's log and the account");
  }

  /**
   * {@code model_unhealthy}: the model drifts, fails its health check or a bundle was refused; the
   * scorer uses the fallback parameters meanwhile.
   */
  static AlertPattern modelUnhealthy() {
    return single(
        "model_unhealthy",
        Uids.ALERTS_MODEL_UNHEALTHY,
        EnumSet.of(
            Signal.Kind.MODEL_UNHEALTHY, Signal.Kind.MODEL_DRIFTING, Signal.Kind.BUNDLE_REFUSED),
        signal ->
            signal.kind() == Signal.Kind.BUNDLE_REFUSED
                ? "the " + signal.subject() + " model bundle was refused: " + signal.detail()
                : signal.subject()
                    + " scores on the fallback parameters: "
                    + signal.detail()
                    + " (scoring.drift-threshold, scoring.health-window)");
  }

  /** {@code fallback_streak}: {@code count} predictions in a row on the fallback parameters. */
  static AlertPattern fallbackStreak(int count) {
    return new AlertPattern(
        "fallback_streak",
        Uids.ALERTS_FALLBACK_STREAK + "-" + count,
        "alerts: " + count + " fallback predictions in a row",
        // The model's predictions come too: they break the streak's strict contiguity.
        EnumSet.of(Signal.Kind.FALLBACK_PREDICTION, Signal.Kind.MODEL_PREDICTION),
        Pattern.<Signal>begin("fallbacks", AfterMatchSkipStrategy.skipPastLastEvent())
            .where(is(Signal.Kind.FALLBACK_PREDICTION))
            .times(count)
            .consecutive(),
        new MatchAlert(
            "fallback_streak",
            matched -> {
              Signal last = matched.get(matched.size() - 1);
              return count
                  + " predictions in a row for "
                  + last.subject()
                  + " on the fallback parameters, the last because: "
                  + last.detail();
            }));
  }

  /** {@code risk_limit_breach}: the risk manager refused an entry or a hedge. */
  static AlertPattern riskLimitBreach() {
    return single(
        "risk_limit_breach",
        Uids.ALERTS_RISK_LIMIT_BREACH,
        EnumSet.of(Signal.Kind.RISK_REJECTED),
        signal -> "risk limit: " + signal.detail());
  }

  /** {@code kill_switch_tripped}: the kill switch went to REDUCING. */
  static AlertPattern killSwitchTripped() {
    return single(
        "kill_switch_tripped",
        Uids.ALERTS_KILL_SWITCH_TRIPPED,
        EnumSet.of(Signal.Kind.KILL_SWITCH_TRIPPED),
        signal ->
            signal.detail()
                + "; only hedges and exits until ./gsb kill-switch reset --underlying "
                + signal.subject());
  }

  /** {@code count} signals of {@code kind} within {@code window}, then counting starts again. */
  private static AlertPattern counted(
      String type,
      String uid,
      Signal.Kind kind,
      int count,
      Duration window,
      String what,
      String advice) {
    return new AlertPattern(
        type,
        uid,
        "alerts: " + count + " " + what + " within " + window.toSeconds() + " s",
        EnumSet.of(kind),
        // A fixed stage name: CEP names the NFA's states after it, so a reworded message keeps
        // the partial matches of a savepoint restorable.
        Pattern.<Signal>begin("signals", AfterMatchSkipStrategy.skipPastLastEvent())
            .where(is(kind))
            .times(count)
            .within(window),
        new MatchAlert(
            type,
            matched ->
                count
                    + " "
                    + what
                    + " on "
                    + matched.get(0).subject()
                    + " within "
                    + window.toSeconds()
                    + " s ("
                    + advice
                    + "): "
                    + matched.stream().map(Signal::detail).collect(Collectors.joining("; "))));
  }

  /** Every signal of {@code kinds} is a match. */
  private static AlertPattern single(
      String type, String uid, Set<Signal.Kind> kinds, SingleMessage message) {
    return new AlertPattern(
        type,
        uid,
        "alerts: " + type.replace('_', ' '),
        kinds,
        Pattern.<Signal>begin("signal").where(SimpleCondition.of(s -> kinds.contains(s.kind()))),
        new MatchAlert(type, matched -> message.of(matched.get(0))));
  }

  /** The message of a one-signal match. */
  private interface SingleMessage extends Serializable {
    String of(Signal signal);
  }

  private static SimpleCondition<Signal> is(Signal.Kind kind) {
    return SimpleCondition.of(signal -> signal.kind() == kind);
  }
}
