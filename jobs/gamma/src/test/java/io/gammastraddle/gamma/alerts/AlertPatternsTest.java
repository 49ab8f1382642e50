package io.gammastraddle.gamma.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gammastraddle.gamma.config.GammaConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each alert pattern on its CEP operator in processing time, with the default thresholds: it fires
 * on its scenario, not below its threshold, and the cooldown holds its repeats back.
 */
class AlertPatternsTest {

  private static final GammaConfig.Alerts SETTINGS = GammaConfig.defaultConfig().alerts();
  private static final long T0 = 1_800_000_000_000L;
  private static final long SECOND = 1_000;

  private AlertHarness harness;

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void theDefaultsAreThoseOfTheDesign() {
    assertThat(SETTINGS.feedSilence()).isEqualTo(Duration.ofSeconds(30));
    assertThat(SETTINGS.bookGaps()).isEqualTo(3);
    assertThat(SETTINGS.bookGapsWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(SETTINGS.fallbackStreak()).isEqualTo(10);
    assertThat(SETTINGS.orderRejects()).isEqualTo(5);
    assertThat(SETTINGS.orderRejectsWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(SETTINGS.cooldown()).isEqualTo(Duration.ofSeconds(300));
    List<AlertPattern> all = AlertPatterns.all(SETTINGS);
    assertThat(all)
        .extracting(AlertPattern::type)
        .containsExactly(
            "feed_silent",
            "book_gaps",
            "model_unhealthy",
            "fallback_streak",
            "risk_limit_breach",
            "kill_switch_tripped",
            "order_rejects");
    assertThat(all).extracting(AlertPattern::uid).doesNotHaveDuplicates();
  }

  @Test
  void aFeedThatPulsesEverySecondIsNeverSilent() throws Exception {
    open("feed_silent");
    for (long t = T0; t <= T0 + 120 * SECOND; t += SECOND) {
      signal(Signal.Kind.FEED_PULSE, "BTC", t, "");
    }
    harness.at(T0 + 149 * SECOND);

    assertThat(harness.raised()).isEmpty();
  }

  @Test
  void aFeedSilentForThirtySecondsRaisesOneAlertForItsUnderlyingOnly() throws Exception {
    open("feed_silent");
    for (long t = T0; t <= T0 + 100 * SECOND; t += SECOND) {
      signal(Signal.Kind.FEED_PULSE, "ETH", t, "");
      if (t <= T0 + 10 * SECOND) {
        signal(Signal.Kind.FEED_PULSE, "BTC", t, "");
      }
      if (t == T0 + 39 * SECOND) {
        assertThat(harness.raised()).as("29 s of silence").isEmpty();
      }
    }

    assertThat(harness.delivered())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.type()).isEqualTo("feed_silent");
              assertThat(alert.subject()).isEqualTo("BTC");
              assertThat(alert.timestamp()).as("30 s of silence").isEqualTo(T0 + 40 * SECOND);
              assertThat(alert.message())
                  .isEqualTo(
                      "no market data for BTC for 30 s; the last arrived at "
                          + Instant.ofEpochMilli(T0 + 10 * SECOND));
            });
  }

  @Test
  void aFeedSilentAgainWithinTheCooldownIsHeldBackAndCountedInTheNextAlert() throws Exception {
    open("feed_silent");
    signal(Signal.Kind.FEED_PULSE, "BTC", T0, "");
    harness.at(T0 + 31 * SECOND); // silent: delivered
    signal(Signal.Kind.FEED_PULSE, "BTC", T0 + 60 * SECOND, "");
    harness.at(T0 + 91 * SECOND); // silent again: held back
    signal(Signal.Kind.FEED_PULSE, "BTC", T0 + 400 * SECOND, "");
    harness.at(T0 + 431 * SECOND); // after the cooldown: delivered, with the count

    assertThat(harness.raised()).hasSize(3);
    assertThat(harness.delivered()).hasSize(2);
    assertThat(harness.delivered().get(1).message())
        .endsWith(
            "(1 more held back by the 300 s cooldown since "
                + Instant.ofEpochMilli(T0 + 31 * SECOND)
                + ")");
  }

  @Test
  void threeBookGapsWithinAMinuteRaiseBookGapsAndTwoDoNot() throws Exception {
    open("book_gaps");
    gap(T0, "BTC-PERPETUAL: change 12 follows 10");
    gap(T0 + 20 * SECOND, "BTC-29MAR24-60000-C: change 7 follows 5");
    assertThat(harness.raised()).as("two gaps").isEmpty();

    gap(T0 + 50 * SECOND, "BTC-PERPETUAL: change 40 follows 38");

    assertThat(harness.delivered())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.type()).isEqualTo("book_gaps");
              assertThat(alert.subject()).isEqualTo("BTC");
              assertThat(alert.message())
                  .startsWith("3 book gaps on BTC within 60 s")
                  .contains("change 12 follows 10", "change 7 follows 5", "change 40 follows 38");
            });
  }

  @Test
  void bookGapsFartherApartThanTheWindowRaiseNothing() throws Exception {
    open("book_gaps");
    for (int i = 0; i < 6; i++) {
      gap(T0 + i * 40 * SECOND, "gap " + i);
    }

    assertThat(harness.raised()).isEmpty();
  }

  @Test
  void moreGapsWithinTheCooldownRaiseAgainButAreHeldBack() throws Exception {
    open("book_gaps");
    for (int i = 0; i < 6; i++) {
      gap(T0 + i * SECOND, "gap " + i);
    }

    assertThat(harness.raised()).as("counting starts again after a match").hasSize(2);
    assertThat(harness.delivered()).hasSize(1);
  }

  @Test
  void aRestoredPatternKeepsItsPartialMatchesAndAnotherCountIsAnotherOperator() throws Exception {
    open("book_gaps");
    gap(T0, "before 1");
    gap(T0 + SECOND, "before 2");
    OperatorSubtaskState saved = harness.snapshot();
    harness.close();

    harness = AlertHarness.of(pattern("book_gaps"), SETTINGS.cooldown(), T0 + 2 * SECOND, saved);
    gap(T0 + 3 * SECOND, "after the restore");

    assertThat(harness.delivered())
        .singleElement()
        .satisfies(alert -> assertThat(alert.message()).contains("before 1", "after the restore"));
    // Partial matches saved under a count cannot be restored under a smaller one: the NFA has no
    // state of that name any more. So the count is part of the uid, and another count is a new
    // operator.
    harness.close();
    harness =
        AlertHarness.of(
            AlertPatterns.bookGaps(2, SETTINGS.bookGapsWindow()),
            SETTINGS.cooldown(),
            T0 + 2 * SECOND,
            saved);
    assertThatThrownBy(() -> gap(T0 + 3 * SECOND, "after a restore under count 2"))
        .hasStackTraceContaining("does not exist in the NFA");
    assertThat(pattern("book_gaps").uid()).isEqualTo("alerts-book-gaps-3");
    assertThat(AlertPatterns.bookGaps(2, SETTINGS.bookGapsWindow()).uid())
        .isEqualTo("alerts-book-gaps-2");
  }

  @Test
  void tenFallbackPredictionsInARowRaiseAStreakAndAModelPredictionBreaksIt() throws Exception {
    open("fallback_streak");
    long t = T0;
    for (int i = 0; i < 9; i++) {
      signal(Signal.Kind.FALLBACK_PREDICTION, "BTC", t += SECOND, "no model yet");
    }
    signal(Signal.Kind.MODEL_PREDICTION, "BTC", t += SECOND, "v1");
    for (int i = 0; i < 9; i++) {
      signal(Signal.Kind.FALLBACK_PREDICTION, "BTC", t += SECOND, "the model expired");
    }
    assertThat(harness.raised()).as("9, a model prediction, 9").isEmpty();

    signal(Signal.Kind.FALLBACK_PREDICTION, "BTC", t += SECOND, "the model expired");
    for (int i = 0; i < 10; i++) {
      signal(Signal.Kind.FALLBACK_PREDICTION, "BTC", t += SECOND, "the model expired");
    }

    assertThat(harness.raised()).as("one per ten in a row").hasSize(2);
    assertThat(harness.delivered())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.type()).isEqualTo("fallback_streak");
              assertThat(alert.message())
                  .isEqualTo(
                      "10 predictions in a row for BTC on the fallback parameters, the last"
                          + " because: the model expired");
            });
  }

  @Test
  void aDriftingModelOrARefusedBundleRaisesModelUnhealthyAndAPredictionDoesNot() throws Exception {
    open("model_unhealthy");
    signal(Signal.Kind.MODEL_PREDICTION, "BTC", T0, "v1");
    assertThat(harness.raised()).isEmpty();

    signal(Signal.Kind.MODEL_DRIFTING, "BTC", T0 + SECOND, "model v1: vol_pct drifts: PSI 0.4");
    signal(Signal.Kind.BUNDLE_REFUSED, "current", T0 + 2 * SECOND, "Not a model bundle");
    signal(Signal.Kind.MODEL_UNHEALTHY, "BTC", T0 + 3 * SECOND, "model v1: unhealthy: size MAE");
    signal(Signal.Kind.MODEL_DRIFTING, "BTC", T0 + 302 * SECOND, "model v1: vol_pct drifts");

    assertThat(harness.raised()).hasSize(4);
    assertThat(harness.delivered())
        .extracting(Alert::subject, Alert::message)
        .containsExactly(
            tuple(
                "BTC",
                "BTC scores on the fallback parameters: model v1: vol_pct drifts: PSI 0.4"
                    + " (scoring.drift-threshold, scoring.health-window)"),
            tuple("current", "the current model bundle was refused: Not a model bundle"),
            tuple(
                "BTC",
                "BTC scores on the fallback parameters: model v1: vol_pct drifts"
                    + " (scoring.drift-threshold, scoring.health-window) (1 more held back by the"
                    + " 300 s cooldown since "
                    + Instant.ofEpochMilli(T0 + SECOND)
                    + ")"));
  }

  @Test
  void aRiskRejectionRaisesABreachOncePerCooldown() throws Exception {
    open("risk_limit_breach");
    for (int i = 0; i < 5; i++) {
      signal(
          Signal.Kind.RISK_REJECTED,
          "BTC",
          T0 + i * SECOND,
          "BTC entry: delta 1.4 would exceed 1 coin");
    }

    assertThat(harness.raised()).hasSize(5);
    assertThat(harness.delivered())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.type()).isEqualTo("risk_limit_breach");
              assertThat(alert.message())
                  .isEqualTo("risk limit: BTC entry: delta 1.4 would exceed 1 coin");
            });
  }

  @Test
  void theKillSwitchTrippingRaisesAnAlertThatSaysHowToReset() throws Exception {
    open("kill_switch_tripped");
    signal(
        Signal.Kind.KILL_SWITCH_TRIPPED,
        "ETH",
        T0,
        "ETH: ACTIVE -> REDUCING: drawdown 0.15 above 0.1");

    assertThat(harness.delivered())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.type()).isEqualTo("kill_switch_tripped");
              assertThat(alert.subject()).isEqualTo("ETH");
              assertThat(alert.message())
                  .startsWith("ETH: ACTIVE -> REDUCING")
                  .endsWith("./gsb kill-switch reset --underlying ETH");
            });
  }

  @Test
  void fiveOrderRejectsWithinAMinuteRaiseABurstAndFourOrSlowerOnesDoNot() throws Exception {
    open("order_rejects");
    for (int i = 0; i < 5; i++) {
      reject(T0 + i * 30 * SECOND, "slow " + i);
    }
    long t = T0 + 1_000 * SECOND;
    for (int i = 0; i < 4; i++) {
      reject(t + i * SECOND, "fast " + i);
    }
    assertThat(harness.raised()).as("five over two minutes, then four").isEmpty();

    reject(t + 4 * SECOND, "fast 4");

    assertThat(harness.delivered())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.type()).isEqualTo("order_rejects");
              assertThat(alert.message())
                  .startsWith("5 orders rejected by the exchange on BTC within 60 s")
                  .contains("fast 0", "fast 4")
                  .doesNotContain("slow");
            });
  }

  private void open(String type) throws Exception {
    harness = AlertHarness.of(pattern(type), SETTINGS.cooldown(), T0);
  }

  private static AlertPattern pattern(String type) {
    return AlertPatterns.all(SETTINGS).stream()
        .filter(candidate -> candidate.type().equals(type))
        .findFirst()
        .orElseThrow();
  }

  private void signal(Signal.Kind kind, String subject, long time, String detail) throws Exception {
    harness.at(time);
    harness.send(new Signal(kind, subject, time, detail));
  }

  private void gap(long time, String detail) throws Exception {
    signal(Signal.Kind.BOOK_GAP, "BTC", time, detail);
  }

  private void reject(long time, String detail) throws Exception {
    signal(Signal.Kind.ORDER_REJECTED, "BTC", time, detail);
  }
}
