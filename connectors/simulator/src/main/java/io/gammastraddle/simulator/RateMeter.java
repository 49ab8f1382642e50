package io.gammastraddle.simulator;

import io.gammastraddle.deribit.websocket.RequestRateLimiter;
import io.gammastraddle.deribit.websocket.RequestRateLimiter.Budget;
import java.time.Duration;

/**
 * Deribit's credit metering on the exchange side, per connection: every request costs credits from
 * a bucket that refills continuously (one bucket for matching-engine requests, one for the rest,
 * with the budgets the client library paces itself by). A request that finds too few credits is
 * refused with 10028 {@code too_many_requests}; a connection that keeps sending into refusals is
 * terminated, as Deribit ends sessions that ignore the limit. Used only on the exchange loop's
 * thread.
 */
final class RateMeter {
  /** Refusals within {@link #ABUSE_WINDOW} that terminate the session. */
  static final int REFUSALS_BEFORE_TERMINATION = 20;

  static final Duration ABUSE_WINDOW = Duration.ofSeconds(10);

  /** What the meter decided about one request. */
  enum Verdict {
    ACCEPT,
    REFUSE,
    TERMINATE
  }

  private final Bucket matchingEngine;
  private final Bucket other;
  private final long[] refusalTimes = new long[REFUSALS_BEFORE_TERMINATION];
  private int refusals;

  RateMeter(RequestRateLimiter.Limits limits, long nowNanos) {
    this.matchingEngine = new Bucket(limits.matchingEngine(), nowNanos);
    this.other = new Bucket(limits.other(), nowNanos);
  }

  Verdict take(String method, long nowNanos) {
    Bucket bucket = RequestRateLimiter.isMatchingEngine(method) ? matchingEngine : other;
    if (bucket.tryTake(nowNanos)) {
      return Verdict.ACCEPT;
    }
    // a ring of the latest refusal times: the oldest of them inside the window means abuse
    int slot = refusals++ % refusalTimes.length;
    long oldest = refusalTimes[slot];
    refusalTimes[slot] = nowNanos;
    boolean abusive = refusals > refusalTimes.length && nowNanos - oldest <= ABUSE_WINDOW.toNanos();
    return abusive ? Verdict.TERMINATE : Verdict.REFUSE;
  }

  private static final class Bucket {
    private final Budget budget;
    private double credits;
    private long updatedNanos;

    Bucket(Budget budget, long nowNanos) {
      this.budget = budget;
      this.credits = budget.maxCredits();
      this.updatedNanos = nowNanos;
    }

    boolean tryTake(long nowNanos) {
      credits =
          Math.min(
              budget.maxCredits(),
              credits + (nowNanos - updatedNanos) / 1e9 * budget.refillPerSecond());
      updatedNanos = nowNanos;
      if (credits < budget.costPerRequest()) {
        return false;
      }
      credits -= budget.costPerRequest();
      return true;
    }
  }
}
