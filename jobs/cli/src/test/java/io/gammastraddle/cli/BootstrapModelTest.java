package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.registry.ModelTopic;
import io.gammastraddle.training.fit.Hyperparameters;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BootstrapModelTest {

  private static final long END = 1_767_225_600_000L; // 2026-01-01T00:00Z
  private static final Duration HISTORY = Duration.ofMinutes(20);
  private static final Duration HORIZON = Duration.ofMinutes(2);

  /**
   * 20 simulated minutes with a 2-minute horizon (the demo's ratio of history to horizon, about
   * ten, so purged cross-validation has enough to train on) and fewer, faster rounds: seconds.
   */
  private static final BootstrapModel BOOTSTRAP =
      new BootstrapModel(
          GammaConfig.defaultConfig(),
          new BootstrapModel.Settings(
              HISTORY,
              HORIZON,
              Duration.ofSeconds(5),
              Duration.ofHours(6),
              new Hyperparameters(200, 0.05, 6, 31, 1, 1, 1)));

  private static BootstrapModel.History history;

  @BeforeAll
  static void simulate() {
    history = BOOTSTRAP.history(7, END);
  }

  @Test
  void aShortSimulatedHistoryGivesSamplesWithFiniteOutcomesWithinItsWindow() {
    // 18 minutes of entries, one per 5 s per underlying: up to 432 candidates.
    assertThat(history.samples()).hasSizeGreaterThan(300);
    assertThat(history.samples())
        .allSatisfy(
            sample -> {
              assertThat(sample.features()).hasSize(FeatureSchema.NAMES.size());
              assertThat(sample.maxFavourable()).isFinite().isNotNegative();
              assertThat(sample.maxAdverse()).isFinite().isNotNegative();
              assertThat(sample.hedgedPnl()).isFinite();
              assertThat(sample.entryTime()).isGreaterThanOrEqualTo(END - HISTORY.toMillis());
              assertThat(sample.endTime())
                  .isGreaterThan(sample.entryTime())
                  .isLessThanOrEqualTo(Math.min(END, sample.entryTime() + HORIZON.toMillis()));
            });
    assertThat(history.samples()).extracting(LabelledSample::underlying).contains("BTC", "ETH");
    assertThat(history.samples())
        .isSortedAccordingTo(Comparator.comparingLong(LabelledSample::entryTime));
  }

  @Test
  void theTrainedBundleLoadsAfterTheModelsTopicRoundTripAndSaysItIsABootstrap() throws Exception {
    ModelBundle bundle = BOOTSTRAP.train(history.trainingSamples(), 42, END);

    assertThat(ModelTopic.decode(ModelTopic.encode(bundle)).load()).isNotNull();
    assertThat(bundle.version()).endsWith(BootstrapModel.VERSION_SUFFIX);
    assertThat(bundle.metrics()).containsEntry("bootstrap", 1.0);
    assertThat(bundle.expiresAt() - bundle.createdAt()).isEqualTo(Duration.ofHours(6).toMillis());
    assertThat(bundle.trainedTo()).isLessThan(END);
  }

  @Test
  void theHistoryFollowsAnotherPathThanTheLiveMarketsSeed() {
    assertThat(BootstrapModel.historySeed(42)).isNotIn(41L, 42L, 43L);
    assertThat(BootstrapModel.historySeed(42)).isEqualTo(BootstrapModel.historySeed(42));
  }
}
