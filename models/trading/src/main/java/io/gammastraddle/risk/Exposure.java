package io.gammastraddle.risk;

import io.gammastraddle.chain.AtmStraddle;

/**
 * A portfolio's risk, or the increment a proposed order adds to it, in Deribit's ticker units so
 * that positions add up: delta in coin of underlying, gamma in coin per 1 USD, vega in USD per
 * volatility point, theta in USD per calendar day. Increments may be negative (an exit removes a
 * straddle).
 *
 * @param premiumAtRiskUsd what the open long straddles cost, the most they can lose
 */
public record Exposure(
    double delta,
    double gamma,
    double vega,
    double theta,
    double premiumAtRiskUsd,
    int openStraddles) {

  public static final Exposure NONE = new Exposure(0, 0, 0, 0, 0, 0);

  public Exposure {
    if (!(Double.isFinite(delta)
        && Double.isFinite(gamma)
        && Double.isFinite(vega)
        && Double.isFinite(theta)
        && Double.isFinite(premiumAtRiskUsd))) {
      throw new IllegalArgumentException(
          "exposure must be finite: delta %s, gamma %s, vega %s, theta %s, premium %s"
              .formatted(delta, gamma, vega, theta, premiumAtRiskUsd));
    }
  }

  /**
   * Buying {@code amount} contracts of each leg of {@code straddle} (coin; Deribit's option
   * contract is one coin of underlying) at its ask, the price an entry that crosses the book pays.
   */
  public static Exposure ofStraddle(AtmStraddle straddle, double amount) {
    if (!(amount > 0 && Double.isFinite(amount))) {
      throw new IllegalArgumentException("amount must be positive, was " + amount);
    }
    if (!(straddle.ask() > 0 && straddle.forward() > 0)) {
      throw new IllegalArgumentException(
          "straddle %s/%s needs an ask and a forward, has ask %s and forward %s"
              .formatted(straddle.call(), straddle.put(), straddle.ask(), straddle.forward()));
    }
    return new Exposure(
        straddle.delta() * amount,
        straddle.gamma() * amount,
        straddle.vega() * amount,
        straddle.theta() * amount,
        straddle.ask() * straddle.forward() * amount,
        1);
  }

  /** A perpetual trade changing delta by {@code deltaCoin}, and nothing else. */
  public static Exposure ofHedge(double deltaCoin) {
    return new Exposure(deltaCoin, 0, 0, 0, 0, 0);
  }

  /** This exposure after {@code increment} is added. */
  public Exposure plus(Exposure increment) {
    return new Exposure(
        delta + increment.delta,
        gamma + increment.gamma,
        vega + increment.vega,
        theta + increment.theta,
        premiumAtRiskUsd + increment.premiumAtRiskUsd,
        openStraddles + increment.openStraddles);
  }

  /** The opposite exposure: what closing a position with this exposure adds. */
  public Exposure negate() {
    return new Exposure(-delta, -gamma, -vega, -theta, -premiumAtRiskUsd, -openStraddles);
  }

  /** Whether only delta is non-zero (or nothing is): the exposure of a perpetual trade. */
  boolean isDeltaOnly() {
    return gamma == 0 && vega == 0 && theta == 0 && premiumAtRiskUsd == 0 && openStraddles == 0;
  }
}
