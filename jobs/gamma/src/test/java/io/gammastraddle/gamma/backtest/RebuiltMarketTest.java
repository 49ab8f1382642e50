package io.gammastraddle.gamma.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.MarketEvents;
import io.gammastraddle.pricing.OptionContract;
import org.junit.jupiter.api.Test;

/**
 * The rebuilt market's delivery price: the first index seen at or after the expiry, as the venue's
 * steps ask for it.
 */
class RebuiltMarketTest {

  private static final String OPTION = "BTC-27MAR26-100000-C";
  private static final long EXPIRY = OptionContract.parse(OPTION).expiryMillis();

  private final RebuiltMarket market = new RebuiltMarket();

  @Test
  void anOptionDeliversAtTheFirstIndexAtOrAfterItsExpiry() {
    market.update(UnderlyingEvent.of(MarketEvents.index(EXPIRY - 1, 101_000)));
    market.advanceTo(EXPIRY - 1);
    assertThat(market.deliveryPrice(OPTION)).isEmpty();

    // Expired, but the last index is from before the expiry.
    market.advanceTo(EXPIRY + 10);
    assertThat(market.deliveryPrice(OPTION)).isEmpty();
    assertThat(market.indexPrice("BTC")).isEqualTo(101_000);

    market.update(UnderlyingEvent.of(MarketEvents.index(EXPIRY + 400, 102_000)));
    market.advanceTo(EXPIRY + 500);
    assertThat(market.deliveryPrice(OPTION)).hasValue(102_000);

    // Delivered once: later indexes do not move it.
    market.update(UnderlyingEvent.of(MarketEvents.index(EXPIRY + 1_400, 103_000)));
    market.advanceTo(EXPIRY + 1_500);
    assertThat(market.deliveryPrice(OPTION)).hasValue(102_000);
  }
}
