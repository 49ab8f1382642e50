package io.gammastraddle.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.registry.FeatureHistogram;
import java.util.Arrays;
import java.util.List;
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
    DriftMonitor monitor = new DriftMonitor(List.of(normal("a"), normal("b")), window);
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
    assertThat(monitor.drifting(0.1)).isEqualTo("b");
  }

  @Test
  void oldVectorsLeaveTheWindowAndMissingValuesHaveTheirOwnBin() {
    DriftMonitor monitor = fed(500, 3, 2);
    assertThat(monitor.drifting(0.1)).isEqualTo("b");
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 500; i++) {
      monitor.add(new double[] {random.nextGaussian(), random.nextGaussian()});
    }
    assertThat(monitor.drifting(0.1)).as("the shifted vectors are gone").isNull();

    for (int i = 0; i < 500; i++) {
      monitor.add(new double[] {Double.NaN, random.nextGaussian()});
    }
    assertThat(monitor.drifting(0.1)).as("never missing in training").isEqualTo("a");
  }

  @Test
  void refusesAWindowTooSmallToMeanAnything() {
    assertThatThrownBy(() -> new DriftMonitor(List.of(normal("a")), 100))
        .hasMessageContaining("at least 500");
    assertThat(new DriftMonitor(List.of(normal("a")), 500).drifting(0.1)).as("not ready").isNull();
  }
}
