package io.gammastraddle.risk;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The risk manager's limits for one underlying. The strategy is keyed by underlying and Deribit
 * margins each currency in its own account (a subaccount's portfolio holds separate {@code btc} and
 * {@code eth} equity: docs.deribit.com, private/create_subaccount), so every underlying has its own
 * limits; coin-denominated ones (delta, gamma) must be scaled for ETH. A limit is inclusive: a
 * value equal to it passes, anything above it fails.
 *
 * @param maxDeltaCoin largest absolute portfolio delta, in coin of the underlying (Deribit's delta)
 * @param maxGamma largest absolute portfolio gamma, in coin of delta per 1 USD of underlying
 * @param maxVegaUsd largest absolute portfolio vega, in USD per volatility point
 * @param maxPremiumAtRiskUsd most premium (what the long straddles cost, all that they can lose)
 * @param maxOpenStraddles most straddles open at once
 * @param maxValueAtRiskUsd largest one-day 99% value at risk ({@link ValueAtRisk#usd()})
 * @param dailyLossLimitUsd a loss over this since the UTC day's opening equity trips the {@link
 *     KillSwitch}
 * @param maxDrawdown a fall of equity below its high-water mark by more than this fraction trips
 *     the kill switch; in (0, 1)
 * @param maxDataAge an entry priced on data older than this is refused (the stale-data guard)
 */
public record RiskLimits(
    double maxDeltaCoin,
    double maxGamma,
    double maxVegaUsd,
    double maxPremiumAtRiskUsd,
    int maxOpenStraddles,
    double maxValueAtRiskUsd,
    double dailyLossLimitUsd,
    double maxDrawdown,
    Duration maxDataAge)
    implements Serializable {

  public RiskLimits {
    requirePositive(maxDeltaCoin, "maxDeltaCoin");
    requirePositive(maxGamma, "maxGamma");
    requirePositive(maxVegaUsd, "maxVegaUsd");
    requirePositive(maxPremiumAtRiskUsd, "maxPremiumAtRiskUsd");
    requirePositive(maxValueAtRiskUsd, "maxValueAtRiskUsd");
    requirePositive(dailyLossLimitUsd, "dailyLossLimitUsd");
    if (maxOpenStraddles <= 0) {
      throw new IllegalArgumentException(
          "maxOpenStraddles must be positive, was " + maxOpenStraddles);
    }
    if (!(maxDrawdown > 0 && maxDrawdown < 1)) {
      throw new IllegalArgumentException("maxDrawdown must be in (0, 1), was " + maxDrawdown);
    }
    Objects.requireNonNull(maxDataAge, "maxDataAge");
    if (maxDataAge.isNegative() || maxDataAge.isZero()) {
      throw new IllegalArgumentException("maxDataAge must be positive, was " + maxDataAge);
    }
  }

  /**
   * Limits for a BTC account of about 500,000 USD equity trading straddles of about 1 BTC a leg
   * (one week at the money, BTC near 60,000 and 60% implied vol: delta about 0, gamma about 1.6e-4
   * per USD, vega about 66 USD per point, premium about 4,000 USD):
   *
   * <ul>
   *   <li>delta 1 coin: the hedger keeps delta near zero; one coin is a missed hedge, not a
   *       position;
   *   <li>gamma 0.002 per USD and vega 1,000 USD per point: a dozen such straddles;
   *   <li>premium at risk 50,000 USD (10% of equity) over at most 5 straddles;
   *   <li>VaR 20,000 USD (4% of equity) a day; daily loss 10,000 USD (2%); drawdown 10%;
   *   <li>data age 5 s: the features call a feed silent after 5 s ({@code
   *       UnderlyingFeatures.FEED_SILENT_AFTER_MILLIS}), Deribit publishing several times a second.
   * </ul>
   */
  public static RiskLimits defaults() {
    return new RiskLimits(
        1.0, 0.002, 1_000, 50_000, 5, 20_000, 10_000, 0.10, Duration.ofSeconds(5));
  }

  private static void requirePositive(double value, String name) {
    if (!(value > 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
    }
  }
}
