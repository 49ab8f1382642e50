package io.gammastraddle.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.fit.Hyperparameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

  @Test
  void promotesAFirstModelThatBeatsTheFallback() throws Exception {
    List<TrainingSample> samples = SyntheticSamples.learnable(2_000, false);
    Trainer.Result result =
        SyntheticSamples.TRAINER.train(
            samples,
            SyntheticSamples.NAMES,
            2,
            SyntheticSamples.FAST,
            SyntheticSamples.T0,
            Optional.empty());

    PromotionGate.Decision decision = PromotionGate.decide(result, samples, Optional.empty());

    assertThat(decision.promote()).isTrue();
    assertThat(decision.reason()).startsWith("promoted").contains("take_profit MAE", "vs fallback");
  }

  @Test
  void keepsTheCurrentModelWhenTheCandidateIsWorseOnTheWalkForwardWindow() throws Exception {
    List<TrainingSample> samples = SyntheticSamples.learnable(3_000, false);
    Trainer.Result current =
        SyntheticSamples.TRAINER.train(
            samples.subList(0, 2_000),
            SyntheticSamples.NAMES,
            2,
            SyntheticSamples.FAST,
            1,
            Optional.empty());
    Hyperparameters underfitting = new Hyperparameters(3, 0.01, 2, 2, 1, 1, 1);
    Trainer.Result candidate =
        SyntheticSamples.TRAINER.train(
            samples, SyntheticSamples.NAMES, 2, underfitting, 2, Optional.empty());

    PromotionGate.Decision decision =
        PromotionGate.decide(candidate, samples, Optional.of(current.bundle()));

    assertThat(decision.promote()).as(decision.reason()).isFalse();
    assertThat(decision.reason())
        .startsWith("rejected")
        .contains("walk-forward MAE", "on 1000 samples");
  }

  @Test
  void keepsTheCurrentModelWhenTooFewNewSamplesCanCompareThem() throws Exception {
    List<TrainingSample> samples = SyntheticSamples.learnable(2_050, false);
    Trainer.Result current =
        SyntheticSamples.TRAINER.train(
            new ArrayList<>(samples.subList(0, 2_000)),
            SyntheticSamples.NAMES,
            2,
            SyntheticSamples.FAST,
            1,
            Optional.empty());
    Trainer.Result candidate =
        SyntheticSamples.TRAINER.train(
            samples, SyntheticSamples.NAMES, 2, SyntheticSamples.FAST, 2, Optional.empty());

    PromotionGate.Decision decision =
        PromotionGate.decide(candidate, samples, Optional.of(current.bundle()));

    assertThat(decision.promote()).isFalse();
    assertThat(decision.reason())
        .contains("only 50 samples after the current model's training window");
  }
}
