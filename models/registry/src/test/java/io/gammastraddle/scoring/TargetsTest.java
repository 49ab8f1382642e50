package io.gammastraddle.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TargetsTest {

  @Test
  void clipsTheExcursionsIntoTheStrategysRanges() {
    assertThat(Targets.takeProfit(0.3)).isEqualTo(0.3);
    assertThat(Targets.takeProfit(0.02)).isEqualTo(0.1);
    assertThat(Targets.takeProfit(0.9)).isEqualTo(0.5);
    assertThat(Targets.takeProfitClipped(0.9)).isTrue();
    assertThat(Targets.takeProfitClipped(0.3)).isFalse();
    assertThat(Targets.stopLoss(0.12)).isEqualTo(0.12);
    assertThat(Targets.stopLoss(0.01)).isEqualTo(0.05);
    assertThat(Targets.stopLoss(0.6)).isEqualTo(0.2);
    assertThat(Targets.stopLossClipped(0.6)).isTrue();
  }

  @Test
  void sizesByHalfKellyOnThePnlPerUnitOfRisk() {
    assertThat(Targets.size(0.1, -0.1)).as("a loss").isEqualTo(0.02);
    assertThat(Targets.size(0.1, 0.1)).isCloseTo(0.02 + 0.13 * 0.5, within(1e-12));
    assertThat(Targets.size(0.01, 0.05))
        .as("risk is at least the smallest stop")
        .isCloseTo(0.02 + 0.13 * 0.5, within(1e-12));
    assertThat(Targets.size(0.1, 0.5)).isEqualTo(0.15);
  }
}
