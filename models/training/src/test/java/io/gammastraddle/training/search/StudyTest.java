package io.gammastraddle.training.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyTest {

  /** LightGBM's search space as DESIGN section 8 lists it. */
  private static final SearchSpace SPACE =
      SearchSpace.of(
          Parameter.logUniform("learning_rate", 0.001, 0.3),
          Parameter.intUniform("max_depth", 3, 12),
          Parameter.intLogUniform("num_leaves", 8, 256),
          Parameter.logUniform("min_child_weight", 0.01, 100),
          Parameter.uniform("feature_fraction", 0.5, 1),
          Parameter.uniform("bagging_fraction", 0.5, 1));

  /** The original hand-picked defaults (issue 6), with integral values given as doubles. */
  private static final Map<String, Number> DEFAULTS =
      Map.of(
          "learning_rate", 0.01,
          "max_depth", 6.0,
          "num_leaves", 31,
          "min_child_weight", 1,
          "feature_fraction", 1.0,
          "bagging_fraction", 1.0);

  private static final Objective LEARNING_RATE_DISTANCE =
      trial -> Math.abs(Math.log(trial.params().get("learning_rate").doubleValue() / 0.05));

  @Test
  void anEnqueuedTrialRunsFirstWithExactlyThoseParameters() {
    Study study = new Study(SPACE, new TpeSampler(1));
    study.enqueue(DEFAULTS);
    study.optimize(LEARNING_RATE_DISTANCE, 3);

    assertThat(study.trials().get(0).params())
        .containsExactly(
            entry("learning_rate", 0.01),
            entry("max_depth", 6),
            entry("num_leaves", 31),
            entry("min_child_weight", 1.0),
            entry("feature_fraction", 1.0),
            entry("bagging_fraction", 1.0));
    assertThat(study.trials().get(1).params()).isNotEqualTo(study.trials().get(0).params());
  }

  @Test
  void enqueueRefusesParametersOutsideTheSpace() {
    Study study = new Study(SPACE, new TpeSampler(1));
    Map<String, Number> tooDeep = new java.util.HashMap<>(DEFAULTS);
    tooDeep.put("max_depth", 13);
    Map<String, Number> fractionalDepth = new java.util.HashMap<>(DEFAULTS);
    fractionalDepth.put("max_depth", 6.5);
    Map<String, Number> unknown = new java.util.HashMap<>(DEFAULTS);
    unknown.put("lambda_l1", 0.1);

    assertThatThrownBy(() -> study.enqueue(tooDeep)).hasMessageContaining("max_depth");
    assertThatThrownBy(() -> study.enqueue(fractionalDepth)).hasMessageContaining("max_depth");
    assertThatThrownBy(() -> study.enqueue(unknown)).hasMessageContaining("lambda_l1");
    assertThatThrownBy(() -> study.enqueue(Map.of("learning_rate", 0.01)))
        .hasMessageContaining("missing");
  }

  @Test
  void medianPrunerStopsAClearlyBadTrialAndLetsAGoodOneFinish() {
    // A learning curve that settles at the trial's quality: loss(step) = quality + 1 / (step + 1).
    Objective curve =
        trial -> {
          double quality = trial.params().get("feature_fraction").doubleValue();
          double loss = Double.NaN;
          for (int step = 0; step < 20; step++) {
            loss = quality + 1.0 / (step + 1);
            trial.report(step, loss);
            if (trial.shouldPrune()) {
              throw new TrialPrunedException();
            }
          }
          return loss;
        };
    Study study = new Study(SPACE, new RandomSampler(2), new MedianPruner(5, 3));
    for (double quality : new double[] {0.7, 0.75, 0.8, 0.85, 0.9, 1.0, 0.5}) {
      study.enqueue(withFeatureFraction(quality));
    }
    study.optimize(curve, 7);

    assertThat(study.trials())
        .extracting(Trial::state)
        .startsWith(
            Trial.State.COMPLETE,
            Trial.State.COMPLETE,
            Trial.State.COMPLETE,
            Trial.State.COMPLETE,
            Trial.State.COMPLETE);
    Trial bad = study.trials().get(5);
    assertThat(bad.state()).isEqualTo(Trial.State.PRUNED);
    assertThat(bad.value()).isNaN();
    // Pruned at the first step after the warm-up, with what it reported kept for the sampler.
    assertThat(bad.intermediateValues().keySet()).containsExactly(0, 1, 2, 3);
    assertThat(study.trials().get(6).state()).isEqualTo(Trial.State.COMPLETE);
    assertThat(study.best().orElseThrow().number()).isEqualTo(6);
  }

  @Test
  void aNaNResultIsRecordedAsFailedAndNeverBest() {
    Study study = new Study(SPACE, new TpeSampler(3));
    study.optimize(trial -> trial.number() == 0 ? Double.NaN : 1.0 + trial.number(), 3);

    assertThat(study.trials())
        .extracting(Trial::state)
        .containsExactly(Trial.State.FAILED, Trial.State.COMPLETE, Trial.State.COMPLETE);
    assertThat(study.best().orElseThrow().number()).isEqualTo(1);
  }

  @Test
  void aStudyWithoutCompleteTrialsHasNoBest() {
    Study study = new Study(SPACE, new TpeSampler(3));
    study.optimize(trial -> Double.NaN, 2);

    assertThat(study.best()).isEmpty();
  }

  @Test
  void aStepCanBeReportedOnceAndNothingIsPrunedBeforeAReport() {
    Study study = new Study(SPACE, new TpeSampler(4), (values, trials) -> true);
    study.runTrial(
        trial -> {
          assertThat(trial.shouldPrune()).isFalse();
          trial.report(0, 1.0);
          assertThat(trial.shouldPrune()).isTrue();
          assertThatThrownBy(() -> trial.report(0, 0.5))
              .isInstanceOf(IllegalArgumentException.class);
          return 1.0;
        });

    assertThat(study.trials().get(0).intermediateValues()).containsExactly(entry(0, 1.0));
  }

  private static Map<String, Number> withFeatureFraction(double value) {
    Map<String, Number> params = new java.util.HashMap<>(DEFAULTS);
    params.put("feature_fraction", value);
    return params;
  }
}
