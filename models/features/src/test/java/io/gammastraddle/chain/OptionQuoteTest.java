package io.gammastraddle.chain;

import static io.gammastraddle.chain.OptionMarket.NOW;
import static io.gammastraddle.chain.OptionMarket.book;
import static io.gammastraddle.chain.OptionMarket.ticker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionType;
import org.junit.jupiter.api.Test;

class OptionQuoteTest {

  private static final String CALL = "BTC-30SEP22-60000-C";

  @Test
  void anOptionKnownByNameHasItsTermsAndNoPrices() {
    OptionQuote quote = OptionQuote.of(CALL);

    assertThat(quote.type()).isEqualTo(OptionType.CALL);
    assertThat(quote.strike()).isEqualTo(60_000);
    assertThat(quote.expiryMillis()).isEqualTo(1_664_524_800_000L); // 2022-09-30 08:00 UTC
    assertThat(quote.contract()).isEqualTo(OptionContract.parse(CALL));
    assertThat(quote.tickerTimestamp()).isEqualTo(Long.MIN_VALUE);
    assertThat(quote.priced()).isFalse();
    assertThat(quote.bookMid()).isNaN();
    assertThat(quote.nearDepth()).isNaN();
    assertThat(quote.buyPrice()).isNaN();
  }

  @Test
  void aTickerGivesTheForwardThePricesAndTheMarkVolatilityAsAFraction() {
    OptionQuote quote =
        OptionQuote.of(CALL).withTicker(ticker(CALL, NOW, 30_220.5, 0.0084, 67.7, 0.008, 0.009));

    assertThat(quote.tickerTimestamp()).isEqualTo(NOW);
    assertThat(quote.forward()).isEqualTo(30_220.5);
    assertThat(quote.markPrice()).isEqualTo(0.0084);
    assertThat(quote.markIv()).isEqualTo(0.677);
    assertThat(quote.bid()).isEqualTo(0.008);
    assertThat(quote.ask()).isEqualTo(0.009);
    assertThat(quote.priced()).isTrue();
  }

  @Test
  void isNotPricedWithoutAMarkPriceOrAMarkVolatility() {
    OptionQuote known = OptionQuote.of(CALL);

    assertThat(known.withTicker(ticker(CALL, NOW, 30_220.5, 0, 67.7, 0, 0.009)).priced()).isFalse();
    assertThat(known.withTicker(ticker(CALL, NOW, 30_220.5, 0.0084, 0, 0, 0.009)).priced())
        .isFalse();
    assertThat(known.withTicker(ticker(CALL, NOW, Double.NaN, 0.0084, 67.7, 0, 0.009)).priced())
        .isFalse();
  }

  @Test
  void aBookGivesTheLiquidityAndKeepsTheTicker() {
    OptionQuote quote =
        OptionQuote.of(CALL)
            .withTicker(ticker(CALL, NOW, 30_220.5, 0.0084, 67.7, 0.008, 0.009))
            .withBook(book(CALL, 0.008, 0.009, false, 21.3, 0.0093));

    assertThat(quote.bookMid()).isEqualTo(0.0085);
    assertThat(quote.nearDepth()).isEqualTo(21.3);
    assertThat(quote.buyPrice()).isEqualTo(0.0093);
    assertThat(quote.markIv()).isEqualTo(0.677);
    assertThat(quote.tickerTimestamp()).isEqualTo(NOW);
  }

  @Test
  void aLaterTickerKeepsTheBookLiquidity() {
    OptionQuote quote =
        OptionQuote.of(CALL)
            .withBook(book(CALL, 0.008, 0.009, false, 21.3, 0.0093))
            .withTicker(ticker(CALL, NOW, 30_220.5, 0.0084, 67.7, 0.008, 0.009));

    assertThat(quote.bookMid()).isEqualTo(0.0085);
    assertThat(quote.nearDepth()).isEqualTo(21.3);
    assertThat(quote.buyPrice()).isEqualTo(0.0093);
  }

  @Test
  void aStaleBookClearsTheLiquidityUntilAFreshOne() {
    OptionQuote quote =
        OptionQuote.of(CALL).withBook(book(CALL, 0.008, 0.009, false, 21.3, 0.0093));

    OptionQuote stale = quote.withBook(book(CALL, 0.008, 0.009, true, 21.3, 0.0093));
    assertThat(stale.bookMid()).isNaN();
    assertThat(stale.nearDepth()).isNaN();
    assertThat(stale.buyPrice()).isNaN();

    OptionQuote recovered = stale.withBook(book(CALL, 0.0085, 0.0095, false, 3, 0.0096));
    assertThat(recovered.bookMid()).isCloseTo(0.009, within(1e-15));
    assertThat(recovered.nearDepth()).isEqualTo(3);
  }

  @Test
  void aBookWithoutBothSidesHasNoLiquidity() {
    OptionQuote noBids = OptionQuote.of(CALL).withBook(book(CALL, 0, 0.009, false, 4, 0.0093));
    OptionQuote crossed = OptionQuote.of(CALL).withBook(book(CALL, 0.009, 0.009, false, 4, 0.0093));

    assertThat(noBids.bookMid()).isNaN();
    assertThat(noBids.nearDepth()).isNaN();
    assertThat(crossed.bookMid()).isNaN();
    assertThat(crossed.buyPrice()).isNaN();
  }
}
