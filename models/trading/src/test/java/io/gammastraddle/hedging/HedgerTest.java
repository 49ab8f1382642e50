package io.gammastraddle.hedging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.hedging.HedgeDecision.Kind;
import io.gammastraddle.orders.InstrumentRules;
import io.gammastraddle.orders.Leg;
import io.gammastraddle.orders.OrderLabel;
import io.gammastraddle.orders.Side;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HedgerTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final long MINUTE = 60_000;
  private static final OrderLabel H0 = OrderLabel.first("BTC", 41, Leg.HEDGE);

  /** Band 0.05 BTC; after 10 minutes without a hedge, anything above 0.01 BTC; 5 s pending. */
  private static final HedgePolicy POLICY =
      new HedgePolicy(0.05, Duration.ofMinutes(10), 0.01, Duration.ofSeconds(5));

  private static final Hedger BTC = new Hedger(POLICY, InstrumentRules.perpetual("BTC"));

  /** No hedge in flight, the last one sent {@code minutesAgo} minutes ago. */
  private static HedgeState hedgedAgo(long minutesAgo) {
    return new HedgeState(null, NOW - minutesAgo * MINUTE, HedgeState.NEVER);
  }

  @Test
  void aDeltaInsideTheBandIsLeftAlone() {
    HedgeDecision decision = BTC.decide(hedgedAgo(1), 0.03, 60_000, NOW);
    assertThat(decision.kind()).isEqualTo(Kind.WITHIN_BAND);
    assertThat(decision.amountUsd()).isZero();
    assertThat(decision.reason()).isEqualTo("delta 0.03 within the band 0.05");
  }

  @Test
  void aLongDeltaBeyondTheBandSellsWholeContractsOfThePerpetual() {
    HedgeDecision decision = BTC.decide(hedgedAgo(1), 0.123, 61_234.5, NOW);
    assertThat(decision.kind()).isEqualTo(Kind.SEND);
    assertThat(decision.side()).isEqualTo(Side.SELL);
    // 0.123 * 61,234.5 = 7,531.84 USD, down to 10 USD contracts: 7,530
    assertThat(decision.amountUsd()).isEqualTo(7_530.0);
    assertThat(decision.delta()).isEqualTo(0.123);
    assertThat(decision.reason()).isEqualTo("delta 0.123 beyond the band 0.05");
  }

  @Test
  void aShortDeltaBuysThePerpetual() {
    HedgeDecision decision = BTC.decide(hedgedAgo(1), -0.08, 60_000, NOW);
    assertThat(decision.side()).isEqualTo(Side.BUY);
    // 0.08 * 60,000 = 4,800 USD
    assertThat(decision.amountUsd()).isEqualTo(4_800.0);
  }

  @Test
  void theSafetyTimerHedgesASmallerDelta() {
    assertThat(BTC.decide(hedgedAgo(9), 0.02, 60_000, NOW).kind()).isEqualTo(Kind.WITHIN_BAND);
    HedgeDecision decision = BTC.decide(hedgedAgo(10), 0.02, 60_000, NOW);
    assertThat(decision.kind()).isEqualTo(Kind.SEND);
    // 0.02 * 60,000 = 1,200 USD
    assertThat(decision.amountUsd()).isEqualTo(1_200.0);
    assertThat(decision.reason()).contains("no hedge for 600000 ms");
  }

  @Test
  void theSafetyTimerLeavesADeltaBelowTheMinimum() {
    assertThat(BTC.decide(hedgedAgo(30), 0.005, 60_000, NOW).kind()).isEqualTo(Kind.WITHIN_BAND);
  }

  @Test
  void neverHavingHedgedCountsAsAnExpiredTimer() {
    assertThat(BTC.decide(HedgeState.initial(), -0.02, 60_000, NOW).kind()).isEqualTo(Kind.SEND);
  }

  @Test
  void lessThanOneContractSendsNothing() {
    Hedger tight =
        new Hedger(
            new HedgePolicy(0.0001, Duration.ofMinutes(10), 0, Duration.ofSeconds(5)),
            InstrumentRules.perpetual("BTC"));
    HedgeDecision decision = tight.decide(hedgedAgo(1), 0.00015, 60_000, NOW);
    // 0.00015 * 60,000 = 9 USD < one 10 USD contract
    assertThat(decision.kind()).isEqualTo(Kind.WITHIN_BAND);
    assertThat(decision.reason()).endsWith("but 9.0 USD is below one contract");
  }

  @Test
  void ethHedgesTradeOneDollarContracts() {
    Hedger eth = new Hedger(POLICY, InstrumentRules.perpetual("ETH"));
    HedgeDecision decision = eth.decide(hedgedAgo(1), -0.4567, 3_000.5, NOW);
    // 0.4567 * 3,000.5 = 1,370.33 USD, down to 1 USD contracts: 1,370
    assertThat(decision.side()).isEqualTo(Side.BUY);
    assertThat(decision.amountUsd()).isEqualTo(1_370.0);
  }

  @Test
  void noNewHedgeWhileOneIsInFlightThenAStatusCheckAfterThePendingTimeout() {
    HedgeState sent = HedgeState.initial().sent(H0, Side.SELL, 7_530, NOW);
    HedgeDecision waiting = BTC.decide(sent, 0.5, 60_000, NOW + 4_999);
    assertThat(waiting.kind()).isEqualTo(Kind.WAIT_IN_FLIGHT);
    assertThat(waiting.reason()).isEqualTo("hedge gsb-BTC-41-h0 in flight for 4999 ms");

    HedgeDecision check = BTC.decide(sent, 0.5, 60_000, NOW + 5_000);
    assertThat(check.kind()).isEqualTo(Kind.CHECK_STATUS);
    assertThat(check.reason()).contains("gsb-BTC-41-h0").contains("ask the exchange by label");

    HedgeState checked = sent.statusChecked(NOW + 5_000);
    assertThat(BTC.decide(checked, 0.5, 60_000, NOW + 9_999).kind()).isEqualTo(Kind.WAIT_IN_FLIGHT);
    assertThat(BTC.decide(checked, 0.5, 60_000, NOW + 10_000).kind()).isEqualTo(Kind.CHECK_STATUS);
  }

  @Test
  void theFinalReportOfTheHedgeInFlightReleasesTheGuardAndTheTimerRestarts() {
    HedgeState done = HedgeState.initial().sent(H0, Side.SELL, 7_530, NOW).finished(H0);
    assertThat(done.inFlight()).isNull();
    assertThat(done.lastHedgeAt()).isEqualTo(NOW);
    assertThat(BTC.decide(done, 0.06, 60_000, NOW + 1_000).kind()).isEqualTo(Kind.SEND);
    // the timer counts from the last hedge: 0.02 is not hedged a minute later
    assertThat(BTC.decide(done, 0.02, 60_000, NOW + MINUTE).kind()).isEqualTo(Kind.WITHIN_BAND);
  }

  @Test
  void reportsAboutOtherHedgesDoNotReleaseTheGuard() {
    HedgeState sent = HedgeState.initial().sent(H0, Side.SELL, 7_530, NOW);
    assertThat(sent.finished(OrderLabel.first("BTC", 40, Leg.HEDGE))).isEqualTo(sent);
  }

  @Test
  void sendingPastTheGuardIsRefused() {
    HedgeState sent = HedgeState.initial().sent(H0, Side.SELL, 7_530, NOW);
    assertThatThrownBy(() -> sent.sent(OrderLabel.first("BTC", 42, Leg.HEDGE), Side.SELL, 10, NOW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("while gsb-BTC-41-h0 is in flight");
  }

  @Test
  void refusesInputsItCannotHedge() {
    assertThatThrownBy(() -> BTC.decide(HedgeState.initial(), Double.NaN, 60_000, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delta");
    assertThatThrownBy(() -> BTC.decide(HedgeState.initial(), 0.1, 0, NOW))
        .hasMessageContaining("Index price");
    assertThatThrownBy(
            () -> new HedgePolicy(0.05, Duration.ofMinutes(10), 0.05, Duration.ofSeconds(5)))
        .hasMessageContaining("Minimum delta");
    assertThatThrownBy(
            () -> new Hedger(POLICY, InstrumentRules.option("BTC", "BTC-9JAN27-60000-C")))
        .hasMessageContaining("not BTC-9JAN27-60000-C");
  }
}
