package io.gammastraddle.pricing;

/**
 * Finds the Black-76 volatility (Deribit's convention, see {@link Black76}) that reproduces an
 * option price, or says why none does. Expected failures come back as a {@link
 * ImpliedVolatility.Status}, never as an exception.
 *
 * <p>Method. By put-call parity the time value (price less intrinsic) of any option is the price of
 * the out-of-the-money option at the same strike, so the solver inverts that one, in coin and in
 * total deviation s = sigma sqrt(T): {@code otm(s) = N(d1) - k N(d2)} for K >= F, {@code k N(-d2) -
 * N(-d1)} below, with k = K / F, x = ln(F / K) and d/ds otm = n(d1). Newton's method on the price
 * itself crawls where the price is small (ln otm ~ -x^2 / (2 s^2)), so it runs on u(s) = 1 /
 * sqrt(-2 ln otm(s)), which is close to linear there (u ~ s / |x|); P. Jaeckel's "Let's be
 * rational" (Wilmott, 2015) transforms its objective in the same spirit. It starts from Corrado and
 * Miller's estimate (Journal of Banking and Finance 20, 1996) or, where that has no real root, from
 * the asymptote u ~ s / |x|. Every evaluation tightens a bracket [lo, hi] around the root; a step
 * that leaves it is replaced by doubling (while no upper end is known) or bisection, so the solver
 * converges for any price strictly between the bounds.
 *
 * <p>Tolerance: it stops when a step moves the volatility by at most {@code tolerance} (default
 * 1e-10, i.e. 1e-8 volatility points); Newton's last step bounds the remaining error. Quotes of at
 * least 1e-4 coin with K / F in 0.5-2, 1 day to 1 year and 30-120% volatility take 2 to 6 steps (4
 * on average, about 0.2 microseconds); K / F in 0.3-3, 1 hour to 2 years and 5-300% at most 8. An
 * instance is immutable and thread-safe; a solve allocates only its result.
 */
public final class ImpliedVolatilitySolver {

  /** 1e-10 in volatility, at most 100 steps (bisection alone needs fewer than 60). */
  public static final ImpliedVolatilitySolver DEFAULT = new ImpliedVolatilitySolver(1e-10, 100);

  private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

  private final double tolerance;
  private final int maxIterations;

