package io.gammastraddle.training.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.registry.FileRegistry;
import io.gammastraddle.training.SyntheticSamples;
import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.report.ReportWriter;
import io.gammastraddle.training.search.Trial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduledTrainingTest {

  private static final long NOW = SyntheticSamples.T0 + Duration.ofDays(5).toMillis();
  private static final ScheduledTraining.Settings SETTINGS =
      new ScheduledTraining.Settings(Duration.ofHours(1), 1_000, Duration.ofHours(24), 2, 0.01);

  @TempDir Path registry;

  private final List<Trial> trials = new ArrayList<>();

  private ScheduledTraining training() {
    return new ScheduledTraining(
        registry,
        SETTINGS,
        SyntheticSamples.SETTINGS,
        SyntheticSamples.NAMES,
        2,
        SyntheticSamples.FAST,
        trials::add);
  }

  @Test
  void waitsForTheMinimumSamples() throws Exception {
    ScheduledTraining.Cycle cycle = training().cycle(SyntheticSamples.learnable(999, false), NOW);

    assertThat(cycle.samples()).isEqualTo(999);
    assertThat(cycle.run()).isEmpty();
    assertThat(new FileRegistry(registry).list()).isEmpty();
    assertThat(training().firstCycleAt(NOW)).isEqualTo(NOW);
  }

  @Test
  void trainsWithTheInitialHyperparametersFirstAndSearchesOnceTheSearchIsDue() throws Exception {
    List<TrainingSample> samples = SyntheticSamples.learnable(1_100, false);

    ScheduledTraining.Cycle first = training().cycle(samples, NOW);

    assertThat(first.search()).isEmpty();
    TrainingRun.Outcome run = first.run().orElseThrow();
    assertThat(run.decision().promote()).as(run.decision().reason()).isTrue();
    assertThat(new FileRegistry(registry).current().orElseThrow().version())
        .isEqualTo(run.bundle().version());
    assertThat(run.reportDirectory())
        .isEqualTo(TrainingRun.reportsDirectory(registry).resolve(run.bundle().version()));
    assertThat(run.reportDirectory().resolve(ReportWriter.REPORT_JSON)).isRegularFile();
    assertThat(ChosenHyperparameters.load(registry).orElseThrow())
        .isEqualTo(ChosenHyperparameters.initial(SyntheticSamples.FAST, NOW));
    assertThat(training().firstCycleAt(NOW + 1)).isEqualTo(NOW + Duration.ofHours(1).toMillis());

    long searchDue = NOW + Duration.ofHours(24).toMillis();
    ScheduledTraining.Cycle second = training().cycle(samples, searchDue);

    assertThat(second.search()).isPresent();
    assertThat(trials).hasSize(2);
    ChosenHyperparameters chosen = ChosenHyperparameters.load(registry).orElseThrow();
    assertThat(chosen.chosenAt()).isEqualTo(searchDue);
    assertThat(chosen.trials()).isEqualTo(2);
    assertThat(chosen.hyperparameters()).isEqualTo(second.search().get().best());
    assertThat(second.run().orElseThrow().report().search().trials()).isEqualTo(2);
    assertThat(second.run().get().report().wallTimeSeconds().search()).isPositive();
    // against the first model: the same samples, so nothing after its window to compare on
    assertThat(second.run().get().decision().promote()).isFalse();
    assertThat(second.run().get().report().stability().mean()).isBetween(0.5, 1.0);
    assertThat(Files.list(TrainingRun.reportsDirectory(registry))).hasSize(2);
  }
}
