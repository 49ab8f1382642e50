package io.gammastraddle.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StraddleExitTest {

  private static final long NOW = 1_740_000_000_000L;
  private static final long DAY = 24 * 3_600_000L;
  private static final StraddleExit EXIT = new StraddleExit(Duration.ofDays(1));

  /** 1,000 USD paid; take-profit 25% (at 1,250), stop-loss 10% (at 900); three days left. */
  private static OpenStraddle straddle(long expiry) {
    return new OpenStraddle(
        "BTC", "BTC-27JUN25-60000-C", "BTC-27JUN25-60000-P", 0.5, expiry, 1_000, 0.25, 0.1);
  }

  private static final OpenStraddle THREE_DAYS = straddle(NOW + 3 * DAY);

  @Test
  void holdsBetweenStopLossAndTakeProfit() {
    ExitDecision decision = EXIT.decide(THREE_DAYS, 1_100, 0, NOW);

    // (1,100 - 1,000) / 1,000 = 0.1
    assertThat(decision.action()).isEqualTo(ExitAction.HOLD);
    assertThat(decision.exits()).isFalse();
    assertThat(decision.pnlOverPremium()).isEqualTo(0.1);
    assertThat(decision.timeToExpiry()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void takesProfitFromPremiumTimesOnePlusTakeProfit() {
    // 1,000 x (1 + 0.25) = 1,250
    assertThat(EXIT.decide(THREE_DAYS, 1_250, 0, NOW).action()).isEqualTo(ExitAction.TAKE_PROFIT);
    assertThat(EXIT.decide(THREE_DAYS, 1_249.99, 0, NOW).action()).isEqualTo(ExitAction.HOLD);
  }

  @Test
  void stopsLossAtPremiumTimesOneMinusStopLoss() {
    // 1,000 x (1 - 0.1) = 900
    ExitDecision decision = EXIT.decide(THREE_DAYS, 900, 0, NOW);

    assertThat(decision.action()).isEqualTo(ExitAction.STOP_LOSS);
    assertThat(decision.pnlOverPremium()).isEqualTo(-0.1);
    assertThat(EXIT.decide(THREE_DAYS, 900.01, 0, NOW).action()).isEqualTo(ExitAction.HOLD);
  }

  @Test
  void theHedgesPnlCountsTowardTakeProfitAndStopLoss() {
    // the legs alone are worth 1,300 (+30%), but the hedge lost 100: (1,300 - 100 - 1,000) / 1,000
    // = +20%, short of the take-profit
    ExitDecision given = EXIT.decide(THREE_DAYS, 1_300, -100, NOW);
    assertThat(given.action()).isEqualTo(ExitAction.HOLD);
    assertThat(given.pnlOverPremium()).isEqualTo(0.2);
    // the legs lost 5%, the hedge another 60: (950 - 60 - 1,000) / 1,000 = -11%
    assertThat(EXIT.decide(THREE_DAYS, 950, -60, NOW).action()).isEqualTo(ExitAction.STOP_LOSS);
    // a hedge gain of 300 on legs at par is the take-profit: (1,000 + 300 - 1,000) / 1,000 = 30%
    assertThat(EXIT.decide(THREE_DAYS, 1_000, 300, NOW).action()).isEqualTo(ExitAction.TAKE_PROFIT);
  }

  @Test
  void leavesWhenLessThanTheMinimumTimeToExpiryIsLeft() {
    ExitDecision late = EXIT.decide(straddle(NOW + DAY - 1), 1_000, 0, NOW);

    assertThat(late.action()).isEqualTo(ExitAction.TIME_TO_EXPIRY);
    assertThat(late.timeToExpiry()).isEqualTo(Duration.ofMillis(DAY - 1));
    assertThat(EXIT.decide(straddle(NOW + DAY), 1_000, 0, NOW).action())
        .as("exactly the minimum is not below it")
        .isEqualTo(ExitAction.HOLD);
    assertThat(EXIT.decide(straddle(NOW - 1), 1_000, 0, NOW).action())
        .isEqualTo(ExitAction.TIME_TO_EXPIRY);
  }

  @Test
  void takeProfitAndStopLossComeBeforeTheTimeExit() {
    OpenStraddle expiring = straddle(NOW + 3_600_000);

    assertThat(EXIT.decide(expiring, 1_300, 0, NOW).action()).isEqualTo(ExitAction.TAKE_PROFIT);
    assertThat(EXIT.decide(expiring, 800, 0, NOW).action()).isEqualTo(ExitAction.STOP_LOSS);
    assertThat(EXIT.decide(expiring, 1_000, 0, NOW).action()).isEqualTo(ExitAction.TIME_TO_EXPIRY);
  }

  @Test
  void refusesAValueOrHedgePnlThatIsNotANumber() {
    assertThatThrownBy(() -> EXIT.decide(THREE_DAYS, Double.NaN, 0, NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EXIT.decide(THREE_DAYS, 1_000, Double.POSITIVE_INFINITY, NOW))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EXIT.decide(THREE_DAYS, -1, 0, NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesImpossibleStraddlesAndRules() {
    assertThatThrownBy(() -> new OpenStraddle("BTC", "C", "P", 0.5, NOW, 1_000, 0.25, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stopLoss=1");
    assertThatThrownBy(() -> new OpenStraddle("BTC", "C", "P", 0.5, NOW, 0, 0.25, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StraddleExit(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
