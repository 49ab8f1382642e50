package io.gammastraddle.orders;

import java.time.Duration;
import java.util.Objects;

/**
 * How a working order is executed: how its children are priced and sized, how long each child may
 * rest unfilled, and how many times it is re-priced before the order gives up.
 *
 * @param timeout how long a child may stay unfilled before it is cancelled and re-priced
 * @param maxReprices re-prices after the first child; without fills an order sends at most {@code
 *     maxReprices + 1} children. With no acceptable price at all an order gives up after {@code
 *     timeout * (maxReprices + 1)}.
 */
public record OrderTactics(
    LimitPricer pricer, Splitter splitter, Duration timeout, int maxReprices) {

  public OrderTactics {
    Objects.requireNonNull(pricer, "pricer");
    Objects.requireNonNull(splitter, "splitter");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Child timeout must be positive: " + timeout);
    }
    if (maxReprices < 0) {
      throw new IllegalArgumentException("Re-prices must not be negative: " + maxReprices);
    }
  }

  /** How long an order may go without any acceptable price before it gives up. */
  long patienceMillis() {
    return timeout.toMillis() * (maxReprices + 1);
  }
}
