package io.gammastraddle.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.training.fit.Hyperparameters;
import io.gammastraddle.training.search.Trial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperparameterSearchTest {

  private static final Trainer THREE_FOLDS =
      new Trainer(new Trainer.Settings(3, Duration.ofHours(1), 0.2, 20, 7, 1, Duration.ofDays(1)));

  @Test
  void triesTheDefaultsFirstThenFindsBetterSettingsThanTheFallback() {
    List<Trial> seen = new ArrayList<>();
    HyperparameterSearch.Outcome outcome =
        new HyperparameterSearch(THREE_FOLDS, 5)
            .search(
                SyntheticSamples.learnable(600, false),
                SyntheticSamples.FEATURES,
                6,
                60,
                seen::add);

    assertThat(seen).hasSize(6);
    Trial first = seen.get(0);
    assertThat(HyperparameterSearch.hyperparameters(first.params(), 60))
        .isEqualTo(withRounds(Hyperparameters.defaults(), 60));
    assertThat(outcome.trials()).hasSize(6);
    assertThat(outcome.bestLoss())
        .as("relative to the fallback, and no worse than the defaults")
        .isLessThan(1)
        .isLessThanOrEqualTo(first.isComplete() ? first.value() : Double.MAX_VALUE);
    assertThat(outcome.best().rounds()).isEqualTo(60);
    assertThat(outcome.wallTime()).isPositive();
  }

  private static Hyperparameters withRounds(Hyperparameters h, int rounds) {
    return new Hyperparameters(
        rounds,
        h.learningRate(),
        h.maxDepth(),
        h.numLeaves(),
        h.minChildWeight(),
        h.featureFraction(),
        h.baggingFraction());
  }
}
