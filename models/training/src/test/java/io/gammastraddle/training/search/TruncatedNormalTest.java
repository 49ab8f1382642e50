package io.gammastraddle.training.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TruncatedNormalTest {

  // Reference values: scipy.stats.norm.logcdf (SciPy 1.17.1).
  @ParameterizedTest
  @CsvSource({
    "-40, -804.6084420137539",
    "-20, -203.9171553710973",
    "-10, -53.23128515051248",
    "-5, -15.064998393988727",
    "-2.5, -5.081648277278691",
    "-2, -3.7831843336820317",
    "-1, -1.8410216450092634",
    "0, -0.6931471805599453",
    "0.5, -0.36894641528865635",
    "2, -0.023012909328963476",
    "3, -0.0013508099647481925",
    "8, -6.220960574271742e-16"
  })
  void logCdfMatchesScipyFromTheFarLeftTailToTheRight(double x, double expected) {
    assertThat(TruncatedNormal.logCdf(x)).isCloseTo(expected, within(1e-13 * Math.abs(expected)));
  }

  @Test
  void logMassIsAccurateInBothTailsAndInTheMiddle() {
    // log(cdf(b) - cdf(a)) in SciPy; the tails through logcdf and logsf.
    assertThat(TruncatedNormal.logMass(-31.5, -30.5)).isCloseTo(-469.4627373229122, within(1e-10));
    assertThat(TruncatedNormal.logMass(10, 12)).isCloseTo(-53.23128515074561, within(1e-10));
    assertThat(TruncatedNormal.logMass(-0.5, 1)).isCloseTo(-0.6295956325528635, within(1e-14));
  }

  @Test
  void drawsStayInsideTheIntervalWithTheTruncatedMean() {
    SplittableRandom random = new SplittableRandom(42);
    double[] draws =
        DoubleStream.generate(() -> TruncatedNormal.sample(random, 0, 1, 0, 3))
            .limit(20_000)
            .toArray();

    assertThat(DoubleStream.of(draws).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
    assertThat(DoubleStream.of(draws).max().orElseThrow()).isLessThanOrEqualTo(3.0);
    // (phi(0) - phi(3)) / (Phi(3) - Phi(0)) = 0.79115; the standard error of the mean is 0.004.
    assertThat(DoubleStream.of(draws).average().orElseThrow()).isCloseTo(0.79115, within(0.02));
  }
}
