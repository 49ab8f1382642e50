package io.gammastraddle.risk;

import static io.gammastraddle.risk.KillSwitchMode.ACTIVE;
import static io.gammastraddle.risk.KillSwitchMode.REDUCING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KillSwitchTest {

  private static final long HOUR = 3_600_000;
  private static final long DAY = 24 * HOUR;

  /** UTC midnight, 15 January 2027 (20,833 days after the epoch). */
  private static final long MIDNIGHT = 20_833 * DAY;

  private static final long T0 = MIDNIGHT + 10 * HOUR;

  /** Drawdown alone: the daily loss limit is out of reach. */
  private static final RiskLimits DRAWDOWN_10_PCT = limits(1e12, 0.10);

  /** Daily loss alone: the drawdown limit is out of reach. */
  private static final RiskLimits DAILY_LOSS_10K = limits(10_000, 0.99);

  private static RiskLimits limits(double dailyLossLimitUsd, double maxDrawdown) {
    return new RiskLimits(
        1, 0.002, 1_000, 50_000, 5, 20_000, dailyLossLimitUsd, maxDrawdown, Duration.ofSeconds(5));
  }

  @Test
  void startsActiveWithoutEquity() {
    KillSwitch killSwitch = new KillSwitch();

    assertThat(killSwitch.getMode()).isEqualTo(ACTIVE);
    assertThat(killSwitch.isEquityKnown()).isFalse();
    assertThat(killSwitch.getHighWaterMark()).isNaN();
  }

  @Test
  void aDrawdownAtTheLimitStaysActiveAndOneBeyondItTrips() {
    KillSwitch killSwitch = new KillSwitch();
    killSwitch.onEquity(100_000, T0, DRAWDOWN_10_PCT);

    // 1 - 90,000 / 100,000 = 10%: at the limit
    assertThat(killSwitch.onEquity(90_000, T0 + 1, DRAWDOWN_10_PCT)).isEmpty();
    Optional<KillSwitchEvent> event = killSwitch.onEquity(89_000, T0 + 2, DRAWDOWN_10_PCT);

    // 1 - 89,000 / 100,000 = 11%
    assertThat(event)
        .contains(
            new KillSwitchEvent(
                ACTIVE,
                REDUCING,
                "drawdown 11.00% below the high-water mark 100000.00 USD exceeds 10.00%",
                T0 + 2));
    assertThat(killSwitch.getMode()).isEqualTo(REDUCING);
  }

  @Test
  void theHighWaterMarkFollowsNewHighs() {
    KillSwitch killSwitch = new KillSwitch();
    killSwitch.onEquity(100_000, T0, DRAWDOWN_10_PCT);
    killSwitch.onEquity(120_000, T0 + 1, DRAWDOWN_10_PCT);
    killSwitch.onEquity(115_000, T0 + 2, DRAWDOWN_10_PCT);

    assertThat(killSwitch.getHighWaterMark()).isEqualTo(120_000);
    // 1 - 108,000 / 120,000 = 10%: at the limit
    assertThat(killSwitch.onEquity(108_000, T0 + 3, DRAWDOWN_10_PCT)).isEmpty();
    // 1 - 107,000 / 120,000 = 10.83%, though still above the first equity of 100,000
    assertThat(killSwitch.onEquity(107_000, T0 + 4, DRAWDOWN_10_PCT)).isPresent();
    assertThat(killSwitch.drawdown()).isEqualTo(1 - 107_000 / 120_000.0);
  }

  @Test
  void aDailyLossAtTheLimitStaysActiveAndOneBeyondItTrips() {
    KillSwitch killSwitch = new KillSwitch();
    killSwitch.onEquity(100_000, T0, DAILY_LOSS_10K);

    assertThat(killSwitch.onEquity(90_000, T0 + HOUR, DAILY_LOSS_10K)).isEmpty();
    assertThat(killSwitch.dailyLoss()).isEqualTo(10_000);
    Optional<KillSwitchEvent> event = killSwitch.onEquity(89_999, T0 + 2 * HOUR, DAILY_LOSS_10K);

    assertThat(event)
        .contains(
            new KillSwitchEvent(
                ACTIVE, REDUCING, "daily loss 10001.00 USD exceeds 10000.00 USD", T0 + 2 * HOUR));
  }

  @Test
  void bothBreachesAreReportedInOneEvent() {
    KillSwitch killSwitch = new KillSwitch();
    RiskLimits both = limits(10_000, 0.10);
    killSwitch.onEquity(100_000, T0, both);

    assertThat(killSwitch.onEquity(80_000, T0 + 1, both).orElseThrow().reason())
        .isEqualTo(
            "drawdown 20.00% below the high-water mark 100000.00 USD exceeds 10.00%; "
                + "daily loss 20000.00 USD exceeds 10000.00 USD");
  }

  @Test
  void aNewUtcDayOpensAtTheLastEquityOfThePreviousDay() {
    KillSwitch killSwitch = new KillSwitch();
    killSwitch.onEquity(100_000, T0, DAILY_LOSS_10K);
    killSwitch.onEquity(95_000, MIDNIGHT + DAY - 1, DAILY_LOSS_10K);

    // the next day opens at 95,000: a loss of 7,000, not 12,000 since the first equity
    assertThat(killSwitch.onEquity(88_000, MIDNIGHT + DAY, DAILY_LOSS_10K)).isEmpty();
    assertThat(killSwitch.getDayOpenEquity()).isEqualTo(95_000);
    assertThat(killSwitch.dailyLoss()).isEqualTo(7_000);
    // 95,000 - 84,999 = 10,001
    assertThat(killSwitch.onEquity(84_999, MIDNIGHT + DAY + HOUR, DAILY_LOSS_10K)).isPresent();
  }

  @Test
  void aLossWhileNoEquityArrivedCountsOnTheNewDay() {
    KillSwitch killSwitch = new KillSwitch();
    killSwitch.onEquity(100_000, T0, DAILY_LOSS_10K);

    // two days without equity (a restart): the day opens at the last equity seen, 100,000
    assertThat(killSwitch.onEquity(88_000, T0 + 2 * DAY, DAILY_LOSS_10K)).isPresent();
  }

  @Test
  void aNewDayDoesNotLeaveReducing() {
    KillSwitch killSwitch = new KillSwitch();
    killSwitch.onEquity(100_000, T0, DAILY_LOSS_10K);
    killSwitch.onEquity(85_000, T0 + 1, DAILY_LOSS_10K);

    assertThat(killSwitch.onEquity(101_000, T0 + DAY, DAILY_LOSS_10K)).isEmpty();
    assertThat(killSwitch.getMode()).isEqualTo(REDUCING);
    assertThat(killSwitch.getHighWaterMark()).isEqualTo(101_000);
  }

  @Test
  void aResetIsRefusedWhileTheDaysLossExceedsTheLimitAndAcceptedOnTheNextDay() {
    KillSwitch killSwitch = new KillSwitch();
    killSwitch.onEquity(100_000, T0, DAILY_LOSS_10K);
    killSwitch.onEquity(85_000, T0 + 1, DAILY_LOSS_10K);

    KillSwitchEvent refused = killSwitch.reset("alice", "checked fills", T0 + HOUR, DAILY_LOSS_10K);

    assertThat(refused)
        .isEqualTo(
            new KillSwitchEvent(
                REDUCING,
                REDUCING,
                "reset by alice (checked fills) refused: daily loss 15000.00 USD still exceeds"
                    + " 10000.00 USD until the next UTC day",
                T0 + HOUR));
    assertThat(refused.isTransition()).isFalse();
    assertThat(killSwitch.getMode()).isEqualTo(REDUCING);

    // the next day opens at 85,000 with no loss yet
    KillSwitchEvent accepted =
        killSwitch.reset("alice", "checked fills", MIDNIGHT + DAY, DAILY_LOSS_10K);

    assertThat(accepted)
        .isEqualTo(
            new KillSwitchEvent(
                REDUCING,
                ACTIVE,
                "reset by alice (checked fills); high-water mark re-based from 100000.00 to"
                    + " 85000.00 USD",
                MIDNIGHT + DAY));
    assertThat(killSwitch.getMode()).isEqualTo(ACTIVE);
  }

  @Test
  void aResetRebasesTheHighWaterMarkSoTheSameDrawdownNoLongerTrips() {
    KillSwitch killSwitch = new KillSwitch();
    killSwitch.onEquity(100_000, T0, DRAWDOWN_10_PCT);
    killSwitch.onEquity(85_000, T0 + 1, DRAWDOWN_10_PCT);

    assertThat(killSwitch.reset("bob", "loss accepted", T0 + 2, DRAWDOWN_10_PCT).isTransition())
        .isTrue();
    assertThat(killSwitch.getHighWaterMark()).isEqualTo(85_000);
    // 1 - 80,000 / 85,000 = 5.9% below the new mark (20% below the old one)
    assertThat(killSwitch.onEquity(80_000, T0 + 3, DRAWDOWN_10_PCT)).isEmpty();
    // 1 - 76,000 / 85,000 = 10.6%
    assertThat(killSwitch.onEquity(76_000, T0 + 4, DRAWDOWN_10_PCT)).isPresent();
  }

  @Test
  void aResetWhileActiveIsRefusedAndChangesNothing() {
    KillSwitch killSwitch = new KillSwitch();
    killSwitch.onEquity(100_000, T0, DRAWDOWN_10_PCT);
    killSwitch.onEquity(95_000, T0 + 1, DRAWDOWN_10_PCT);

    KillSwitchEvent event = killSwitch.reset("bob", "tidy up", T0 + 2, DRAWDOWN_10_PCT);

    assertThat(event.isTransition()).isFalse();
    assertThat(event.reason()).isEqualTo("reset by bob (tidy up) refused: already ACTIVE");
    assertThat(killSwitch.getHighWaterMark()).isEqualTo(100_000);
  }

  @Test
  void aResetNeedsWhoAndWhy() {
    KillSwitch killSwitch = new KillSwitch();

    assertThatThrownBy(() -> killSwitch.reset(" ", "why", T0, DRAWDOWN_10_PCT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("operator must be given");
    assertThatThrownBy(() -> killSwitch.reset("bob", null, T0, DRAWDOWN_10_PCT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("why must be given");
  }

  @Test
  void refusesNonPositiveOrNonFiniteEquity() {
    KillSwitch killSwitch = new KillSwitch();

    assertThatThrownBy(() -> killSwitch.onEquity(0, T0, DRAWDOWN_10_PCT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("equity must be positive and finite, was 0.0");
    assertThatThrownBy(() -> killSwitch.onEquity(Double.NaN, T0, DRAWDOWN_10_PCT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(killSwitch.isEquityKnown()).isFalse();
  }
}
