package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StalenessWatchdogTest {

  private static final Instant START = Instant.parse("2026-01-02T08:00:00Z");

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = START;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private final ManualClock clock = new ManualClock();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final StalenessWatchdog watchdog =
      new StalenessWatchdog(
          Duration.ofSeconds(5),
          clock,
          new StalenessWatchdog.Listener() {
            @Override
            public void onStale(String channel, Instant lastHeard) {
              events.add("stale " + channel + " since " + lastHeard);
            }

            @Override
            public void onRecovered(String channel) {
              events.add("recovered " + channel);
            }
          });

  @Test
  void declaresStaleOnlyChannelsSilentForLongerThanTheThreshold() {
    watchdog.notified("book.BTC-PERPETUAL.100ms");
    watchdog.notified("ticker.BTC-PERPETUAL.100ms");
    clock.advance(Duration.ofSeconds(3));
    watchdog.notified("ticker.BTC-PERPETUAL.100ms");
    clock.advance(Duration.ofSeconds(2));
    watchdog.check();
    assertThat(watchdog.staleChannels()).as("exactly at the threshold").isEmpty();

    clock.advance(Duration.ofMillis(1));
    watchdog.check();

    assertThat(watchdog.staleChannels()).containsExactly("book.BTC-PERPETUAL.100ms");
    assertThat(watchdog.staleCount()).isEqualTo(1);
    assertThat(events).containsExactly("stale book.BTC-PERPETUAL.100ms since " + START);
  }

  @Test
  void firesOnceWhenAChannelGoesStaleAndOnceWhenItRecovers() {
    watchdog.notified("trades.ETH-PERPETUAL.100ms");
    clock.advance(Duration.ofSeconds(6));
    watchdog.check();
    clock.advance(Duration.ofSeconds(6));
    watchdog.check();

    watchdog.notified("trades.ETH-PERPETUAL.100ms");
    watchdog.notified("trades.ETH-PERPETUAL.100ms");
    watchdog.check();

    assertThat(events)
        .containsExactly(
            "stale trades.ETH-PERPETUAL.100ms since " + START,
            "recovered trades.ETH-PERPETUAL.100ms");
    assertThat(watchdog.staleChannels()).isEmpty();
  }

  @Test
  void aWatchedChannelThatNeverDeliversGoesStaleCountingFromWhenWatchingBegan() {
    clock.advance(Duration.ofSeconds(10));
    Instant watchedAt = clock.instant();
    watchdog.watch(List.of("deribit_price_index.btc_usd"));
    clock.advance(Duration.ofSeconds(4));
    watchdog.check();
    assertThat(events).isEmpty();

    clock.advance(Duration.ofSeconds(2));
    watchdog.check();

    assertThat(events).containsExactly("stale deribit_price_index.btc_usd since " + watchedAt);
  }

  @Test
  void aForgottenChannelIsNoLongerWatched() {
    watchdog.notified("book.ETH-PERPETUAL.100ms");
    watchdog.forget("book.ETH-PERPETUAL.100ms");
    clock.advance(Duration.ofMinutes(1));

    watchdog.check();

    assertThat(events).isEmpty();
    assertThat(watchdog.staleChannels()).isEmpty();
  }
}
