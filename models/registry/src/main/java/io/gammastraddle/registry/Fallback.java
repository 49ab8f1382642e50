package io.gammastraddle.registry;

/**
 * The conservative parameters the strategy uses whenever no model can be trusted (missing, expired,
 * drifting, unhealthy, or a prediction that failed): the smallest position the strategy allows, a
 * take-profit and a stop-loss in the lower part of their ranges. A new model must beat these out of
 * sample to be promoted.
 */
public final class Fallback {

  public static final double SIZE = 0.02;
  public static final double TAKE_PROFIT = 0.2;
  public static final double STOP_LOSS = 0.1;

  private Fallback() {}
}
