package io.gammastraddle.execution;

import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.orders.OrderPolicy;
import io.gammastraddle.orders.Side;

/** Order intents for tests; {@link #DECIDED_AT} is a decision time on 2023-11-14. */
final class Intents {

  static final long DECIDED_AT = 1_700_000_000_000L;

  private Intents() {}

  static OrderIntent place(
      Side side,
      String instrument,
      double amount,
      double price,
      OrderPolicy policy,
      boolean reduceOnly,
      String label,
      long decidedAt,
      long marketReceivedNanos) {
    return new OrderIntent(
        OrderIntent.Kind.PLACE,
        label,
        instrument,
        side,
        amount,
        price,
        policy,
        reduceOnly,
        "test",
        decidedAt,
        marketReceivedNanos);
  }

  /** A CANCEL or CHECK_STATUS. */
  static OrderIntent byLabel(OrderIntent.Kind kind, String label, String instrument) {
    return byLabel(kind, label, instrument, DECIDED_AT);
  }

  static OrderIntent byLabel(
      OrderIntent.Kind kind, String label, String instrument, long decidedAt) {
    return new OrderIntent(
        kind,
        label,
        instrument,
        Side.BUY,
        Double.NaN,
        Double.NaN,
        null,
        false,
        "test",
        decidedAt,
        0);
  }
}
