package io.gammastraddle.gamma.strategy;

import io.gammastraddle.orders.WorkingOrder;
import io.gammastraddle.strategy.OpenStraddle;

/**
 * An entered straddle and, once its exit is decided, the two orders selling its legs.
 *
 * @param decisionSeq the entry's decision: the exit orders carry it in their labels
 * @param exitCall the order selling the call, null until the exit is decided
 * @param exitPut the order selling the put, null until the exit is decided
 * @param exitReason why the straddle is being closed; empty until then
 */
public record Holding(
    OpenStraddle straddle,
    long decisionSeq,
    WorkingOrder exitCall,
    WorkingOrder exitPut,
    String exitReason) {

  public boolean isExiting() {
    return exitCall != null;
  }

  public Holding exiting(WorkingOrder call, WorkingOrder put, String reason) {
    return new Holding(straddle, decisionSeq, call, put, reason);
  }
}
