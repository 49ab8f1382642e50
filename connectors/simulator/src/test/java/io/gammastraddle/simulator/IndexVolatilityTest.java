package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The index follows its {@link IndexDynamics}: realized volatility converges to the long-run value,
 * jumps arrive at their rate, the variance reverts to its mean at its half-life and moves against
 * the price, and the index is a martingale. The long runs step hourly: none of these statistics
 * depends on the step size in {@link IndexDynamics}' discretization, so this tests the process the
 * market steps every 100 ms, over centuries instead of days.
 */
class IndexVolatilityTest {
  private static final long STEPS_PER_DAY = 86_400_000 / SimulatedMarket.STEP_MILLIS;
  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
  private static final double HOURS_PER_YEAR = 365 * 24;

  static UnderlyingParameters[] underlyings() {
    return new UnderlyingParameters[] {UnderlyingParameters.btc(), UnderlyingParameters.eth()};
  }

  @Test
  void defaultsKeepTodaysLongRunVolatility() {
    assertThat(IndexDynamics.btc().longRunVolatility()).isCloseTo(0.60, within(0.01));
    assertThat(IndexDynamics.eth().longRunVolatility()).isCloseTo(0.75, within(0.01));
    assertThat(IndexDynamics.gbm(0.4).longRunVolatility()).isEqualTo(0.4);
  }

  /**
   * 200 years of hourly returns in 100 batches of 2 years: each batch's realized variance is nearly
   * independent of the others (the variance's half-life is a week), so their spread gives the
   * standard error of the mean without modelling the autocorrelation.
   */
  @ParameterizedTest
  @MethodSource("underlyings")
  void realizedVolatilityConvergesToTheLongRunValue(UnderlyingParameters parameters) {
    UnderlyingState underlying =
        new UnderlyingState(parameters, HOUR_MILLIS, new SplittableRandom(3));
    int batches = 100;
    long stepsPerBatch = Math.round(2 * HOURS_PER_YEAR);
    double[] batchVariance = new double[batches];
    for (int batch = 0; batch < batches; batch++) {
      RealizedVolatility realized = new RealizedVolatility(HOURS_PER_YEAR);
      realized.add(underlying.index());
      for (long i = 0; i < stepsPerBatch; i++) {
        underlying.advance();
        realized.add(underlying.index());
      }
      batchVariance[batch] = realized.annualizedVariance();
    }

    double expected = Math.pow(parameters.indexDynamics().longRunVolatility(), 2);
    double standardError = standardDeviation(batchVariance) / Math.sqrt(batches);
    assertThat(standardError).as("a run long enough to mean something").isLessThan(0.03 * expected);
    assertThat(mean(batchVariance)).isCloseTo(expected, within(4 * standardError));
  }

  @ParameterizedTest
  @MethodSource("underlyings")
  void geometricBrownianMotionRealizesItsVolatilityOverOneDay(UnderlyingParameters defaults) {
    double sigma = defaults.indexDynamics().longRunVolatility();
    UnderlyingParameters parameters = defaults.withIndexDynamics(IndexDynamics.gbm(sigma));
    UnderlyingState underlying =
        new UnderlyingState(parameters, SimulatedMarket.STEP_MILLIS, new SplittableRandom(17));
    RealizedVolatility realized = new RealizedVolatility(365.0 * STEPS_PER_DAY);
    realized.add(underlying.index());
    for (long i = 0; i < STEPS_PER_DAY; i++) {
      underlying.advance();
      realized.add(underlying.index());
    }

    assertThat(Math.sqrt(realized.annualizedVariance())).isCloseTo(sigma, within(0.05 * sigma));
    assertThat(underlying.variance()).isEqualTo(sigma * sigma);
    assertThat(underlying.jumps()).isZero();
  }

  /** Ten simulated minutes of the published, rounded index of a GBM market. */
  @ParameterizedTest
  @MethodSource("underlyings")
  void publishedIndexRealizesTheConfiguredVolatility(UnderlyingParameters defaults) {
    double sigma = defaults.indexDynamics().longRunVolatility();
    UnderlyingParameters parameters = defaults.withIndexDynamics(IndexDynamics.gbm(sigma));
    SimulatedMarket market =
        new SimulatedMarket(
            23, Instant.parse("2024-06-03T00:00:00Z").toEpochMilli(), List.of(parameters));
    String channel = "\"channel\":\"deribit_price_index." + parameters.indexName() + "\"";
    RealizedVolatility realized = new RealizedVolatility(365.0 * STEPS_PER_DAY);
    for (int i = 0; i < 6_000; i++) {
      for (String frame : market.step()) {
        if (frame.contains(channel)) {
          JsonNode data = Fixtures.parse(frame).at("/params/data");
          realized.add(data.get("price").asDouble());
        }
      }
    }

    assertThat(realized.count).as("returns between 6,000 prices").isEqualTo(5_999);
    assertThat(Math.sqrt(realized.annualizedVariance())).isCloseTo(sigma, within(0.10 * sigma));
  }

