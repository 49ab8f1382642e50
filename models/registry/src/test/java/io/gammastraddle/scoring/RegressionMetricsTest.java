package io.gammastraddle.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

  private static final double[] ACTUAL = {1, 2, 3, 4};

  @Test
  void scoresHandComputedPredictions() {
    // errors 0.5, 0, 1, 1: MAE 2.5 / 4; SSE 2.25, mean 2.5, SST 5: R² 1 - 2.25 / 5
    double[] predicted = {1.5, 2, 2, 5};

    assertThat(RegressionMetrics.mae(ACTUAL, predicted)).isCloseTo(0.625, within(1e-12));
    assertThat(RegressionMetrics.r2(ACTUAL, predicted)).isCloseTo(0.55, within(1e-12));
  }

  @Test
  void perfectPredictionsScoreOneAndTheMeanScoresZero() {
    assertThat(RegressionMetrics.mae(ACTUAL, ACTUAL)).isZero();
    assertThat(RegressionMetrics.r2(ACTUAL, ACTUAL)).isEqualTo(1);
    assertThat(RegressionMetrics.r2(ACTUAL, new double[] {2.5, 2.5, 2.5, 2.5})).isZero();
  }

  @Test
  void predictionsWorseThanTheMeanScoreBelowZero() {
    // SSE 4 + 0 + 4, SST 1 + 0 + 1
    assertThat(RegressionMetrics.r2(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isEqualTo(-3);
  }

  @Test
  void r2IsUndefinedWhenTheActualValuesDoNotVary() {
    assertThat(RegressionMetrics.r2(new double[] {2, 2}, new double[] {2, 2})).isNaN();
    assertThat(RegressionMetrics.r2(new double[] {2, 2}, new double[] {1, 3})).isNaN();
  }

  @Test
  void refusesMismatchedOrEmptyArrays() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RegressionMetrics.mae(ACTUAL, new double[] {1}))
        .withMessage("4 actual values but 1 predictions");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RegressionMetrics.r2(new double[0], new double[0]))
        .withMessage("no values to score");
  }
}
