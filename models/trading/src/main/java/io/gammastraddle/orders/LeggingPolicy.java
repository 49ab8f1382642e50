package io.gammastraddle.orders;

import java.time.Duration;
import java.util.Objects;

/**
 * How a straddle entry is legged in.
 *
 * @param entry tactics of the two entry legs (typically post-only)
 * @param unwind tactics of the unwind of an excess leg (typically IOC with a wider cap)
 * @param leggingTimeout how long the legs' fills may differ before the entry is broken off and the
 *     excess unwound
 */
public record LeggingPolicy(OrderTactics entry, OrderTactics unwind, Duration leggingTimeout) {

  public LeggingPolicy {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(unwind, "unwind");
    Objects.requireNonNull(leggingTimeout, "leggingTimeout");
    if (leggingTimeout.isNegative() || leggingTimeout.isZero()) {
      throw new IllegalArgumentException("Legging timeout must be positive: " + leggingTimeout);
    }
  }
}
