package io.gammastraddle.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.registry.FeatureHistogram;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

  /** Deciles of a standard normal, as training would record them, and no missing values. */
  private static final double[] DECILES = {
    -1.2816, -0.8416, -0.5244, -0.2533, 0, 0.2533, 0.5244, 0.8416, 1.2816
  };

  private static FeatureHistogram normal(String name) {
    double[] shares = new double[DECILES.length + 1];
    Arrays.fill(shares, 0.1);
    return new FeatureHistogram(name, DECILES, shares, 0);
  }

  private static DriftMonitor fed(int window, double shift, long seed) {
    DriftMonitor monitor = new DriftMonitor(List.of(normal("a"), normal("b")), window, Set.of());
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < window; i++) {
      monitor.add(new double[] {random.nextGaussian(), random.nextGaussian() + shift});
    }
    return monitor;
  }

  @Test
  void undriftedDataStaysWellBelowTheThresholdOverAThousandVectors() {
    double worst = 0;
    for (long seed = 0; seed < 50; seed++) {
      DriftMonitor monitor = fed(1_000, 0, seed);
      worst = Math.max(worst, Math.max(monitor.psi(0), monitor.psi(1)));
      assertThat(monitor.drifting(0.1)).isNull();
    }
    assertThat(worst).as("worst of 100 PSIs without drift").isLessThan(0.05);
  }

  @Test
  void aShiftedFeatureIsNamedOnceTheWindowIsFull() {
    DriftMonitor monitor = fed(1_000, 0.5, 1);

    assertThat(monitor.psi(1)).isGreaterThan(0.2);
    assertThat(monitor.drifting(0.1)).startsWith("b drifts: PSI");
  }

  @Test
  void oldVectorsLeaveTheWindowAndMissingValuesAreNotDrift() {
    DriftMonitor monitor = fed(500, 3, 2);
    assertThat(monitor.drifting(0.1)).startsWith("b drifts: PSI");
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 500; i++) {
      monitor.add(new double[] {random.nextGaussian(), random.nextGaussian()});
    }
    assertThat(monitor.drifting(0.1)).as("the shifted vectors are gone").isNull();

    for (int i = 0; i < 251; i++) {
      monitor.add(new double[] {Double.NaN, random.nextGaussian() + 3});
    }
    assertThat(monitor.drifting(0.1))
        .as("a has values in fewer than half of the vectors: not judged, though they are undrifted")
        .startsWith("b drifts");
    for (int i = 0; i < 500; i++) {
      monitor.add(new double[] {i < 200 ? Double.NaN : 5, random.nextGaussian()});
    }
    assertThat(monitor.drifting(0.1))
        .as("judged on its 300 values, all far out")
        .startsWith("a drifts: PSI");
  }

  @Test
  void refusesAWindowTooSmallToMeanAnything() {
    assertThatThrownBy(() -> new DriftMonitor(List.of(normal("a")), 100, Set.of()))
        .hasMessageContaining("at least 500");
    assertThat(new DriftMonitor(List.of(normal("a")), 500, Set.of()).drifting(0.1))
        .as("not ready")
        .isNull();
  }

  /** A standard normal trained over [-3, 3]. */
  private static FeatureHistogram ranged(String name) {
    FeatureHistogram normal = normal(name);
    return new FeatureHistogram(name, "", normal.edges(), normal.shares(), 0, new double[] {-3, 3});
  }

  @Test
  void aSlowFeatureSittingOnOneTrainedValueDoesNotDriftThoughItsPsiIsLarge() {
    DriftMonitor monitor =
        new DriftMonitor(List.of(ranged("fast"), ranged("slow")), 500, Set.of("slow"));
    for (int i = 0; i < 500; i++) {
      monitor.add(new double[] {0.1, 2.0 + i * 1e-4});
    }

    assertThat(monitor.psi(0)).isGreaterThan(5);
    assertThat(monitor.psi(1)).isGreaterThan(5);
    assertThat(monitor.maxPsi())
        .as("the slow feature's PSI is not a drift")
        .isEqualTo(monitor.psi(0));
    assertThat(monitor.drifting(0.1)).startsWith("fast drifts: PSI");
  }

  @Test
  void aSlowFeatureDriftsWhenMostOfTheWindowLeavesItsTrainingRange() {
    DriftMonitor monitor = new DriftMonitor(List.of(ranged("slow")), 500, Set.of("slow"));
    for (int i = 0; i < 250; i++) {
      monitor.add(new double[] {2.9});
    }
    for (int i = 0; i < 250; i++) {
      monitor.add(new double[] {3.1});
    }
    assertThat(monitor.outsideShare(0)).isEqualTo(0.5);
    assertThat(monitor.drifting(0.1)).as("half outside is not yet most").isNull();

    monitor.add(new double[] {3.2});

    assertThat(monitor.drifting(0.1))
        .isEqualTo(
            "slow drifts: 50% of the last 500 vectors outside its training range [-3.00000, 3.00000]");
    for (int i = 0; i < 500; i++) {
      monitor.add(new double[] {Double.NaN});
    }
    assertThat(monitor.outsideShare(0)).as("the values outside left the window").isZero();
  }
}
