package io.gammastraddle.orders;

import java.util.Objects;

/**
 * What the exchange reports about one of our orders ({@code user.orders}, or the answer to a status
 * check by label).
 *
 * <p>The filled amount is cumulative, as in Deribit's {@code filled_amount}: an order's final
 * update carries its final fill even when it overtakes the trade notifications (which arrive on
 * another channel), and a repeated update changes nothing.
 *
 * @param filledAmount amount filled so far, in the instrument's amount unit
 * @param timestamp exchange time of the update, epoch milliseconds
 */
public record OrderUpdate(
    OrderLabel label, OrderStatus status, double filledAmount, long timestamp) {

  public OrderUpdate {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(status, "status");
    if (!(filledAmount >= 0 && Double.isFinite(filledAmount))) {
      throw new IllegalArgumentException(label + ": filled amount must be >= 0: " + filledAmount);
    }
  }
}
