package io.gammastraddle.simulator;

import io.gammastraddle.pricing.OptionContract;
import java.util.SplittableRandom;

/**
 * The random state of one underlying, advanced one step at a time: the index (the stochastic
 * volatility jump diffusion of {@link IndexDynamics}), the perpetual's basis over the index and the
 * level of implied volatility (both mean-reverting Ornstein-Uhlenbeck processes, the latter in log
 * space), the funding the basis implies, and the average of the index Deribit settles expiries at.
 * Each process uses an exact or stated discretization (see {@link IndexDynamics}), so the step size
 * does not bias it.
 */
final class UnderlyingState {

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

  /**
   * Deribit settles at "the time weighted average of the Deribit index over the last half hour
   * before expiration" (deribit.com/docs/expiration-price; support.deribit.com "Prices of Virtual
   * Assets": "the last 30 min before the expiry"). Deribit samples its index every few seconds; the
   * simulator averages every step's index in the window.
   */
  static final long DELIVERY_WINDOW_MILLIS = 30 * 60_000;

  final UnderlyingParameters parameters;
  private final SplittableRandom random;
  private final double stepYears;
  private final double jumpsPerStep;
  private final double noJumpProbability;
  private final double jumpCompensation;
  private final double jumpMean;
  private final double jumpStdev;
  private final double meanLogVariance;
  private final double logVarianceDecay;
  private final double logVarianceNoise;
  private final double correlation;
  private final double uncorrelatedShare;
  private final double basisDecay;
  private final double basisNoise;
  private final double ivDecay;
  private final double ivNoise;
  private final double fundingDecay;
  private final double fundingPeriodsPerStep;

  private double index;
  private double logVariance;
  private double variance;
  private long jumps;
  private double deliveryWindowSum;
  private long deliveryWindowSamples;
  private double basis = BASIS_MEAN;
  private double ivLogFactor;
  private double funding8h;
  private double interestValue;

  UnderlyingState(UnderlyingParameters parameters, long stepMillis, SplittableRandom random) {
    this.parameters = parameters;
    this.random = random;
    this.index = parameters.startPrice();
    IndexDynamics dynamics = parameters.indexDynamics();
    stepYears = stepMillis / OptionContract.MILLIS_PER_YEAR;
    jumpsPerStep = dynamics.jumpsPerYear() * stepYears;
    noJumpProbability = Math.exp(-jumpsPerStep);
    jumpCompensation = jumpsPerStep * dynamics.meanJumpReturn();
    jumpMean = dynamics.jumpMean();
    jumpStdev = dynamics.jumpStdev();
    meanLogVariance = dynamics.meanLogVariance();
    logVarianceDecay = Math.exp(-dynamics.meanReversionPerYear() * stepYears);
    logVarianceNoise =
        dynamics.stationaryLogVarianceStdev() * Math.sqrt(1 - logVarianceDecay * logVarianceDecay);
    correlation = dynamics.correlation();
    uncorrelatedShare = Math.sqrt(1 - correlation * correlation);
    variance = dynamics.diffusionVolatility() * dynamics.diffusionVolatility();
    logVariance = Math.log(variance);
    basisDecay = halfLifeDecay(BASIS_HALF_LIFE_SECONDS, stepMillis);
    basisNoise = BASIS_STDEV * Math.sqrt(1 - basisDecay * basisDecay);
    ivDecay = halfLifeDecay(IV_HALF_LIFE_SECONDS, stepMillis);
    ivNoise = IV_LOG_STDEV * Math.sqrt(1 - ivDecay * ivDecay);
    fundingDecay = Math.exp(-stepMillis / FUNDING_PERIOD_MILLIS);
    fundingPeriodsPerStep = stepMillis / FUNDING_PERIOD_MILLIS;
    funding8h = currentFunding();
  }

  void advance() {
    advanceIndex();
    basis = BASIS_MEAN + (basis - BASIS_MEAN) * basisDecay + basisNoise * random.nextGaussian();
    ivLogFactor = ivLogFactor * ivDecay + ivNoise * random.nextGaussian();
    double funding = currentFunding();
    funding8h = funding8h * fundingDecay + funding * (1 - fundingDecay);
    interestValue += funding * fundingPeriodsPerStep;
  }

  double index() {
    return index;
  }

  /** Instantaneous variance of the index's diffusion, annualized. */
  double variance() {
    return variance;
  }

  /** Number of jumps of the index since the start. */
  long jumps() {
    return jumps;
  }

  /** Adds the current index to the average the next expiry will be delivered at. */
  void sampleDeliveryWindow() {
    deliveryWindowSum += index;
    deliveryWindowSamples++;
  }

  /**
   * The average of the index over the delivery window so far: what Deribit's tickers report as
   * {@code estimated_delivery_price} and, at the expiry, the delivery price. Before the window
   * starts, the index itself.
   */
  double deliveryAverage() {
    return deliveryWindowSamples == 0 ? index : deliveryWindowSum / deliveryWindowSamples;
  }

  /** Starts the next expiry's delivery window afresh. */
  void resetDeliveryWindow() {
    deliveryWindowSum = 0;
    deliveryWindowSamples = 0;
  }

  double perpetualMid() {
    return index * (1 + basis);
  }

  double forward(long expiryMillis, long nowMillis) {
    return index * Math.exp(FUTURES_CARRY * OptionContract.yearsBetween(nowMillis, expiryMillis));
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

  /**
   * One step of {@link IndexDynamics}: the price with the variance at the start of the step and the
   * step's jumps, then the log variance's exact Ornstein-Uhlenbeck transition, its shock correlated
   * with the price's.
   */
  private void advanceIndex() {
    double priceShock = random.nextGaussian();
    double logReturn =
        -(0.5 * variance * stepYears + jumpCompensation)
            + Math.sqrt(variance * stepYears) * priceShock
            + jumpLogReturn();
    index *= Math.exp(logReturn);
    if (logVarianceNoise > 0) {
      double varianceShock = correlation * priceShock + uncorrelatedShare * random.nextGaussian();
      logVariance =
          meanLogVariance
              + (logVariance - meanLogVariance) * logVarianceDecay
              + logVarianceNoise * varianceShock;
      variance = Math.exp(logVariance);
    }
  }

  /** The total log size of this step's jumps: a Poisson count of normal log sizes. */
  private double jumpLogReturn() {
    if (jumpsPerStep == 0) {
      return 0;
    }
    // Poisson by inversion; a step nearly always has no jump, so this costs one uniform draw
    double draw = random.nextDouble();
    double probability = noJumpProbability;
    double cumulative = probability;
    int count = 0;
    while (draw > cumulative && probability > 0) {
      count++;
      probability *= jumpsPerStep / count;
      cumulative += probability;
    }
    if (count == 0) {
      return 0;
    }
    jumps += count;
    return count * jumpMean + Math.sqrt(count) * jumpStdev * random.nextGaussian();
  }

  private static double halfLifeDecay(double halfLifeSeconds, long stepMillis) {
    return Math.exp(-Math.log(2) * stepMillis / (halfLifeSeconds * 1000));
  }
}
