package io.gammastraddle.training.search;

import java.util.random.RandomGenerator;

/**
 * The normal distribution truncated to an interval, computed in log space so that kernels far from
 * a point (up to 100 bandwidths away after the magic clip) still give finite log densities and
 * masses. Follows optuna/samplers/_tpe/_truncnorm.py (itself from SciPy): the mass of an interval
 * is always taken in the left tail, where log Phi is accurate.
 *
 * <p>The pricing module's normal CDF works in linear space and underflows below -37.5, which TPE
 * reaches with integer parameters, hence this log-space version.
 */
final class TruncatedNormal {

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  /** Where the erf series hands over to the continued fraction of the Mills ratio. */
  private static final double SERIES_LIMIT = 2.0;

  private TruncatedNormal() {}

  /**
   * A draw from N(mu, sigma) truncated to [low, high], by rejection. Every TPE kernel has its mean
   * inside the interval and a bandwidth of at most its width, so at least 19% of draws land inside
   * (P(0 <= Z <= 0.5)) and the loop ends quickly.
   */
  static double sample(RandomGenerator random, double mu, double sigma, double low, double high) {
    while (true) {
      double draw = mu + sigma * random.nextGaussian();
      if (draw >= low && draw <= high) {
        return draw;
      }
    }
  }

  /** log phi(z), the standard normal log density. */
  static double logStandardDensity(double z) {
    return -0.5 * z * z - LOG_SQRT_2PI;
  }

  /** log P(a <= Z <= b) for a standard normal Z and a < b. */
  static double logMass(double a, double b) {
    if (b <= 0) {
      return logDifference(logCdf(b), logCdf(a));
    }
    if (a > 0) {
      return logMass(-b, -a);
    }
    // Both tails are at most one half here; log1p keeps the precision when they are small.
    return Math.log1p(-Math.exp(logCdf(a)) - Math.exp(logCdf(-b)));
  }

  /** log Phi(x), accurate relative to Phi(x) from far in the left tail to the right. */
  static double logCdf(double x) {
    if (x < -SERIES_LIMIT) {
      return logStandardDensity(x) - Math.log(millsDenominator(-x));
    }
    if (x <= SERIES_LIMIT) {
      return Math.log(0.5 + 0.5 * erf(x / Math.sqrt(2)));
    }
    return Math.log1p(-Math.exp(logCdf(-x)));
  }

  /** log(p - q) from log p and log q, with p >= q. */
  private static double logDifference(double logP, double logQ) {
    return logP + Math.log1p(-Math.exp(logQ - logP));
  }

  /**
   * erf(z) for |z| <= sqrt(2) by its Maclaurin series (Abramowitz and Stegun 7.1.5), whose terms
   * stay below 1 in that range so nothing cancels.
   */
  private static double erf(double z) {
    double zz = z * z;
    double power = z;
    double sum = z;
    for (int n = 1; n < 60; n++) {
      power *= -zz / n;
      double term = power / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }

  /**
   * phi(x) / (1 - Phi(x)) for x >= 2, as the continued fraction x + 1/(x + 2/(x + 3/(x + ...)))
   * (Abramowitz and Stegun 26.2.14), evaluated by the modified Lentz method. It converges to full
   * precision in about 100 terms at x = 2 and in 12 at x = 10.
   */
  private static double millsDenominator(double x) {
    // Every partial numerator and denominator is positive for x > 0, so Lentz needs no guard.
    double f = x;
    double c = x;
    double d = 0;
    for (int n = 1; n < 500; n++) {
      d = 1 / (x + n * d);
      c = x + n / c;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return f;
  }
}
