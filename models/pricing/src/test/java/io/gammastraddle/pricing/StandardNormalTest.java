package io.gammastraddle.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference values: mpmath {@code ncdf}/{@code npdf} at 40 digits, rounded to 20. */
class StandardNormalTest {

  @ParameterizedTest
  @CsvSource({
    "-37.5, 4.6053530095819548438e-308",
    "-30, 4.9067139271481870595e-198",
    "-20, 2.7536241186062336951e-89",
    "-10, 7.619853024160526066e-24",
    "-6, 9.865876450376981407e-10",
    "-5.625, 9.2753987345608213957e-9",
    "-5, 2.8665157187919391167e-7",
    "-3, 0.0013498980316300945267",
    "-2, 0.0227501319481792072",
    "-1, 0.15865525393145705141",
    "-0.5, 0.30853753872598689636",
    "-0.125, 0.45026177516988710702",
    "0, 0.5"
  })
  void lowerTailIsAccurateRelativeToItsSize(double x, double expected) {
    // 1e-12 percent = 1e-14 relative
    assertThat(StandardNormal.cdf(x)).isCloseTo(expected, withinPercentage(1e-12));
  }

  @ParameterizedTest
  @CsvSource({
    "0.25, 0.59870632568292372424",
    "0.625, 0.73401447095129946769",
    "0.75, 0.77337264762313180067",
    "1, 0.84134474606854294859",
    "2, 0.9772498680518207928",
    "3, 0.99865010196836990547",
    "5.625, 0.99999999072460126544",
    "6, 0.99999999901341235496",
    "8, 0.9999999999999993779"
  })
  void upperHalfIsAccurateToAnUlpOfOne(double x, double expected) {
    assertThat(StandardNormal.cdf(x)).isCloseTo(expected, within(2.5e-16));
  }

  @Test
  void farTailsSaturate() {
    assertThat(StandardNormal.cdf(-40)).isZero();
    assertThat(StandardNormal.cdf(9)).isEqualTo(1.0);
    assertThat(StandardNormal.cdf(Double.NEGATIVE_INFINITY)).isZero();
    assertThat(StandardNormal.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(StandardNormal.cdf(Double.NaN)).isNaN();
  }

  @Test
  void cdfIsSymmetric() {
    for (double x = 0; x < 9; x += 0.0625) {
      assertThat(StandardNormal.cdf(x) + StandardNormal.cdf(-x)).isCloseTo(1.0, within(2.5e-16));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0.39894228040143267794",
    "1, 0.2419707245191433498",
    "-2.5, 0.017528300493568537362",
    "10, 7.6945986267064193463e-23"
  })
  void densityMatchesReference(double x, double expected) {
    assertThat(StandardNormal.density(x)).isCloseTo(expected, withinPercentage(1e-12));
  }
}
