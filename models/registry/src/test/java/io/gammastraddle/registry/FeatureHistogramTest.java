package io.gammastraddle.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeatureHistogramTest {

  @Test
  void findsTheBinOfAValueWithTheEdgesBelongingToTheUpperBin() {
    FeatureHistogram histogram =
        new FeatureHistogram("x", new double[] {0, 1, 2}, new double[] {0.1, 0.2, 0.3, 0.4}, 0);

    assertThat(histogram.binOf(-5)).isZero();
    assertThat(histogram.binOf(0)).isOne();
    assertThat(histogram.binOf(0.5)).isOne();
    assertThat(histogram.binOf(1)).isEqualTo(2);
    assertThat(histogram.binOf(2)).isEqualTo(3);
    assertThat(histogram.binOf(100)).isEqualTo(3);
  }

  @Test
  void refusesSharesThatDoNotMatchTheEdgesAndEdgesThatDoNotIncrease() {
    assertThatThrownBy(
            () -> new FeatureHistogram("x", new double[] {0, 1}, new double[] {0.5, 0.5}, 0))
        .hasMessageContaining("x");
    assertThatThrownBy(
            () -> new FeatureHistogram("x", new double[] {1, 1}, new double[] {0.3, 0.3, 0.4}, 0))
        .hasMessageContaining("increase");
    assertThatThrownBy(
            () ->
                new FeatureHistogram(
                    "x", "", new double[0], new double[] {1}, 0, new double[] {2, 1}))
        .hasMessageContaining("[lowest, highest]");
  }

  @Test
  void aValueIsOutsideTheRangeOnlyWhenTheRangeIsKnown() {
    FeatureHistogram ranged =
        new FeatureHistogram(
            "x", "", new double[] {0}, new double[] {0.5, 0.5}, 0, new double[] {-1, 1});
    FeatureHistogram unranged =
        new FeatureHistogram("x", new double[] {0}, new double[] {0.5, 0.5}, 0);

    assertThat(ranged.outsideRange(-1)).isFalse();
    assertThat(ranged.outsideRange(1)).isFalse();
    assertThat(ranged.outsideRange(1.01)).isTrue();
    assertThat(ranged.outsideRange(-1.01)).isTrue();
    assertThat(unranged.outsideRange(1e9)).isFalse();
  }
}
