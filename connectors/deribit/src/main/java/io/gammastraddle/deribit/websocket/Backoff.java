package io.gammastraddle.deribit.websocket;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Exponential backoff with full jitter: the delay before retry {@code n} (counting from 0) is drawn
 * uniformly from {@code [0, min(max, initial * factor^n)]}.
 *
 * <p>Full jitter spreads the reconnects of many clients that lost the same server, instead of
 * sending them all back at the same instants.
 *
 * @param initial the ceiling of the first delay
 * @param factor how much the ceiling grows per attempt, at least 1
 * @param max the largest ceiling
 * @param random the source of jitter; seed it for reproducible delays
 */
public record Backoff(Duration initial, double factor, Duration max, Random random) {

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(random, "random");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
    }
    if (!(factor >= 1)) {
      throw new IllegalArgumentException("factor must be at least 1: " + factor);
    }
  }

  /** 500 ms doubling up to 30 s, with an unseeded {@link Random}. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(500), 2, Duration.ofSeconds(30), new Random());
  }

  /** The largest delay retry {@code attempt} (from 0) can draw. */
  public Duration ceiling(int attempt) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be at least 0: " + attempt);
    }
    double millis = initial.toMillis() * Math.pow(factor, attempt);
    return millis >= max.toMillis() ? max : Duration.ofMillis(Math.round(millis));
  }

  /** A delay for retry {@code attempt} (from 0), uniform in {@code [0, ceiling(attempt)]}. */
  public Duration delay(int attempt) {
    long ceilingMillis = ceiling(attempt).toMillis();
    synchronized (random) {
      return Duration.ofMillis((long) (random.nextDouble() * (ceilingMillis + 1)));
    }
  }
}
