package io.gammastraddle.deribit.user;

import io.gammastraddle.orders.OrderLabel;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.orders.OrderUpdate;
import java.util.Objects;
import java.util.Optional;

/**
 * An order's state as {@code user.orders} reports it, for any order of the account: ours carry an
 * {@link OrderLabel}, orders placed by hand or by another program carry another label or none.
 *
 * @param orderId Deribit's {@code order_id}
 * @param instrument Deribit instrument name
 * @param label the order's {@code label}; empty when it has none
 * @param status the order's {@code order_state}, mapped as {@link UserDecoder} describes
 * @param filledAmount cumulative {@code filled_amount}, in the instrument's amount unit
 * @param timestamp {@code last_update_timestamp}, epoch ms
 */
public record OrderReport(
    String orderId,
    String instrument,
    String label,
    OrderStatus status,
    double filledAmount,
    long timestamp) {

  public OrderReport {
    if (orderId == null || orderId.isBlank()) {
      throw new IllegalArgumentException("an order report needs the order id");
    }
    if (instrument == null || instrument.isBlank()) {
      throw new IllegalArgumentException("order " + orderId + " needs its instrument");
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(status, "status");
    if (!(filledAmount >= 0 && Double.isFinite(filledAmount))) {
      throw new IllegalArgumentException(
          "order " + orderId + ": filled amount must be >= 0 and finite: " + filledAmount);
    }
    if (timestamp <= 0) {
      throw new IllegalArgumentException(
          "order " + orderId + ": timestamp must be positive: " + timestamp);
    }
  }

  /**
   * This report as the order engine's update when the label is one of ours; empty when it is not
   * one {@link OrderLabel#format()} writes (no label, or an order we did not place), which the
   * caller may count or ignore but must not act on.
   */
  public Optional<OrderUpdate> ourUpdate() {
    OrderLabel ours;
    try {
      ours = OrderLabel.parse(label);
    } catch (IllegalArgumentException notOurs) {
      return Optional.empty();
    }
    return Optional.of(new OrderUpdate(ours, status, filledAmount, timestamp));
  }
}
