package io.gammastraddle.scoring;

/**
 * The ranges the strategy accepts for each prediction (DESIGN section 10): targets are clipped into
 * them at training time, predictions at scoring time.
 */
public final class OutputRanges {

  public static final double MIN_SIZE = 0.02;
  public static final double MAX_SIZE = 0.15;
  public static final double MIN_TAKE_PROFIT = 0.1;
  public static final double MAX_TAKE_PROFIT = 0.5;
  public static final double MIN_STOP_LOSS = 0.05;
  public static final double MAX_STOP_LOSS = 0.2;

  private OutputRanges() {}

  public static double clip(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }
}
