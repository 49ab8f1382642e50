package io.gammastraddle.orders;

import static io.gammastraddle.orders.Books.book;
import static io.gammastraddle.orders.Books.levels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.book.BookState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitPricerTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final Duration AGE = Duration.ofSeconds(2);
  private static final InstrumentRules CALL = InstrumentRules.option("BTC", "BTC-9JAN27-60000-C");

  /** Bid 0.0300, ask 0.0310: mid 0.0305. */
  private static final BookState OPTION_BOOK =
      book(NOW - 100, levels(0.0300, 2, 0.0295, 5), levels(0.0310, 1.5, 0.0315, 4, 0.0325, 10));

  private static LimitPricer pricer(OrderPolicy policy, PriceReference reference, double cap) {
    return new LimitPricer(policy, reference, cap, AGE);
  }

  @Test
  void postOnlyBuyJoinsTheBestBid() {
    LimitPrice price =
        pricer(OrderPolicy.POST_ONLY, PriceReference.MID, 0.02)
            .price(CALL, Side.BUY, OPTION_BOOK, Double.NaN, NOW);
    // cap 0.0305 * 1.02 = 0.03111, down to the 0.0005 tick: 0.0310; bid 0.0300 is below it
    assertThat(price).isEqualTo(LimitPrice.of(0.03, 0.031));
  }

  @Test
  void postOnlyBuyRestsBehindAtTheCapWhenTheBidIsAboveIt() {
    LimitPrice price =
        pricer(OrderPolicy.POST_ONLY, PriceReference.MARK, 0.02)
            .price(CALL, Side.BUY, OPTION_BOOK, 0.028, NOW);
    // cap 0.028 * 1.02 = 0.02856 -> 0.0285, below the bid 0.0300
    assertThat(price).isEqualTo(LimitPrice.of(0.0285, 0.0285));
  }

  @Test
  void postOnlySellJoinsTheBestAsk() {
    LimitPrice price =
        pricer(OrderPolicy.POST_ONLY, PriceReference.MID, 0.02)
            .price(CALL, Side.SELL, OPTION_BOOK, Double.NaN, NOW);
    // cap 0.0305 * 0.98 = 0.02989, up to 0.0300; the ask 0.0310 is above it
    assertThat(price).isEqualTo(LimitPrice.of(0.031, 0.03));
  }

  @Test
  void iocBuyTakesUpToTheCap() {
    LimitPrice price =
        pricer(OrderPolicy.IOC, PriceReference.MID, 0.05)
            .price(CALL, Side.BUY, OPTION_BOOK, Double.NaN, NOW);
    // cap 0.0305 * 1.05 = 0.032025 -> 0.0320; the ask 0.0310 is within it
    assertThat(price).isEqualTo(LimitPrice.of(0.032, 0.032));
  }

  @Test
  void iocSellTakesDownToTheCap() {
    LimitPrice price =
        pricer(OrderPolicy.IOC, PriceReference.MARK, 0.05)
            .price(CALL, Side.SELL, OPTION_BOOK, 0.0305, NOW);
    // cap 0.0305 * 0.95 = 0.028975, up to 0.0290; the bid 0.0300 is within it
    assertThat(price).isEqualTo(LimitPrice.of(0.029, 0.029));
  }

  @Test
  void iocIsRefusedWhenTheBestOppositePriceIsBeyondTheCap() {
    LimitPrice price =
        pricer(OrderPolicy.IOC, PriceReference.MID, 0.01)
            .price(CALL, Side.BUY, OPTION_BOOK, Double.NaN, NOW);
    // cap 0.0305 * 1.01 = 0.030805 -> 0.0305 < ask 0.0310
    assertThat(price.isPriced()).isFalse();
    assertThat(price.refusal()).contains("best ask 0.031").contains("beyond the cap 0.0305");
  }

  @Test
  void perpetualCapsRoundToTheHalfDollar() {
    InstrumentRules perpetual = InstrumentRules.perpetual("BTC");
    BookState book = book(NOW, levels(60_000, 3_000), levels(60_000.5, 5_000));
    LimitPrice price =
        pricer(OrderPolicy.IOC, PriceReference.MID, 0.001)
            .price(perpetual, Side.BUY, book, Double.NaN, NOW);
    // mid 60,000.25 * 1.001 = 60,060.25025 -> 60,060.0
    assertThat(price).isEqualTo(LimitPrice.of(60_060, 60_060));
  }

  @Test
  void unusableBooksGiveNoPriceAndSayWhy() {
    LimitPricer pricer = pricer(OrderPolicy.POST_ONLY, PriceReference.MID, 0.02);
    assertThat(refusal(pricer, null, Double.NaN)).contains("no book yet");
    assertThat(refusal(pricer, new BookState(null, true), Double.NaN)).contains("no book yet");
    assertThat(refusal(pricer, new BookState(OPTION_BOOK.book(), true), Double.NaN))
        .contains("stale");
    BookState old = book(NOW - 2_001, levels(0.03, 1), levels(0.031, 1));
    assertThat(refusal(pricer, old, Double.NaN)).contains("2001 ms old, more than 2000");
    assertThat(refusal(pricer, book(NOW, levels(), levels()), Double.NaN)).contains("empty");
    BookState crossed = book(NOW, levels(0.031, 1), levels(0.031, 1));
    assertThat(refusal(pricer, crossed, Double.NaN)).contains("crossed: bid 0.031, ask 0.031");
    BookState noBids = book(NOW, levels(), levels(0.031, 1));
    assertThat(refusal(pricer, noBids, Double.NaN)).contains("no MID price");
    LimitPricer byMark = pricer(OrderPolicy.POST_ONLY, PriceReference.MARK, 0.02);
    assertThat(refusal(byMark, OPTION_BOOK, Double.NaN)).contains("no MARK price");
    assertThat(refusal(byMark, noBids, 0.0305)).contains("no bid to join");
  }

  @Test
  void refusesNonsensicalCaps() {
    assertThatThrownBy(() -> pricer(OrderPolicy.IOC, PriceReference.MID, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Slippage cap");
    assertThatThrownBy(
            () -> new LimitPricer(OrderPolicy.IOC, PriceReference.MID, 0.1, Duration.ZERO))
        .hasMessageContaining("book age");
  }

  private static String refusal(LimitPricer pricer, BookState book, double mark) {
    LimitPrice price = pricer.price(CALL, Side.BUY, book, mark, NOW);
    assertThat(price.isPriced()).isFalse();
    assertThat(price.price()).isNaN();
    return price.refusal();
  }
}
