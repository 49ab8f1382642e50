package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final RequestRateLimiter limiter =
      new RequestRateLimiter(RequestRateLimiter.Limits.deribitDefaults(), nanos::get);

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void letsABurstOfAHundredOrdinaryRequestsGoAtOnceThenPacesThemAtTwentyPerSecond() {
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.reserve("public/get_instruments")).as("request %d", i).isZero();
    }

    assertThat(limiter.reserve("public/get_instruments")).isEqualTo(Duration.ofMillis(50));
    assertThat(limiter.reserve("public/get_instruments")).isEqualTo(Duration.ofMillis(100));
    advance(Duration.ofMillis(100));
    assertThat(limiter.reserve("public/subscribe"))
        .as("queued behind the two waiting ones")
        .isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void refillsContinuouslyUpToTheMaximumOnly() {
    for (int i = 0; i < 100; i++) {
      limiter.reserve("public/test");
    }
    advance(Duration.ofMillis(50));
    assertThat(limiter.reserve("public/test")).isZero();
    assertThat(limiter.reserve("public/test")).isEqualTo(Duration.ofMillis(50));

    advance(Duration.ofHours(1));
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.reserve("public/test")).isZero();
    }
    assertThat(limiter.reserve("public/test")).as("no more than the burst").isPositive();
  }

  @Test
  void meterOrdersAndCancelsOnTheirOwnSmallerBudget() {
    for (int i = 0; i < 20; i++) {
      assertThat(limiter.reserve(i % 2 == 0 ? "private/buy" : "private/cancel_all")).isZero();
    }

    assertThat(limiter.reserve("private/edit")).isEqualTo(Duration.ofMillis(200));
    assertThat(limiter.reserve("public/get_order_book"))
        .as("other requests keep their budget")
        .isZero();
  }

  @Test
  void classifiesMatchingEngineRequestsAsDeribitDoes() {
    assertThat(RequestRateLimiter.isMatchingEngine("private/buy")).isTrue();
    assertThat(RequestRateLimiter.isMatchingEngine("private/sell")).isTrue();
    assertThat(RequestRateLimiter.isMatchingEngine("private/edit")).isTrue();
    assertThat(RequestRateLimiter.isMatchingEngine("private/cancel")).isTrue();
    assertThat(RequestRateLimiter.isMatchingEngine("private/cancel_by_label")).isTrue();
    assertThat(RequestRateLimiter.isMatchingEngine("private/get_open_orders_by_currency"))
        .isFalse();
    assertThat(RequestRateLimiter.isMatchingEngine("public/subscribe")).isFalse();
  }

  @Test
  void afterTooManyRequestsTheNextRequestWaitsForARefill() {
    assertThat(limiter.reserve("public/test")).isZero();

    limiter.onTooManyRequests("public/test");

    assertThat(limiter.reserve("public/test")).isEqualTo(Duration.ofMillis(50));
    assertThat(limiter.reserve("private/buy")).as("the other bucket is untouched").isZero();
  }

  @Test
  void refusesABudgetWhoseRequestCostsMoreThanItHolds() {
    assertThatThrownBy(() -> new RequestRateLimiter.Budget(100, 10, 500))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
