package io.gammastraddle.positions;

/**
 * An instrument whose size in our positions differs from the exchange's.
 *
 * @param ours our signed size (0 when we hold none)
 * @param exchange the exchange's signed size (0 when it reports none)
 */
public record SizeDifference(String instrument, double ours, double exchange) {

  /** Exchange minus ours: what our fills missed (or double-counted, when negative). */
  public double missing() {
    return InstrumentPosition.clean(exchange - ours);
  }
}
