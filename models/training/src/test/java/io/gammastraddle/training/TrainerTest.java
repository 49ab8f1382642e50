package io.gammastraddle.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.registry.FeatureHistogram;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.training.data.TrainingSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            SyntheticSamples.T0 + 999,
            Optional.empty());

    for (Trainer.TargetReport report : result.reports().values()) {
      assertThat(report.outOfFoldR2()).as(report.target() + " out-of-fold R2").isGreaterThan(0.6);
      assertThat(report.foldR2()).hasSize(5);
      assertThat(report.finalRounds()).isPositive();
    }
    ModelBundle bundle = result.bundle();
    bundle.load();
    assertThat(bundle.featureNames()).isEqualTo(SyntheticSamples.NAMES);
    assertThat(bundle.histograms())
        .as("every row's, then BTC's")
        .hasSize(2 * SyntheticSamples.FEATURES);
    assertThat(bundle.driftReference("BTC")).extracting(h -> h.underlying()).containsOnly("BTC");
    assertThat(bundle.histograms().get(SyntheticSamples.FEATURES - 1).missingShare())
        .isBetween(0.13, 0.16);
    assertThat(bundle.metrics().get("take_profit.fallback_mae"))
        .as("the fallback's error is the bar the model beat")
        .isGreaterThan(bundle.metrics().get("take_profit.mae"));
    assertThat(bundle.referenceRows()).hasSize(Trainer.REFERENCE_ROWS);
    assertThat(bundle.metrics()).containsKeys("size.r2", "take_profit.mae", "stop_loss.clip_rate");
    assertThat(bundle.trainedFrom()).isEqualTo(SyntheticSamples.T0);
    assertThat(bundle.expiresAt()).isEqualTo(SyntheticSamples.T0 + 999 + 86_400_000);
  }

  @Test
  void binsEachUnderlyingWithEnoughRowsOnItsOwnScale() {
    List<TrainingSample> samples = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String underlying = i % 2 == 0 ? "BTC" : i < 300 ? "ETH" : "SOL";
      double volume = underlying.equals("BTC") ? 1e9 + i : 1e8 + i;
      samples.add(new TrainingSample(underlying, i, i + 1, new double[] {volume}, 0, 0, 0));
    }
    double[] features = samples.stream().mapToDouble(sample -> sample.features()[0]).toArray();

    List<FeatureHistogram> histograms = Trainer.histograms(List.of("volume"), features, samples);

    assertThat(histograms)
        .extracting(FeatureHistogram::underlying)
        .as("every row, BTC (200 rows); ETH (150) and SOL (50) are too few")
        .containsExactly("", "BTC");
    FeatureHistogram btc = histograms.get(1);
    assertThat(btc.edges()[0]).as("BTC's own deciles").isGreaterThan(1e9);
    for (double share : btc.shares()) {
      assertThat(share).isCloseTo(0.1, within(1e-9));
    }
  }

  @Test
  void ranksTheInformativeFeatureOfEachTargetFirstAndKeepsTheSharesInTheBundle() throws Exception {
    Trainer.Result result =
        SyntheticSamples.TRAINER.train(
            SyntheticSamples.learnable(1_500, false),
            SyntheticSamples.NAMES,
            2,
            SyntheticSamples.FAST,
            SyntheticSamples.T0,
            Optional.empty());

    // SyntheticSamples: favourable excursion from f0, adverse from f1, P&L per risk from f2
    Map<Target, String> informative =
        Map.of(Target.TAKE_PROFIT, "f0", Target.STOP_LOSS, "f1", Target.SIZE, "f2");
    Map<Target, FeatureImportance> importances = new EnumMap<>(Target.class);
    for (Trainer.TargetReport report : result.reports().values()) {
      FeatureImportance importance = report.importance();
      importances.put(report.target(), importance);
      assertThat(Arrays.stream(importance.shares()).sum()).isCloseTo(1, within(1e-9));
      assertThat(importance.ranked().keySet().iterator().next())
          .as(report.target() + " importance " + importance.ranked())
          .isEqualTo(informative.get(report.target()));
      assertThat(result.bundle().metrics())
          .containsEntry("importance." + report.target().key() + ".f3", importance.share("f3"));
    }
    assertThat(result.stability()).isEmpty();
    assertThat(result.bundle().metrics()).doesNotContainKey(ImportanceStability.METRIC);
    assertThat(result.crossValidationTime()).isPositive();
    assertThat(result.fitTime()).isPositive();

    ImportanceStability againstItself =
        ImportanceStability.between(importances, result.bundle()).orElseThrow();
    assertThat(againstItself.mean()).isCloseTo(1, within(1e-12));
    assertThat(againstItself.byTarget()).hasSize(3);
    assertThat(againstItself.meetsGoal()).isTrue();
  }

  @Test
  void measuresStabilityAgainstThePreviousModelAndTellsItsProgress() throws Exception {
    List<TrainingSample> samples = SyntheticSamples.learnable(1_200, false);
    Trainer.Result previous =
        SyntheticSamples.TRAINER.train(
            samples.subList(0, 1_000),
            SyntheticSamples.NAMES,
            2,
            SyntheticSamples.FAST,
            1,
            Optional.empty());
    List<String> steps = new ArrayList<>();
    Trainer trainer =
        new Trainer(
            SyntheticSamples.SETTINGS,
            (done, total, step) -> steps.add(done + "/" + total + " " + step));

    Trainer.Result next =
        trainer.train(
            samples,
            SyntheticSamples.NAMES,
            2,
            SyntheticSamples.FAST,
            2,
            Optional.of(previous.bundle()));

    double stability = next.stability().orElseThrow().mean();
    assertThat(stability).isBetween(0.5, 1.0);
    assertThat(next.bundle().metrics())
        .containsEntry(ImportanceStability.METRIC, stability)
        .containsKey("size." + ImportanceStability.METRIC);
    assertThat(steps)
        .hasSize(18)
        .startsWith("1/18 size fold 1/5")
        .endsWith("18/18 stop_loss final model");
  }

  @Test
  void findsNothingInShuffledOutcomes() throws Exception {
    Trainer.Result result =
        SyntheticSamples.TRAINER.train(
            SyntheticSamples.learnable(3_000, true),
            SyntheticSamples.NAMES,
            2,
            SyntheticSamples.FAST,
            SyntheticSamples.T0,
            Optional.empty());

    for (Trainer.TargetReport report : result.reports().values()) {
      assertThat(report.outOfFoldR2())
          .as(report.target() + " out-of-fold R2")
          .isBetween(-0.2, 0.05);
    }
  }
}
