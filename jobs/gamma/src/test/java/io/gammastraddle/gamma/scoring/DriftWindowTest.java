package io.gammastraddle.gamma.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.registry.FeatureHistogram;
import io.gammastraddle.scoring.DriftMonitor;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftWindowTest {

  private static final long T0 = 1_767_225_600_000L;

  /** Standard-normal deciles trained over [-4, 4]. */
  private static FeatureHistogram normal(String feature) {
    double[] edges = {-1.2816, -0.8416, -0.5244, -0.2533, 0, 0.2533, 0.5244, 0.8416, 1.2816};
    double[] shares = new double[edges.length + 1];
    Arrays.fill(shares, 0.1);
    return new FeatureHistogram(feature, "", edges, shares, 0, new double[] {-4, 4});
  }

  @Test
  void takesOneVectorPerIntervalAndRestartsOnAnotherLength() {
    DriftWindow window = new DriftWindow(DriftMonitor.MIN_WINDOW);
    long fiveSeconds = Duration.ofSeconds(5).toMillis();
    int taken = 0;
    for (int second = 0; second < 20; second++) {
      taken += window.add(new double[] {second}, T0 + second * 1_000L, fiveSeconds) ? 1 : 0;
    }
    assertThat(taken).as("at 0, 5, 10 and 15 s").isEqualTo(4);
    assertThat(window.getCount()).isEqualTo(4);

    assertThat(window.add(new double[] {1, 2}, T0 + 21_000, fiveSeconds))
        .as("a new schema's vector is taken at once")
        .isTrue();
    assertThat(window.getCount()).isOne();
  }

  @Test
  void featuresRememberingLongerThanTheSpacingAreCheckedByRangeNotPsi() {
    List<FeatureHistogram> reference =
        List.of(normal(FeatureSchema.SPREAD), normal(FeatureSchema.REALIZED_VOL));
    DriftWindow window = new DriftWindow(DriftMonitor.MIN_WINDOW);
    long spacing = Duration.ofMinutes(5).toMillis();
    double[] oneValuePerDecile = {-1.6, -1.0, -0.7, -0.4, -0.1, 0.1, 0.4, 0.7, 1.0, 1.6};
    for (int i = 0; i < DriftMonitor.MIN_WINDOW; i++) {
      // realized vol sits on one value, as an hour's volatility does over minutes; spread moves.
      window.add(new double[] {oneValuePerDecile[i % 10], 0.3}, T0 + i * spacing, spacing);
    }

    DriftMonitor fiveMinutes = window.replay(reference, spacing);
    DriftMonitor hourly = window.replay(reference, Duration.ofHours(2).toMillis());

    assertThat(fiveMinutes.psi(1)).as("one value fills one decile").isGreaterThan(5);
    assertThat(fiveMinutes.drifting(0.1)).as("a 1 h feature every 5 min: by range").isNull();
    assertThat(hourly.drifting(0.1))
        .as("vectors two hours apart: realized vol by PSI")
        .startsWith("realized_vol drifts: PSI");
  }
}
