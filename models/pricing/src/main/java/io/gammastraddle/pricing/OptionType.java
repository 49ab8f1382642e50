package io.gammastraddle.pricing;

/** Whether an option pays max(F - K, 0) at expiry (call) or max(K - F, 0) (put). */
public enum OptionType {
  CALL,
  PUT
}
