package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.deribit.websocket.RequestRateLimiter.Budget;
import io.gammastraddle.deribit.websocket.RequestRateLimiter.Limits;
import io.gammastraddle.simulator.RateMeter.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateMeterTest {
  // bursts of 5, 10 requests per second back
  private static final Limits LIMITS =
      new Limits(new Budget(500, 1_000, 100), new Budget(500, 1_000, 100), Duration.ZERO);
  private static final long MS = 1_000_000;

  @Test
  void acceptsABurstUpToTheBudgetThenRefusesUntilCreditsRefill() {
    RateMeter meter = new RateMeter(LIMITS, 0);
    for (int i = 0; i < 5; i++) {
      assertThat(meter.take("public/get_time", 0)).isEqualTo(Verdict.ACCEPT);
    }
    assertThat(meter.take("public/get_time", 0)).isEqualTo(Verdict.REFUSE);
    assertThat(meter.take("public/get_time", 99 * MS)).isEqualTo(Verdict.REFUSE);
    assertThat(meter.take("public/get_time", 100 * MS)).isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void matchingEngineRequestsHaveTheirOwnBucket() {
    RateMeter meter = new RateMeter(LIMITS, 0);
    for (int i = 0; i < 5; i++) {
      meter.take("public/get_time", 0);
    }
    assertThat(meter.take("private/buy", 0)).isEqualTo(Verdict.ACCEPT);
    assertThat(meter.take("private/cancel_all", 0)).isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void aClientThatKeepsSendingIntoRefusalsIsTerminated() {
    RateMeter meter = new RateMeter(LIMITS, 0);
    for (int i = 0; i < 5; i++) {
      meter.take("public/get_time", 0);
    }
    for (int i = 0; i < RateMeter.REFUSALS_BEFORE_TERMINATION; i++) {
      assertThat(meter.take("public/get_time", i * MS)).isEqualTo(Verdict.REFUSE);
    }
    assertThat(meter.take("public/get_time", 21 * MS)).isEqualTo(Verdict.TERMINATE);
  }

  @Test
  void refusalsSpreadOverMoreThanTheWindowDoNotTerminate() {
    RateMeter meter = new RateMeter(LIMITS, 0);
    long spacing = RateMeter.ABUSE_WINDOW.toNanos() / 10;
    long now = 0;
    for (int round = 0; round < 3 * RateMeter.REFUSALS_BEFORE_TERMINATION; round++) {
      Verdict verdict;
      do {
        verdict = meter.take("public/get_time", now);
      } while (verdict == Verdict.ACCEPT);
      assertThat(verdict).as("round %d", round).isEqualTo(Verdict.REFUSE);
      now += spacing;
    }
  }
}
