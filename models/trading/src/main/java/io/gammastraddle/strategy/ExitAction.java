package io.gammastraddle.strategy;

/** What to do with an open straddle; the exits in their order of priority. */
public enum ExitAction {
  HOLD,
  TAKE_PROFIT,
  STOP_LOSS,
  TIME_TO_EXPIRY
}
