package io.gammastraddle.orders;

/** An exchange order's state, as Deribit's {@code order_state} reports it. */
public enum OrderStatus {
  OPEN,
  FILLED,
  CANCELLED,
  REJECTED;

  /** Whether the order can no longer fill. */
  public boolean isFinal() {
    return this != OPEN;
  }
}
