package io.gammastraddle.simulator.exchange;

/** The side of an order or trade. */
enum Direction {
  BUY,
  SELL;

  /** +1 for buys, -1 for sells: the sign of the position change. */
  double sign() {
    return this == BUY ? 1 : -1;
  }

  /** Deribit's {@code direction}: {@code buy} or {@code sell}. */
  String deribitName() {
    return this == BUY ? "buy" : "sell";
  }

  /** Whether an order this way makes a position of {@code size} (signed) smaller. */
  boolean reduces(double size) {
    return size * sign() < 0;
  }

  /** The limit of a market order: any price is acceptable. */
  double marketLimit() {
    return this == BUY ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }
}
