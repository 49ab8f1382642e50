package io.gammastraddle.hedging;

import io.gammastraddle.orders.OrderLabel;
import io.gammastraddle.orders.Side;
import java.util.Objects;

/**
 * A hedge handed to the execution sink whose final state is not known yet.
 *
 * @param amountUsd the order's amount in USD (the perpetual's unit)
 * @param sentAt when it was handed to the sink, epoch milliseconds
 */
public record InFlightHedge(OrderLabel label, Side side, double amountUsd, long sentAt) {

  public InFlightHedge {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(side, "side");
  }
}
