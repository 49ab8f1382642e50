package io.gammastraddle.orders;

/**
 * The direction of an order or a fill, as Deribit names it: {@code private/buy} and {@code
 * private/sell}, and a trade's {@code direction}.
 */
public enum Side {
  BUY,
  SELL;

  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }

  /** +1 for a buy, -1 for a sell: the sign of the position change. */
  public double sign() {
    return this == BUY ? 1 : -1;
  }
}
