package io.gammastraddle.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TargetsTest {

  private static TrainingSample outcome(double favourable, double adverse, double pnl) {
    return new TrainingSample("BTC", 0, 1, new double[0], favourable, adverse, pnl);
  }

  @Test
  void clipsTheExcursionsIntoTheStrategysRanges() {
    assertThat(Targets.takeProfit(outcome(0.3, 0.1, 0))).isEqualTo(0.3);
    assertThat(Targets.takeProfit(outcome(0.02, 0.1, 0))).isEqualTo(0.1);
    assertThat(Targets.takeProfit(outcome(0.9, 0.1, 0))).isEqualTo(0.5);
    assertThat(Targets.takeProfitClipped(outcome(0.9, 0.1, 0))).isTrue();
    assertThat(Targets.takeProfitClipped(outcome(0.3, 0.1, 0))).isFalse();
    assertThat(Targets.stopLoss(outcome(0, 0.12, 0))).isEqualTo(0.12);
    assertThat(Targets.stopLoss(outcome(0, 0.01, 0))).isEqualTo(0.05);
    assertThat(Targets.stopLoss(outcome(0, 0.6, 0))).isEqualTo(0.2);
    assertThat(Targets.stopLossClipped(outcome(0, 0.6, 0))).isTrue();
  }

  @Test
  void sizesByHalfKellyOnThePnlPerUnitOfRisk() {
    assertThat(Targets.size(outcome(0, 0.1, -0.1))).as("a loss").isEqualTo(0.02);
    assertThat(Targets.size(outcome(0.3, 0.1, 0.1))).isCloseTo(0.02 + 0.13 * 0.5, within(1e-12));
    assertThat(Targets.size(outcome(0.3, 0.01, 0.05)))
        .as("risk is at least the smallest stop")
        .isCloseTo(0.02 + 0.13 * 0.5, within(1e-12));
    assertThat(Targets.size(outcome(0.9, 0.1, 0.5))).isEqualTo(0.15);
  }
}
