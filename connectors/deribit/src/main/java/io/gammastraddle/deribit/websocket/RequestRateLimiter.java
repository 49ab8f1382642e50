package io.gammastraddle.deribit.websocket;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Paces requests the way Deribit meters them: every request costs credits from a bucket that
 * refills continuously, with one bucket for matching-engine requests ({@code private/buy}, {@code
 * private/sell}, {@code private/edit}, {@code private/cancel*}) and one for everything else.
 *
 * <p>A request that finds too few credits is not refused but delayed until the bucket has refilled
 * enough: {@link #reserve(String)} takes the credits at once (the balance may go negative, which
 * queues later requests behind it) and says how long to wait before sending. Deribit answers a
 * request that arrives with no credits left with error 10028 and may close the session, so the
 * client must never burst past the budget. Credits belong to the account, not to a connection: one
 * limiter is meant to outlive reconnects.
 *
 * <p>Thread-safe.
 */
public final class RequestRateLimiter {

  /** Deribit's {@code too_many_requests} error code. */
  public static final int TOO_MANY_REQUESTS = 10028;

  /**
   * One credit bucket.
   *
   * @param maxCredits the most credits the bucket holds: the burst size times the cost
   * @param refillPerSecond credits added back per second
   * @param costPerRequest credits one request takes
   */
  public record Budget(long maxCredits, long refillPerSecond, long costPerRequest) {

    public Budget {
      if (costPerRequest < 1 || refillPerSecond < 1 || maxCredits < costPerRequest) {
        throw new IllegalArgumentException(
            "need 1 <= cost <= max credits and a positive refill: " + this);
      }
    }

    /**
     * Deribit's default for non-matching-engine requests: 500 credits per request, 50,000 at most,
     * 10,000 per second back, i.e. 20 requests per second sustained with bursts of 100.
     */
    public static Budget nonMatchingEngineDefault() {
      return new Budget(50_000, 10_000, 500);
    }

    /**
     * Deribit's default for matching-engine requests as reported for the lowest tier: 5 requests
     * per second sustained with bursts of 20. Higher tiers get more; configure yours.
     */
    public static Budget matchingEngineDefault() {
      return new Budget(10_000, 2_500, 500);
    }
  }

  /**
   * The two budgets and the pause before the one retry of a request refused with 10028.
   *
   * @param matchingEngine the budget of {@code private/buy}, {@code sell}, {@code edit} and {@code
   *     cancel*}
   * @param other the budget of every other request
   * @param retryAfterTooManyRequests how long a request refused with 10028 waits before its retry
   */
  public record Limits(Budget matchingEngine, Budget other, Duration retryAfterTooManyRequests) {

    public Limits {
      Objects.requireNonNull(matchingEngine, "matchingEngine");
      Objects.requireNonNull(other, "other");
      Objects.requireNonNull(retryAfterTooManyRequests, "retryAfterTooManyRequests");
      if (retryAfterTooManyRequests.isNegative()) {
        throw new IllegalArgumentException("negative retry delay: " + retryAfterTooManyRequests);
      }
    }

    /** Deribit's default budgets and a 1 s pause before retrying after 10028. */
    public static Limits deribitDefaults() {
      return new Limits(
          Budget.matchingEngineDefault(), Budget.nonMatchingEngineDefault(), Duration.ofSeconds(1));
    }
  }

  private final Limits limits;
  private final Bucket matchingEngine;
  private final Bucket other;

  /**
   * @param nanoTime a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
   */
  public RequestRateLimiter(Limits limits, LongSupplier nanoTime) {
    this.limits = Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(nanoTime, "nanoTime");
    this.matchingEngine = new Bucket(limits.matchingEngine(), nanoTime);
    this.other = new Bucket(limits.other(), nanoTime);
  }

  /** Deribit's default limits on the system's monotonic clock. */
  public static RequestRateLimiter deribitDefaults() {
    return new RequestRateLimiter(Limits.deribitDefaults(), System::nanoTime);
  }

  /** Whether Deribit meters {@code method} against the matching-engine budget. */
  public static boolean isMatchingEngine(String method) {
    return switch (method) {
      case "private/buy", "private/sell", "private/edit" -> true;
      default -> method.startsWith("private/cancel");
    };
  }

  public Limits limits() {
    return limits;
  }

  /**
   * Takes the credits of one {@code method} request and returns how long to wait before sending it:
   * zero while the budget lasts.
   */
  public Duration reserve(String method) {
    return bucket(method).reserve();
  }

  /**
   * Empties the bucket of {@code method} after Deribit refused it with 10028: Deribit's own count
   * is evidently lower than ours (another connection of the account, or a smaller tier), so the
   * requests that follow wait for a refill instead of bursting.
   */
  public void onTooManyRequests(String method) {
    bucket(method).drain();
  }

  private Bucket bucket(String method) {
    return isMatchingEngine(method) ? matchingEngine : other;
  }

  private static final class Bucket {

    private final Budget budget;
    private final LongSupplier nanoTime;
    private double credits;
    private long updatedNanos;

    Bucket(Budget budget, LongSupplier nanoTime) {
      this.budget = budget;
      this.nanoTime = nanoTime;
      this.credits = budget.maxCredits();
      this.updatedNanos = nanoTime.getAsLong();
    }

    synchronized Duration reserve() {
      refill();
      credits -= budget.costPerRequest();
      if (credits >= 0) {
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil(-credits * 1e9 / budget.refillPerSecond()));
    }

    synchronized void drain() {
      refill();
      credits = Math.min(credits, 0);
    }

    private void refill() {
      long now = nanoTime.getAsLong();
      double added = (now - updatedNanos) * budget.refillPerSecond() / 1e9;
      credits = Math.min(budget.maxCredits(), credits + added);
      updatedNanos = now;
    }
  }
}
