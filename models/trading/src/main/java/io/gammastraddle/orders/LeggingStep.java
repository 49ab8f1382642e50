package io.gammastraddle.orders;

import java.util.List;

/**
 * A straddle entry's decision: its next state, and the actions for the execution sink (only those
 * that {@link OrderAction#goesToExchange() go to the exchange}).
 */
public record LeggingStep(StraddleLegging legging, List<OrderAction> actions) {

  public LeggingStep {
    actions = List.copyOf(actions);
  }
}