  /** A Poisson count over 100 years: within 4 standard deviations of its mean. */
  @Test
  void jumpsArriveAtTheirRate() {
    IndexDynamics dynamics = IndexDynamics.btc();
    UnderlyingState underlying = hourly(dynamics, 5);
    long hours = Math.round(100 * HOURS_PER_YEAR);
    for (long i = 0; i < hours; i++) {
      underlying.advance();
    }

    double expected = dynamics.jumpsPerYear() * 100;
    assertThat((double) underlying.jumps()).isCloseTo(expected, within(4 * Math.sqrt(expected)));
  }

  /**
   * A deviation of the log variance from its mean halves in one half-life: regressing the deviation
   * a half-life later on today's gives a slope of 1/2.
   */
  @Test
  void varianceRevertsToItsMeanAtItsHalfLife() {
    IndexDynamics dynamics = IndexDynamics.btc();
    UnderlyingState underlying = hourly(dynamics, 7);
    int lag = (int) Math.round(dynamics.varianceHalfLifeDays() * 24);
    int samples = (int) Math.round(200 * HOURS_PER_YEAR);
    double[] logVariance = new double[samples];
    for (int i = 0; i < samples; i++) {
      underlying.advance();
      logVariance[i] = Math.log(underlying.variance());
    }

    double mean = mean(logVariance);
    double products = 0;
    double squares = 0;
    for (int i = 0; i + lag < samples; i++) {
      products += (logVariance[i] - mean) * (logVariance[i + lag] - mean);
      squares += (logVariance[i] - mean) * (logVariance[i] - mean);
    }
    assertThat(products / squares).isCloseTo(0.5, within(0.05));
    assertThat(mean).isCloseTo(dynamics.meanLogVariance(), within(0.05));
    assertThat(standardDeviation(logVariance))
        .isCloseTo(dynamics.stationaryLogVarianceStdev(), within(0.05));
  }

  /**
   * The leverage effect: a step's price shock (its return in standard deviations of the step's
   * variance) and the change of the log variance have correlation rho.
   */
  @Test
  void varianceMovesAgainstThePrice() {
    IndexDynamics dynamics = new IndexDynamics(0.6, 5.0, 7, -0.3, 0, 0, 0);
    UnderlyingState underlying = hourly(dynamics, 11);
    int steps = 200_000;
    double[] priceShocks = new double[steps];
    double[] varianceChanges = new double[steps];
    for (int i = 0; i < steps; i++) {
      double index = underlying.index();
      double variance = underlying.variance();
      underlying.advance();
      priceShocks[i] = Math.log(underlying.index() / index) / Math.sqrt(variance / HOURS_PER_YEAR);
      varianceChanges[i] = Math.log(underlying.variance() / variance);
    }

    assertThat(correlation(priceShocks, varianceChanges))
        .isCloseTo(dynamics.correlation(), within(0.02));
  }

  /**
   * The drift compensates the Itô term and the jumps: the mean gross return per step is 1 within 4
   * standard errors, with jumps large and frequent enough that a missing compensation would be
   * dozens of standard errors away.
   */
  @Test
  void indexIsAMartingale() {
    IndexDynamics dynamics = new IndexDynamics(0.6, 5.0, 7, -0.3, 50, -0.05, 0.05);
    UnderlyingState underlying = hourly(dynamics, 13);
    int steps = 1_000_000;
    double[] grossReturns = new double[steps];
    for (int i = 0; i < steps; i++) {
      double index = underlying.index();
      underlying.advance();
      grossReturns[i] = underlying.index() / index;
    }

    double standardError = standardDeviation(grossReturns) / Math.sqrt(steps);
    double compensation = dynamics.jumpsPerYear() / HOURS_PER_YEAR * dynamics.meanJumpReturn();
    assertThat(Math.abs(compensation)).isGreaterThan(20 * standardError);
    assertThat(mean(grossReturns)).isCloseTo(1, within(4 * standardError));
  }

  private static UnderlyingState hourly(IndexDynamics dynamics, long seed) {
    return new UnderlyingState(
        UnderlyingParameters.btc().withIndexDynamics(dynamics),
        HOUR_MILLIS,
        new SplittableRandom(seed));
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  private static double standardDeviation(double[] values) {
    double mean = mean(values);
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }

  private static double correlation(double[] x, double[] y) {
    double meanX = mean(x);
    double meanY = mean(y);
    double products = 0;
    double squaresX = 0;
    double squaresY = 0;
    for (int i = 0; i < x.length; i++) {
      products += (x[i] - meanX) * (y[i] - meanY);
      squaresX += (x[i] - meanX) * (x[i] - meanX);
      squaresY += (y[i] - meanY) * (y[i] - meanY);
    }
    return products / Math.sqrt(squaresX * squaresY);
  }

  /** Annualized variance of log returns between consecutive prices. */
  private static final class RealizedVolatility {
    private final double stepsPerYear;
    private double previous = Double.NaN;
    private double sumOfSquares;
    private long count;

    RealizedVolatility(double stepsPerYear) {
      this.stepsPerYear = stepsPerYear;
    }

    void add(double price) {
      if (!Double.isNaN(previous)) {
        double logReturn = Math.log(price / previous);
        sumOfSquares += logReturn * logReturn;
        count++;
      }
      previous = price;
    }

    double annualizedVariance() {
      return sumOfSquares / count * stepsPerYear;
    }
  }
}
