package io.gammastraddle.orders;

/**
 * The outcome of pricing an order: a limit price and the slippage cap it respects, or the reason
 * why no price is acceptable now.
 *
 * @param price the limit price, on the instrument's tick; NaN when refused
 * @param cap the worst price the slippage cap allows, on the tick (the highest for a buy, the
 *     lowest for a sell); NaN when refused
 * @param refusal why no price is acceptable; null when priced
 */
public record LimitPrice(double price, double cap, String refusal) {

  public static LimitPrice of(double price, double cap) {
    return new LimitPrice(price, cap, null);
  }

  public static LimitPrice refused(String reason) {
    return new LimitPrice(Double.NaN, Double.NaN, reason);
  }

  public boolean isPriced() {
    return refusal == null;
  }
}
