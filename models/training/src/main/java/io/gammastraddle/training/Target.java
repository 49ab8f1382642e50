package io.gammastraddle.training;

import io.gammastraddle.training.data.Targets;
import io.gammastraddle.training.data.TrainingSample;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** The three things the models predict, each with its target rule ({@link Targets}). */
public enum Target {
  SIZE("size", Targets::size, sample -> false),
  TAKE_PROFIT("take_profit", Targets::takeProfit, Targets::takeProfitClipped),
  STOP_LOSS("stop_loss", Targets::stopLoss, Targets::stopLossClipped);

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
