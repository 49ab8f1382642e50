package io.gammastraddle.risk;

import static io.gammastraddle.risk.OrderProposal.Kind.ENTRY;
import static io.gammastraddle.risk.OrderProposal.Kind.EXIT;
import static io.gammastraddle.risk.OrderProposal.Kind.HEDGE;
import static io.gammastraddle.risk.RejectReason.DELTA;
import static io.gammastraddle.risk.RejectReason.EQUITY_UNKNOWN;
import static io.gammastraddle.risk.RejectReason.GAMMA;
import static io.gammastraddle.risk.RejectReason.KILL_SWITCH;
import static io.gammastraddle.risk.RejectReason.OPEN_STRADDLES;
import static io.gammastraddle.risk.RejectReason.PREMIUM_AT_RISK;
import static io.gammastraddle.risk.RejectReason.RESYNCING;
import static io.gammastraddle.risk.RejectReason.STALE_DATA;
import static io.gammastraddle.risk.RejectReason.VALUE_AT_RISK;
import static io.gammastraddle.risk.RejectReason.VEGA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.risk.OrderProposal.Kind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RiskManagerTest {

  private static final long HOUR = 3_600_000;
  private static final long DAY = 24 * HOUR;

  /** 10:00 UTC, 15 January 2027. */
  private static final long NOW = 20_833 * DAY + 10 * HOUR;

  private static final RiskLimits LIMITS =
      new RiskLimits(1.0, 0.002, 1_000, 50_000, 5, 20_000, 10_000, 0.10, Duration.ofSeconds(5));

  /**
   * Fresh data and zero vols: the parametric VaR is then minus the day's theta alone, so a test can
   * put it exactly on the limit.
   */
  private static final MarketSnapshot CALM = new MarketSnapshot(50_000, 0, 0, NOW, false);

  /** A straddle of 0.5 contracts a leg: small against every limit. */
  private static final Exposure STRADDLE = new Exposure(0.05, 0.0002, 60, -40, 1_860, 1);

  private final KillSwitch killSwitch = new KillSwitch();
  private final RejectionCounters counters = new RejectionCounters();
  private RiskManager manager = managerWith(LIMITS, new ScenarioWindow(365));

  private RiskManager managerWith(RiskLimits limits, ScenarioWindow scenarios) {
    return new RiskManager(limits, killSwitch, scenarios, counters);
  }

  @BeforeEach
  void equityIsKnown() {
    manager.onEquity(500_000, NOW - HOUR);
  }

  private RiskDecision check(Kind kind, Exposure current, Exposure increment) {
    return manager.check(new OrderProposal(kind, increment, CALM), current, NOW);
  }

  private RiskDecision enter(Exposure increment) {
    return check(ENTRY, Exposure.NONE, increment);
  }

  /** Fresh data at {@code timestamp}, zero vols. */
  private static MarketSnapshot fresh(long timestamp) {
    return new MarketSnapshot(50_000, 0, 0, timestamp, false);
  }

  private static Exposure delta(double delta) {
    return new Exposure(delta, 0, 0, 0, 0, 0);
  }

  private static void assertRejected(RiskDecision decision, RejectReason reason, String message) {
    assertThat(decision.isApproved()).isFalse();
    assertThat(decision.reasons()).containsExactly(reason);
    assertThat(decision.message()).isEqualTo(message);
  }

  @Test
  void deltaIsLimitedInAbsoluteValue() {
    assertThat(enter(delta(1.0)).isApproved()).isTrue();
    assertThat(enter(delta(0.999)).isApproved()).isTrue();
    assertRejected(enter(delta(1.001)), DELTA, "delta 1.001 would exceed 1 coin");
    assertRejected(enter(delta(-1.001)), DELTA, "delta 1.001 would exceed 1 coin");
    // 1.0 + 0.42: the entry counts on top of the book
    assertRejected(check(ENTRY, delta(1.0), delta(0.42)), DELTA, "delta 1.42 would exceed 1 coin");
  }

  @Test
  void gammaIsLimitedInAbsoluteValue() {
    assertThat(enter(new Exposure(0, 0.002, 0, 0, 0, 0)).isApproved()).isTrue();
    assertThat(enter(new Exposure(0, 0.00199, 0, 0, 0, 0)).isApproved()).isTrue();
    assertRejected(
        enter(new Exposure(0, 0.00201, 0, 0, 0, 0)),
        GAMMA,
        "gamma 0.00201 would exceed 0.002 per USD");
  }

  @Test
  void vegaIsLimitedInAbsoluteValue() {
    assertThat(enter(new Exposure(0, 0, 1_000, 0, 0, 0)).isApproved()).isTrue();
    assertThat(enter(new Exposure(0, 0, 999.99, 0, 0, 0)).isApproved()).isTrue();
    assertRejected(
        enter(new Exposure(0, 0, -1_000.01, 0, 0, 0)),
        VEGA,
        "vega 1000.01 would exceed 1000 USD per vol point");
  }

  @Test
  void premiumAtRiskIsLimited() {
    assertThat(enter(new Exposure(0, 0, 0, 0, 50_000, 1)).isApproved()).isTrue();
    assertThat(enter(new Exposure(0, 0, 0, 0, 49_999.99, 1)).isApproved()).isTrue();
    assertRejected(
        enter(new Exposure(0, 0, 0, 0, 50_000.01, 1)),
        PREMIUM_AT_RISK,
        "premium at risk 50000.01 would exceed 50000 USD");
  }

  @Test
  void openStraddlesAreLimited() {
    Exposure one = new Exposure(0, 0, 0, 0, 0, 1);

    assertThat(check(ENTRY, new Exposure(0, 0, 0, 0, 0, 4), one).isApproved()).isTrue();
    assertThat(check(ENTRY, new Exposure(0, 0, 0, 0, 0, 3), one).isApproved()).isTrue();
    assertRejected(
        check(ENTRY, new Exposure(0, 0, 0, 0, 0, 5), one),
        OPEN_STRADDLES,
        "open straddles 6 would exceed 5");
  }

  @Test
  void valueAtRiskIsLimited() {
    // zero vols: VaR = 2.326 * 0 - theta = -theta
    assertThat(enter(new Exposure(0, 0, 0, -20_000, 0, 0)).isApproved()).isTrue();
    assertThat(enter(new Exposure(0, 0, 0, -19_999.99, 0, 0)).isApproved()).isTrue();
    assertRejected(
        enter(new Exposure(0, 0, 0, -20_000.01, 0, 0)),
        VALUE_AT_RISK,
        "1-day VaR 20000.01 USD would exceed 20000 USD"
            + " (historical not enough scenarios, parametric 20000.01)");
  }

  @Test
  void valueAtRiskTakesTheLargerOfHistoricalAndParametric() {
    ScenarioWindow scenarios = new ScenarioWindow(365);
    scenarios.add(-0.10, 0);
    scenarios.add(-0.08, 0);
    for (int i = 2; i < ValueAtRisk.MIN_HISTORICAL_SCENARIOS; i++) {
      scenarios.add(0, 0);
    }
    manager =
        managerWith(
            new RiskLimits(1, 0.002, 1_000, 50_000, 5, 2_000, 10_000, 0.1, Duration.ofSeconds(5)),
            scenarios);

    // 0.5 coin: P&Ls -2,500, -2,000, then 98 zeros; h = 99 * 0.01 = 0.99
    // q = -2,500 + 0.99 * 500 = -2,005; the parametric VaR is 0 with zero vols
    assertRejected(
        enter(delta(0.5)),
        VALUE_AT_RISK,
        "1-day VaR 2005 USD would exceed 2000 USD (historical 2005, parametric 0)");
  }

  @Test
  void aRejectionListsEveryFailedLimitWithItsNumbers() {
    RiskDecision decision = enter(new Exposure(1.42, 0.003, 0, 0, 0, 1));

    assertThat(decision.reasons()).containsExactly(DELTA, GAMMA);
    assertThat(decision.message())
        .isEqualTo("delta 1.42 would exceed 1 coin; gamma 0.003 would exceed 0.002 per USD");
  }

  @Test
  void anEntryMustRespectALimitItBringsCloser() {
    assertRejected(
        check(ENTRY, delta(1.5), new Exposure(-0.2, 0.0002, 60, -40, 1_860, 1)),
        DELTA,
        "delta 1.3 would exceed 1 coin");
  }

  @Test
  void reducingModeRefusesEntriesButAllowsHedgesAndExits() {
    // 500,000 -> 400,000: a 20% drawdown and a 100,000 USD daily loss
    assertThat(manager.onEquity(400_000, NOW)).isPresent();
    assertThat(manager.mode()).isEqualTo(KillSwitchMode.REDUCING);
    Exposure book = new Exposure(0.3, 0.001, 300, -200, 9_300, 4);

    assertRejected(
        check(ENTRY, book, STRADDLE),
        KILL_SWITCH,
        "kill switch is REDUCING: only hedges and exits");
    assertThat(check(HEDGE, book, Exposure.ofHedge(-0.3)).isApproved()).isTrue();
    assertThat(check(EXIT, book, STRADDLE.negate()).isApproved()).isTrue();
  }

  @Test
  void entriesResumeAfterAManualResetOnTheNextDay() {
    manager.onEquity(400_000, NOW);
    assertThat(manager.reset("alice", "fills checked", NOW + DAY).isTransition()).isTrue();

    assertThat(
            manager
                .check(
                    new OrderProposal(ENTRY, STRADDLE, fresh(NOW + DAY)), Exposure.NONE, NOW + DAY)
                .isApproved())
        .isTrue();
  }

  @Test
  void anEntryNeedsAKnownEquity() {
    KillSwitch noEquity = new KillSwitch();
    RiskManager withoutEquity =
        new RiskManager(LIMITS, noEquity, new ScenarioWindow(365), counters);

    assertRejected(
        withoutEquity.check(new OrderProposal(ENTRY, STRADDLE, CALM), Exposure.NONE, NOW),
        EQUITY_UNKNOWN,
        "no equity yet: drawdown and daily loss unknown");
    assertThat(
            withoutEquity
                .check(new OrderProposal(HEDGE, Exposure.ofHedge(0.1), CALM), delta(0.2), NOW)
                .isApproved())
        .isTrue();
  }

  @Test
  void anEntryOnStaleDataIsRefusedButHedgesAndExitsGoThrough() {
    MarketSnapshot fiveSeconds = new MarketSnapshot(50_000, 0, 0, NOW - 5_000, false);
    MarketSnapshot tooOld = new MarketSnapshot(50_000, 0, 0, NOW - 5_001, false);
    Exposure book = new Exposure(0.3, 0.001, 300, -200, 9_300, 4);

    assertThat(
            manager
                .check(new OrderProposal(ENTRY, STRADDLE, fiveSeconds), Exposure.NONE, NOW)
                .isApproved())
        .isTrue();
    assertRejected(
        manager.check(new OrderProposal(ENTRY, STRADDLE, tooOld), Exposure.NONE, NOW),
        STALE_DATA,
        "data 5.001 s old exceeds 5 s");
    assertThat(
            manager
                .check(new OrderProposal(HEDGE, Exposure.ofHedge(-0.3), tooOld), book, NOW)
                .isApproved())
        .isTrue();
    assertThat(
            manager
                .check(new OrderProposal(EXIT, STRADDLE.negate(), tooOld), book, NOW)
                .isApproved())
        .isTrue();
  }

  @Test
  void anEntryOnResyncingDataIsRefused() {
    MarketSnapshot resyncing = new MarketSnapshot(50_000, 0, 0, NOW, true);

    assertRejected(
        manager.check(new OrderProposal(ENTRY, STRADDLE, resyncing), Exposure.NONE, NOW),
        RESYNCING,
        "priced on data that is being resynchronized");
  }

  @Test
  void aHedgeThatBringsAbsoluteDeltaDownIsAlwaysAllowed() {
    // 1.5 -> 1.2, still above the limit
    assertThat(check(HEDGE, delta(1.5), Exposure.ofHedge(-0.3)).isApproved()).isTrue();
    // 1.5 -> -1.3, past the limit on the other side but smaller
    assertThat(check(HEDGE, delta(1.5), Exposure.ofHedge(-2.8)).isApproved()).isTrue();
  }

  @Test
  void aHedgeThatRaisesAbsoluteDeltaBeyondTheLimitIsRefused() {
    // 0.8 + 0.3 = 1.1
    assertRejected(
        check(HEDGE, delta(0.8), Exposure.ofHedge(0.3)), DELTA, "delta 1.1 would exceed 1 coin");
    // 0.8 - 2.0 = -1.2
    assertRejected(
        check(HEDGE, delta(0.8), Exposure.ofHedge(-2.0)), DELTA, "delta 1.2 would exceed 1 coin");
  }

  @Test
  void aHedgeIsCheckedOnValueAtRiskOnlyWhenItRaisesAbsoluteDelta() {
    manager =
        managerWith(
            new RiskLimits(1, 0.002, 1_000, 50_000, 5, 1_000, 10_000, 0.1, Duration.ofSeconds(5)),
            new ScenarioWindow(365));
    // daily vol 2%: s = 1,000 USD, VaR = 2.3263478740408408 * 1,000 * |delta|
    MarketSnapshot moving = new MarketSnapshot(50_000, 0.02, 0, NOW, false);

    // 1 -> 0.5 coin: VaR 2,326 -> 1,163, still above 1,000 but lower
    assertThat(
            manager
                .check(new OrderProposal(HEDGE, Exposure.ofHedge(-0.5), moving), delta(1), NOW)
                .isApproved())
        .isTrue();
    // 0.3 -> 0.5 coin: VaR 698 -> 1,163.17
    assertRejected(
        manager.check(new OrderProposal(HEDGE, Exposure.ofHedge(0.2), moving), delta(0.3), NOW),
        VALUE_AT_RISK,
        "1-day VaR 1163.173937 USD would exceed 1000 USD"
            + " (historical not enough scenarios, parametric 1163.173937)");
  }

  @Test
  void anExitThatReducesABreachedLimitIsAllowed() {
    Exposure overBook = new Exposure(0, 0, 0, 0, 60_000, 6);

    // 60,000 -> 55,000 USD and 6 -> 5 straddles: still over the premium limit, but lower
    assertThat(check(EXIT, overBook, new Exposure(0, 0, 0, 0, -5_000, -1)).isApproved()).isTrue();
  }

  @Test
  void anExitThatLeavesItsHedgeBehindCanBreachDelta() {
    // a straddle of delta -0.2 hedged by +0.2 of perpetual in a book at 0.9 coin: closing only the
    // options leaves 0.9 + 0.2 = 1.1
    Exposure book = new Exposure(0.9, 0.0002, 60, -40, 1_860, 1);

    assertRejected(
        check(EXIT, book, new Exposure(0.2, -0.0002, -60, 40, -1_860, -1)),
        DELTA,
        "delta 1.1 would exceed 1 coin");
  }

  @Test
  void everyRejectionIsCountedOncePerReason() {
    enter(STRADDLE);
    enter(new Exposure(1.42, 0.003, 0, 0, 0, 1));
    manager.check(
        new OrderProposal(ENTRY, STRADDLE, new MarketSnapshot(50_000, 0, 0, NOW, true)),
        Exposure.NONE,
        NOW);

    Map<RejectReason, Long> snapshot = counters.snapshot();
    assertThat(counters.rejected()).isEqualTo(2);
    assertThat(snapshot).hasSize(RejectReason.values().length);
    assertThat(snapshot)
        .containsEntry(DELTA, 1L)
        .containsEntry(GAMMA, 1L)
        .containsEntry(RESYNCING, 1L)
        .containsEntry(VEGA, 0L);
    assertThat(counters.count(DELTA)).isEqualTo(1);
  }

  @Test
  void proposalsAreValidated() {
    assertThatThrownBy(() -> new OrderProposal(HEDGE, STRADDLE, CALM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a hedge trades the perpetual and may change delta only");
    assertThatThrownBy(() -> new OrderProposal(EXIT, STRADDLE, CALM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("an exit may not add straddles or premium at risk");
    assertThatThrownBy(() -> check(EXIT, new Exposure(0, 0, 0, 0, 0, -1), Exposure.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("current exposure cannot hold negative straddles or premium");
  }
}