  /**
   * @param tolerance largest final step in volatility (fraction, not percent), positive
   * @param maxIterations steps allowed before giving up with {@link
   *     ImpliedVolatility.Status#NO_CONVERGENCE}, at least 1
   */
  public ImpliedVolatilitySolver(double tolerance, int maxIterations) {
    if (!Black76.isPositiveFinite(tolerance) || maxIterations < 1) {
      throw new IllegalArgumentException(
          "tolerance must be > 0 and maxIterations >= 1: " + tolerance + ", " + maxIterations);
    }
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  /** The volatility for a price in USD per coin of underlying. */
  public ImpliedVolatility fromUsdPrice(
      OptionType type, double forward, double strike, double years, double priceUsd) {
    return fromCoinPrice(type, forward, strike, years, priceUsd / forward);
  }

  /**
   * The volatility for a price in coin (Deribit's option price unit, USD price / forward).
   *
   * @param forward forward price in USD ({@code underlying_price})
   * @param strike strike in USD
   * @param years time to expiry in 365-day years
   */
  public ImpliedVolatility fromCoinPrice(
      OptionType type, double forward, double strike, double years, double priceCoin) {
    if (type == null
        || !Black76.isPositiveFinite(forward)
        || !Black76.isPositiveFinite(strike)
        || Double.isNaN(years)
        || years == Double.POSITIVE_INFINITY
        || Double.isNaN(priceCoin)) {
      return ImpliedVolatility.failed(ImpliedVolatility.Status.INVALID_INPUT, 0);
    }
    if (!(years > 0)) {
      return ImpliedVolatility.failed(ImpliedVolatility.Status.EXPIRED, 0);
    }
    double strikeInCoin = strike / forward;
    double intrinsic =
        (type == OptionType.CALL ? Math.max(forward - strike, 0) : Math.max(strike - forward, 0))
            / forward;
    double upperBound = type == OptionType.CALL ? 1 : strikeInCoin;
    if (priceCoin < intrinsic) {
      return ImpliedVolatility.failed(ImpliedVolatility.Status.PRICE_BELOW_INTRINSIC, 0);
    }
    if (priceCoin >= upperBound) {
      return ImpliedVolatility.failed(ImpliedVolatility.Status.PRICE_AT_OR_ABOVE_UPPER_BOUND, 0);
    }
    double timeValue = priceCoin - intrinsic;
    if (timeValue == 0) {
      return ImpliedVolatility.solved(0, 0);
    }
    double sqrtYears = Math.sqrt(years);
    return solveStdDev(Math.log(forward / strike), strikeInCoin, timeValue, sqrtYears);
  }

  private ImpliedVolatility solveStdDev(
      double moneyness, double strikeInCoin, double timeValue, double sqrtYears) {
    double stepTolerance = tolerance * sqrtYears;
    double targetLinearized = linearized(timeValue);
    double low = 0;
    double high = Double.POSITIVE_INFINITY;
    double stdDev = initialStdDev(moneyness, strikeInCoin, timeValue);
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      double d1 = moneyness / stdDev + 0.5 * stdDev;
      double price = outOfTheMoneyPrice(moneyness, strikeInCoin, d1, stdDev);
      if (price < timeValue) {
        low = stdDev;
      } else if (price > timeValue) {
        high = stdDev;
      } else {
        return ImpliedVolatility.solved(stdDev / sqrtYears, iteration);
      }
      // Newton on u(s) = 1 / sqrt(-2 ln otm(s)), whose derivative is u^3 n(d1) / otm. A price that
      // rounded to 0 (or a density that underflowed) gives a NaN or infinite step: bracket it.
      double linearized = linearized(price);
      double step =
          (linearized - targetLinearized)
              * price
              / (linearized * linearized * linearized * StandardNormal.density(d1));
      if (Math.abs(step) <= stepTolerance) {
        return ImpliedVolatility.solved((stdDev - step) / sqrtYears, iteration);
      }
      double next = stdDev - step;
      if (!(next > low && next < high)) {
        next = high == Double.POSITIVE_INFINITY ? 2 * stdDev : 0.5 * (low + high);
        if (next - low <= stepTolerance) {
          return ImpliedVolatility.solved(next / sqrtYears, iteration);
        }
      }
      stdDev = next;
    }
    return ImpliedVolatility.failed(ImpliedVolatility.Status.NO_CONVERGENCE, maxIterations);
  }

  /** 1 / sqrt(-2 ln p), close to s / |ln(F / K)| where the price p is small; p is below 1. */
  private static double linearized(double outOfTheMoneyPrice) {
    return 1 / Math.sqrt(-2 * Math.log(outOfTheMoneyPrice));
  }

  /**
   * Corrado and Miller's closed-form estimate from the call price c (in units of F, r = 0): s =
   * sqrt(2 pi) / (1 + k) * (c - (1 - k) / 2 + sqrt((c - (1 - k) / 2)^2 - (1 - k)^2 / pi)). Far from
   * the money the root is negative; there the small-price asymptote ln p ~ -x^2 / (2 s^2) gives s =
   * |x| / sqrt(-2 ln p), and at the money s = sqrt(2 pi) * p.
   */
  private static double initialStdDev(double moneyness, double strikeInCoin, double timeValue) {
    double callPrice = timeValue + Math.max(1 - strikeInCoin, 0);
    double centred = callPrice - 0.5 * (1 - strikeInCoin);
    double discriminant = centred * centred - (1 - strikeInCoin) * (1 - strikeInCoin) / Math.PI;
    if (discriminant >= 0) {
      double estimate = SQRT_2PI / (1 + strikeInCoin) * (centred + Math.sqrt(discriminant));
      if (estimate > 0) {
        return estimate;
      }
    }
    return moneyness == 0 ? SQRT_2PI * timeValue : Math.abs(moneyness) * linearized(timeValue);
  }

  /** The coin price of the out-of-the-money option: the call when K >= F, else the put. */
  private static double outOfTheMoneyPrice(
      double moneyness, double strikeInCoin, double d1, double stdDev) {
    double d2 = d1 - stdDev;
    return moneyness <= 0
        ? StandardNormal.cdf(d1) - strikeInCoin * StandardNormal.cdf(d2)
        : strikeInCoin * StandardNormal.cdf(-d2) - StandardNormal.cdf(-d1);
  }
}
