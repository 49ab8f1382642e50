package io.gammastraddle.training;

import io.gammastraddle.scoring.Targets;
import io.gammastraddle.training.data.TrainingSample;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** The three things the models predict, each with its target rule ({@link Targets}). */
public enum Target {
  SIZE("size", sample -> Targets.size(sample.maxAdverse(), sample.hedgedPnl()), sample -> false),
  TAKE_PROFIT(
      "take_profit",
      sample -> Targets.takeProfit(sample.maxFavourable()),
      sample -> Targets.takeProfitClipped(sample.maxFavourable())),
  STOP_LOSS(
      "stop_loss",
      sample -> Targets.stopLoss(sample.maxAdverse()),
      sample -> Targets.stopLossClipped(sample.maxAdverse()));

  private final String key;
  private final ToDoubleFunction<TrainingSample> value;
  private final Predicate<TrainingSample> clipped;

  Target(String key, ToDoubleFunction<TrainingSample> value, Predicate<TrainingSample> clipped) {
    this.key = key;
    this.value = value;
    this.clipped = clipped;
  }

  /** The name in metrics and reports: {@code size}, {@code take_profit}, {@code stop_loss}. */
  public String key() {
    return key;
  }

  public double of(TrainingSample sample) {
    return value.applyAsDouble(sample);
  }

  public boolean clipped(TrainingSample sample) {
    return clipped.test(sample);
  }
}
