package io.gammastraddle.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.scoring.BundleScorer;
import io.gammastraddle.scoring.OutputRanges;
import io.gammastraddle.scoring.Prediction;
import org.junit.jupiter.api.Test;

/** In this package for {@link Bundles}, the real LightGBM bundles of the registry's tests. */
class BundleScorerTest {

  private static final long NOW = 1_800_000_000_000L;

  @Test
  void predictsWithTheModelsAndClipsIntoTheStrategysRanges() throws Exception {
    ModelBundle bundle = Bundles.trained("v1", NOW);
    BundleScorer scorer = new BundleScorer(bundle);
    ReferenceRow row = bundle.referenceRows().get(1);

    Prediction prediction = scorer.score("BTC", NOW + 1, bundle.schemaVersion(), row.features());

    assertThat(prediction.fallback()).isFalse();
    assertThat(prediction.reason()).isEmpty();
    assertThat(prediction.modelVersion()).isEqualTo("v1");
    assertThat(prediction.size())
        .isEqualTo(OutputRanges.clip(row.size(), OutputRanges.MIN_SIZE, OutputRanges.MAX_SIZE));
    assertThat(prediction.takeProfit())
        .isEqualTo(
            OutputRanges.clip(
                row.takeProfit(), OutputRanges.MIN_TAKE_PROFIT, OutputRanges.MAX_TAKE_PROFIT));
    int expectedClips =
        (row.size() < OutputRanges.MIN_SIZE || row.size() > OutputRanges.MAX_SIZE ? 1 : 0)
            + (row.takeProfit() < OutputRanges.MIN_TAKE_PROFIT
                    || row.takeProfit() > OutputRanges.MAX_TAKE_PROFIT
                ? 1
                : 0)
            + (row.stopLoss() < OutputRanges.MIN_STOP_LOSS
                    || row.stopLoss() > OutputRanges.MAX_STOP_LOSS
                ? 1
                : 0);
    assertThat(prediction.clipped()).isEqualTo(expectedClips);
  }

  @Test
  void fallsBackWithTheReasonWhenTheModelsCannotBeTrustedForAVector() throws Exception {
    ModelBundle bundle = Bundles.trained("v1", NOW);
    BundleScorer scorer = new BundleScorer(bundle);

    assertFallback(scorer.score("BTC", bundle.expiresAt(), 2, new double[] {0, 0, 0}), "expired");
    assertFallback(scorer.score("BTC", NOW, 1, new double[] {0, 0, 0}), "feature schema 1");
    assertFallback(scorer.score("BTC", NOW, 2, new double[] {0, 0}), "2 features");
    assertFallback(
        scorer.score("BTC", NOW, 2, new double[] {0, Double.POSITIVE_INFINITY, 0}),
        "b is infinite");
    assertThat(scorer.score("BTC", NOW, 2, new double[] {Double.NaN, 0, 0}).fallback())
        .as("a missing value is the models' to handle")
        .isFalse();
  }

  private static void assertFallback(Prediction prediction, String reason) {
    assertThat(prediction.fallback()).isTrue();
    assertThat(prediction.reason()).contains(reason);
    assertThat(prediction.size()).isEqualTo(Fallback.SIZE);
    assertThat(prediction.takeProfit()).isEqualTo(Fallback.TAKE_PROFIT);
    assertThat(prediction.stopLoss()).isEqualTo(Fallback.STOP_LOSS);
  }
}
