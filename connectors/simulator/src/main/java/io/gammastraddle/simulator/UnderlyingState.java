package io.gammastraddle.simulator;

import java.util.SplittableRandom;

/**
 * The random state of one underlying, advanced one step at a time: the index (geometric Brownian
 * motion), the perpetual's basis over the index and the level of implied volatility (both
 * mean-reverting Ornstein-Uhlenbeck processes, the latter in log space), and the funding the basis
 * implies. Each process uses the exact discretization, so the step size does not bias it.
 */
final class UnderlyingState {
  static final double MILLIS_PER_YEAR = 365 * 86_400_000.0;

  static final double BASIS_MEAN = 0.0001;
  static final double BASIS_STDEV = 0.0004;
  static final double BASIS_HALF_LIFE_SECONDS = 15 * 60;
  static final double IV_LOG_STDEV = 0.10;
  static final double IV_HALF_LIFE_SECONDS = 2 * 3600;
  static final double MIN_IMPLIED_VOLATILITY = 0.05;

  /** Annualized carry of the futures curve: forward = index * exp(carry * T). */
  static final double FUTURES_CARRY = 0.05;

  /** Deribit's funding clamp: funding = max(0.025%, premium) + min(-0.025%, premium). */
  static final double FUNDING_DEAD_ZONE = 0.00025;

  static final double FUNDING_PERIOD_MILLIS = 8 * 3600_000.0;

  final UnderlyingParameters parameters;
  private final SplittableRandom random;
  private final double indexDrift;
  private final double indexDiffusion;
  private final double basisDecay;
  private final double basisNoise;
  private final double ivDecay;
  private final double ivNoise;
  private final double fundingDecay;
  private final double fundingPeriodsPerStep;

  private double index;
  private double basis = BASIS_MEAN;
  private double ivLogFactor;
  private double funding8h;
  private double interestValue;

  UnderlyingState(UnderlyingParameters parameters, long stepMillis, SplittableRandom random) {
    this.parameters = parameters;
    this.random = random;
    this.index = parameters.startPrice();
    double dtYears = stepMillis / MILLIS_PER_YEAR;
    double sigma = parameters.annualVolatility();
    indexDrift = -0.5 * sigma * sigma * dtYears;
    indexDiffusion = sigma * Math.sqrt(dtYears);
    basisDecay = halfLifeDecay(BASIS_HALF_LIFE_SECONDS, stepMillis);
    basisNoise = BASIS_STDEV * Math.sqrt(1 - basisDecay * basisDecay);
    ivDecay = halfLifeDecay(IV_HALF_LIFE_SECONDS, stepMillis);
    ivNoise = IV_LOG_STDEV * Math.sqrt(1 - ivDecay * ivDecay);
    fundingDecay = Math.exp(-stepMillis / FUNDING_PERIOD_MILLIS);
    fundingPeriodsPerStep = stepMillis / FUNDING_PERIOD_MILLIS;
    funding8h = currentFunding();
  }

  void advance() {
    index *= Math.exp(indexDrift + indexDiffusion * random.nextGaussian());
    basis = BASIS_MEAN + (basis - BASIS_MEAN) * basisDecay + basisNoise * random.nextGaussian();
    ivLogFactor = ivLogFactor * ivDecay + ivNoise * random.nextGaussian();
    double funding = currentFunding();
    funding8h = funding8h * fundingDecay + funding * (1 - fundingDecay);
    interestValue += funding * fundingPeriodsPerStep;
  }

  double index() {
    return index;
  }

  double perpetualMid() {
    return index * (1 + basis);
  }

  double forward(long expiryMillis, long nowMillis) {
    return index * Math.exp(FUTURES_CARRY * yearsBetween(nowMillis, expiryMillis));
  }

  /** Smile: atm + skew * m + curvature * m^2 with m = ln(strike / forward). */
  double impliedVolatility(double strike, double forward) {
    double moneyness = Math.log(strike / forward);
    double atm = parameters.atmImpliedVolatility() * Math.exp(ivLogFactor);
    double iv =
        atm
            + parameters.smileSkew() * moneyness
            + parameters.smileCurvature() * moneyness * moneyness;
    return Math.max(iv, MIN_IMPLIED_VOLATILITY);
  }

  /** Funding rate per 8 hours implied by the current premium of the perpetual over the index. */
  double currentFunding() {
    return Math.max(FUNDING_DEAD_ZONE, basis) + Math.min(-FUNDING_DEAD_ZONE, basis);
  }

  /** Exponentially weighted average of the funding rate with an 8-hour time constant. */
  double funding8h() {
    return funding8h;
  }

  /** Funding accrued since the simulation started, in 8-hour periods' rates. */
  double interestValue() {
    return interestValue;
  }

  static double yearsBetween(long fromMillis, long toMillis) {
    return (toMillis - fromMillis) / MILLIS_PER_YEAR;
  }

  private static double halfLifeDecay(double halfLifeSeconds, long stepMillis) {
    return Math.exp(-Math.log(2) * stepMillis / (halfLifeSeconds * 1000));
  }
}
