package io.gammastraddle.risk;

import io.gammastraddle.risk.OrderProposal.Kind;
import io.gammastraddle.risk.RiskDecision.Rejection;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a proposed order may go out (DESIGN section 9), and keeps the kill switch.
 *
 * <p>An ENTRY adds new risk, so it must pass everything: the kill switch ACTIVE with a known
 * equity, data no older than {@link RiskLimits#maxDataAge()} and not resyncing, and every limit
 * (delta, gamma, vega, premium at risk, open straddles, VaR) with its exposure added.
 *
 * <p>An EXIT or a HEDGE reduces risk, so neither the kill switch nor the data's age stops it: they
 * are what REDUCING mode is for, and a stale feed must not hold a position hostage (the order
 * engine's price caps guard the prices). It fails a limit only when it takes that measure beyond
 * the limit and further from zero than it was; so a hedge that brings |delta| down is always
 * allowed, even past the limit on the other side, and one that raises |delta| above the limit is
 * refused. A hedge that brings |delta| down is not refused on VaR either.
 *
 * <p>A rejection lists every failed check. Each is counted in the {@link RejectionCounters}.
 *
 * <p>Not state itself: the job keeps the {@link KillSwitch} and the {@link ScenarioWindow} in keyed
 * state and builds a manager around them with the configured limits.
 */
public final class RiskManager {

  private static final MathContext SIGNIFICANT_DIGITS = new MathContext(10);

  private final RiskLimits limits;
  private final KillSwitch killSwitch;
  private final ScenarioWindow scenarios;
  private final RejectionCounters counters;

  public RiskManager(
      RiskLimits limits,
      KillSwitch killSwitch,
      ScenarioWindow scenarios,
      RejectionCounters counters) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.killSwitch = Objects.requireNonNull(killSwitch, "killSwitch");
    this.scenarios = Objects.requireNonNull(scenarios, "scenarios");
    this.counters = Objects.requireNonNull(counters, "counters");
  }

  /**
   * Checks {@code proposal} against the portfolio's {@code current} exposure at {@code now} (event
   * time, ms), and counts it if rejected.
   */
  public RiskDecision check(OrderProposal proposal, Exposure current, long now) {
    if (current.openStraddles() < 0 || current.premiumAtRiskUsd() < 0) {
      throw new IllegalArgumentException(
          "current exposure cannot hold negative straddles or premium: " + current);
    }
    Kind kind = proposal.kind();
    Exposure after = current.plus(proposal.increment());
    List<Rejection> rejections = new ArrayList<>();
    if (kind == Kind.ENTRY) {
      checkEntryGates(proposal.market(), now, rejections);
    }
    checkLimit(
        rejections,
        kind,
        RejectReason.DELTA,
        "delta",
        Math.abs(current.delta()),
        Math.abs(after.delta()),
        limits.maxDeltaCoin(),
        " coin");
    checkLimit(
        rejections,
        kind,
        RejectReason.GAMMA,
        "gamma",
        Math.abs(current.gamma()),
        Math.abs(after.gamma()),
        limits.maxGamma(),
        " per USD");
    checkLimit(
        rejections,
        kind,
        RejectReason.VEGA,
        "vega",
        Math.abs(current.vega()),
        Math.abs(after.vega()),
        limits.maxVegaUsd(),
        " USD per vol point");
    checkLimit(
        rejections,
        kind,
        RejectReason.PREMIUM_AT_RISK,
        "premium at risk",
        current.premiumAtRiskUsd(),
        after.premiumAtRiskUsd(),
        limits.maxPremiumAtRiskUsd(),
        " USD");
    checkLimit(
        rejections,
        kind,
        RejectReason.OPEN_STRADDLES,
        "open straddles",
        current.openStraddles(),
        after.openStraddles(),
        limits.maxOpenStraddles(),
        "");
    if (!(kind == Kind.HEDGE && Math.abs(after.delta()) <= Math.abs(current.delta()))) {
      checkValueAtRisk(rejections, kind, current, after, proposal.market());
    }
    RiskDecision decision = new RiskDecision(rejections);
    counters.record(decision);
    return decision;
  }

  /** Feeds the account's equity (USD) to the kill switch; see {@link KillSwitch#onEquity}. */
  public Optional<KillSwitchEvent> onEquity(double equityUsd, long now) {
    return killSwitch.onEquity(equityUsd, now, limits);
  }

  /** An operator's request to leave REDUCING; see {@link KillSwitch#reset}. */
  public KillSwitchEvent reset(String operator, String why, long now) {
    return killSwitch.reset(operator, why, now, limits);
  }

  /** The VaR of {@code exposure} on {@code market}, both ways, for the metrics and the cache. */
  public ValueAtRisk valueAtRisk(Exposure exposure, MarketSnapshot market) {
    return ValueAtRisk.of(exposure, market, scenarios);
  }

  public KillSwitchMode mode() {
    return killSwitch.getMode();
  }

  private void checkEntryGates(MarketSnapshot market, long now, List<Rejection> rejections) {
    if (killSwitch.getMode() != KillSwitchMode.ACTIVE) {
      rejections.add(
          new Rejection(
              RejectReason.KILL_SWITCH,
              "kill switch is " + killSwitch.getMode() + ": only hedges and exits"));
    }
    if (!killSwitch.isEquityKnown()) {
      rejections.add(
          new Rejection(
              RejectReason.EQUITY_UNKNOWN, "no equity yet: drawdown and daily loss unknown"));
    }
    long age = market.ageMillis(now);
    long maxAge = limits.maxDataAge().toMillis();
    if (age > maxAge) {
      rejections.add(
          new Rejection(
              RejectReason.STALE_DATA,
              "data %s s old exceeds %s s"
                  .formatted(number(age / 1000.0), number(maxAge / 1000.0))));
    }
    if (market.resyncing()) {
      rejections.add(
          new Rejection(RejectReason.RESYNCING, "priced on data that is being resynchronized"));
    }
  }

  private void checkValueAtRisk(
      List<Rejection> rejections,
      Kind kind,
      Exposure current,
      Exposure after,
      MarketSnapshot market) {
    ValueAtRisk varAfter = valueAtRisk(after, market);
    double max = limits.maxValueAtRiskUsd();
    if (varAfter.usd() <= max
        || (kind != Kind.ENTRY && varAfter.usd() <= valueAtRisk(current, market).usd())) {
      return;
    }
    rejections.add(
        new Rejection(
            RejectReason.VALUE_AT_RISK,
            "1-day VaR %s USD would exceed %s USD (historical %s, parametric %s)"
                .formatted(
                    number(varAfter.usd()),
                    number(max),
                    Double.isNaN(varAfter.historicalUsd())
                        ? "not enough scenarios"
                        : number(varAfter.historicalUsd()),
                    number(varAfter.parametricUsd()))));
  }

  /**
   * Fails when {@code after} is above {@code max}, unless a non-entry leaves the measure no larger
   * than {@code before}.
   */
  private static void checkLimit(
      List<Rejection> rejections,
      Kind kind,
      RejectReason reason,
      String measure,
      double before,
      double after,
      double max,
      String unit) {
    if (after <= max || (kind != Kind.ENTRY && after <= before)) {
      return;
    }
    rejections.add(
        new Rejection(
            reason,
            "%s %s would exceed %s%s".formatted(measure, number(after), number(max), unit)));
  }

  /**
   * Ten significant digits, without an exponent or trailing zeros (1.42, 0.0016, 50000.01): a value
   * just over its limit prints above it, and a sum's rounding noise (0.8 + 0.3 =
   * 1.1000000000000001) does not show.
   */
  private static String number(double value) {
    return new BigDecimal(value).round(SIGNIFICANT_DIGITS).stripTrailingZeros().toPlainString();
  }
}
