package io.gammastraddle.market;

/** What kind of instrument a market event is about. */
public enum InstrumentKind {
  PERPETUAL,
  FUTURE,
  OPTION
}
