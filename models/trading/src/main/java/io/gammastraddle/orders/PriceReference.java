package io.gammastraddle.orders;

/** The price a slippage cap is measured from. */
public enum PriceReference {
  /** The middle of the instrument's best bid and ask. */
  MID,
  /** The exchange's mark price of the instrument. */
  MARK
}
