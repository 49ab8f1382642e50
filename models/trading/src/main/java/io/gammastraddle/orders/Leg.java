package io.gammastraddle.orders;

/**
 * What an order is for, as its label spells it ({@link OrderLabel}): the straddle's two options on
 * entry, the perpetual hedge, the options' exits, and the unwind of a leg that filled without the
 * other.
 */
public enum Leg {
  CALL("c"),
  PUT("p"),
  HEDGE("h"),
  EXIT_CALL("xc"),
  EXIT_PUT("xp"),
  UNWIND_CALL("uc"),
  UNWIND_PUT("up");

  private final String code;

  Leg(String code) {
    this.code = code;
  }

  /** The leg's code in a label: lower-case letters only, so the child index can follow it. */
  public String code() {
    return code;
  }

  /** The leg that sells back an excess of this entry leg. */
  public Leg unwind() {
    return switch (this) {
      case CALL -> UNWIND_CALL;
      case PUT -> UNWIND_PUT;
      default -> throw new IllegalArgumentException("Only entry legs are unwound, not " + this);
    };
  }
}
