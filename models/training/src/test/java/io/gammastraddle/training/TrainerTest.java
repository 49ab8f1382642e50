package io.gammastraddle.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.registry.ModelBundle;
import org.junit.jupiter.api.Test;

class TrainerTest {

  @Test
  void learnsLearnableOutcomesOutOfFoldAndMakesALoadableBundle() throws Exception {
    Trainer.Result result =
        SyntheticSamples.TRAINER.train(
            SyntheticSamples.learnable(3_000, false),
            SyntheticSamples.NAMES,
            2,
            SyntheticSamples.FAST,
            SyntheticSamples.T0 + 999);

    for (Trainer.TargetReport report : result.reports().values()) {
      assertThat(report.outOfFoldR2()).as(report.target() + " out-of-fold R2").isGreaterThan(0.6);
      assertThat(report.foldR2()).hasSize(5);
      assertThat(report.finalRounds()).isPositive();
    }
    ModelBundle bundle = result.bundle();
    bundle.load();
    assertThat(bundle.featureNames()).isEqualTo(SyntheticSamples.NAMES);
    assertThat(bundle.histograms()).hasSize(SyntheticSamples.FEATURES);
    assertThat(bundle.histograms().get(SyntheticSamples.FEATURES - 1).missingShare())
        .isBetween(0.13, 0.16);
    assertThat(bundle.referenceRows()).hasSize(Trainer.REFERENCE_ROWS);
    assertThat(bundle.metrics()).containsKeys("size.r2", "take_profit.mae", "stop_loss.clip_rate");
    assertThat(bundle.trainedFrom()).isEqualTo(SyntheticSamples.T0);
    assertThat(bundle.expiresAt()).isEqualTo(SyntheticSamples.T0 + 999 + 86_400_000);
  }

  @Test
  void findsNothingInShuffledOutcomes() throws Exception {
    Trainer.Result result =
        SyntheticSamples.TRAINER.train(
            SyntheticSamples.learnable(3_000, true),
            SyntheticSamples.NAMES,
            2,
            SyntheticSamples.FAST,
            SyntheticSamples.T0);

    for (Trainer.TargetReport report : result.reports().values()) {
      assertThat(report.outOfFoldR2())
          .as(report.target() + " out-of-fold R2")
          .isBetween(-0.2, 0.05);
    }
  }
}
