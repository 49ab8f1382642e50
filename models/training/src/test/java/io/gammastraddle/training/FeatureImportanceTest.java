package io.gammastraddle.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureImportanceTest {

  private static final List<String> ABC = List.of("a", "b", "c");

  @Test
  void sharesOfTheGainSumToOneAndWeakFeaturesAreThoseBelowTheThreshold() {
    FeatureImportance importance = FeatureImportance.ofGain(ABC, new double[] {6, 3.95, 0.05});

    assertThat(importance.shares())
        .containsExactly(new double[] {0.6, 0.395, 0.005}, within(1e-12));
    assertThat(importance.weak(0.01)).containsExactly("c");
    assertThat(importance.ranked().keySet()).containsExactly("a", "b", "c");
  }

  @Test
  void aModelWithoutSplitsHasNoImportance() {
    FeatureImportance importance = FeatureImportance.ofGain(ABC, new double[3]);

    assertThat(importance.shares()).containsOnly(0.0);
    assertThat(importance.weak(0.01)).isEqualTo(ABC);
  }

  @Test
  void overlapIsOneWithItselfZeroWhenDisjointAndOneMinusHalfTheL1DistanceBetween() {
    FeatureImportance a = FeatureImportance.ofGain(ABC, new double[] {5, 3, 2});
    FeatureImportance onlyA = FeatureImportance.ofGain(ABC, new double[] {1, 0, 0});
    FeatureImportance onlyBc = FeatureImportance.ofGain(ABC, new double[] {0, 1, 1});
    FeatureImportance b = FeatureImportance.ofGain(ABC, new double[] {3, 3, 4});

    assertThat(a.overlap(a)).isCloseTo(1, within(1e-12));
    assertThat(onlyA.overlap(onlyBc)).isZero();
    // L1 distance 0.2 + 0 + 0.2 = 0.4
    assertThat(a.overlap(b)).isCloseTo(0.8, within(1e-12));
    assertThat(b.overlap(a)).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void overlapMatchesFeaturesByNameNotPosition() {
    FeatureImportance abc = FeatureImportance.ofGain(ABC, new double[] {5, 3, 2});
    FeatureImportance cba =
        FeatureImportance.ofGain(List.of("c", "b", "a"), new double[] {2, 3, 5});
    FeatureImportance other = FeatureImportance.ofGain(List.of("x", "y"), new double[] {1, 1});

    assertThat(abc.overlap(cba)).isCloseTo(1, within(1e-12));
    assertThat(abc.overlap(other)).isZero();
  }

  @Test
  void sharesSurviveTheRoundTripThroughBundleMetrics() {
    FeatureImportance importance = FeatureImportance.ofGain(ABC, new double[] {5, 3, 2});

    FeatureImportance read =
        FeatureImportance.fromMetrics(importance.asMetrics(Target.STOP_LOSS), Target.STOP_LOSS)
            .orElseThrow();

    assertThat(importance.asMetrics(Target.STOP_LOSS)).containsKey("importance.stop_loss.b");
    assertThat(read.overlap(importance)).isCloseTo(1, within(1e-12));
    assertThat(FeatureImportance.fromMetrics(importance.asMetrics(Target.SIZE), Target.STOP_LOSS))
        .isEmpty();
  }
}
