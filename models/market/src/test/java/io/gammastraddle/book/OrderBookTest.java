package io.gammastraddle.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.InstrumentKind;
import org.junit.jupiter.api.Test;

class OrderBookTest {

  private static BookUpdate update(
      boolean snapshot, long prev, long id, double[] bids, double[] asks) {
    double[] bidPrices = new double[bids.length / 2];
    double[] bidAmounts = new double[bids.length / 2];
    double[] askPrices = new double[asks.length / 2];
    double[] askAmounts = new double[asks.length / 2];
    for (int i = 0; i < bidPrices.length; i++) {
      bidPrices[i] = bids[2 * i];
      bidAmounts[i] = bids[2 * i + 1];
    }
    for (int i = 0; i < askPrices.length; i++) {
      askPrices[i] = asks[2 * i];
      askAmounts[i] = asks[2 * i + 1];
    }
    return new BookUpdate(
        "BTC-PERPETUAL",
        "BTC",
        InstrumentKind.PERPETUAL,
        1000 + id,
        snapshot,
        id,
        prev,
        bidPrices,
        bidAmounts,
        askPrices,
        askAmounts,
        0);
  }

  private static double[] levels(double... priceAmountPairs) {
    return priceAmountPairs;
  }

  @Test
  void snapshotIsSortedBestFirstAndDropsEmptyLevels() {
    OrderBook book =
        OrderBook.fromSnapshot(
            update(true, 0, 10, levels(99, 1, 100, 2, 98, 0), levels(102, 5, 101, 4, 103, 3)));

    assertThat(book.bids().prices()).containsExactly(100, 99);
    assertThat(book.bids().amounts()).containsExactly(2, 1);
    assertThat(book.asks().prices()).containsExactly(101, 102, 103);
    assertThat(book.changeId()).isEqualTo(10);
  }

  @Test
  void changeInsertsUpdatesAndDeletesLevels() {
    OrderBook book =
        OrderBook.fromSnapshot(update(true, 0, 10, levels(100, 2, 99, 1), levels(101, 4, 102, 5)));

    BookUpdate change =
        update(false, 10, 11, levels(100.5, 7, 99, 0, 100, 3), levels(101, 0, 104, 1));
    assertThat(book.continuesWith(change)).isTrue();
    OrderBook next = book.apply(change);

    assertThat(next.bids().prices()).containsExactly(100.5, 100);
    assertThat(next.bids().amounts()).containsExactly(7, 3);
    assertThat(next.asks().prices()).containsExactly(102, 104);
    assertThat(next.asks().amounts()).containsExactly(5, 1);
    assertThat(next.changeId()).isEqualTo(11);
    assertThat(book.bids().prices()).as("the old book is unchanged").containsExactly(100, 99);
  }

  @Test
  void changeThatSkipsAnIdDoesNotContinueTheBook() {
    OrderBook book = OrderBook.fromSnapshot(update(true, 0, 10, levels(100, 1), levels(101, 1)));

    assertThat(book.continuesWith(update(false, 12, 13, levels(), levels()))).isFalse();
    assertThat(book.continuesWith(update(true, 0, 13, levels(), levels()))).isFalse();
  }

  @Test
  void topReportsBestPricesDepthAndImbalance() {
    OrderBook book =
        OrderBook.fromSnapshot(
            update(true, 0, 10, levels(100, 30, 99, 10, 98, 100), levels(101, 10, 102, 10)));
    BookUpdate last = update(false, 10, 11, levels(), levels());

    BookTop top = book.top(last, BookMeasure.of(2, 1), false);

    assertThat(top.bestBid()).isEqualTo(100);
    assertThat(top.bestAsk()).isEqualTo(101);
    assertThat(top.bidDepth()).isEqualTo(40);
    assertThat(top.askDepth()).isEqualTo(20);
    assertThat(top.mid()).isEqualTo(100.5);
    assertThat(top.imbalance()).isCloseTo(20.0 / 60.0, within(1e-12));
  }

  /** The book.BTC-11JUN21-25000-P.100ms snapshot in fixtures/deribit/ws_book_100ms.json. */
  private static final OrderBook PUT =
      OrderBook.fromSnapshot(
          new BookUpdate(
              "BTC-11JUN21-25000-P",
              "BTC",
              InstrumentKind.OPTION,
              1622627851747L,
              true,
              31479771122L,
              0,
              new double[] {0.005, 0.0045, 0.004},
              new double[] {13.7, 5.7, 61.6},
              new double[] {0.006, 0.0065, 0.0085},
              new double[] {64.5, 48.0, 0.5},
              0));

  private static BookTop putTop(BookMeasure measure) {
    return PUT.top(update(false, 0, 1, levels(), levels()), measure, false);
  }

  @Test
  void fillPricesWalkTheLevelsUntilTheAmountIsFilled() {
    assertThat(putTop(BookMeasure.of(10, 100)).buyPrice())
        .isCloseTo((0.006 * 64.5 + 0.0065 * 35.5) / 100, within(1e-15));
    assertThat(putTop(BookMeasure.of(10, 50)).sellPrice())
        .isCloseTo((0.005 * 13.7 + 0.0045 * 5.7 + 0.004 * 30.6) / 50, within(1e-15));
  }

  @Test
  void fillPriceWithinTheBestLevelIsItsPrice() {
    BookTop top = putTop(BookMeasure.of(10, 10));

    assertThat(top.buyPrice()).isEqualTo(0.006);
    assertThat(top.sellPrice()).isEqualTo(0.005);
  }

  @Test
  void fillPriceNeedsTheWholeAmountOnTheVisibleSide() {
    BookTop exact = putTop(BookMeasure.of(10, 113));
    BookTop more = putTop(BookMeasure.of(10, 113.1));

    assertThat(exact.buyPrice())
        .isCloseTo((0.006 * 64.5 + 0.0065 * 48 + 0.0085 * 0.5) / 113, within(1e-15));
    assertThat(exact.sellPrice()).as("the bids hold 81 contracts").isNaN();
    assertThat(more.buyPrice()).isNaN();
  }

  @Test
  void nearDepthCountsTheLevelsWithinTheBandOfTheMid() {
    // mid 0.0055; a 10% band is [0.00495, 0.00605]: only the best bid and the best ask.
    assertThat(putTop(BookMeasure.of(10, 1)).nearDepth()).isCloseTo(13.7 + 64.5, within(1e-12));
    // a 20% band, [0.0044, 0.0066], adds the second level of each side.
    assertThat(putTop(new BookMeasure(10, 5, 0.2, 1)).nearDepth())
        .isCloseTo(13.7 + 5.7 + 64.5 + 48, within(1e-12));
    // the spread alone is 18% of the mid: DESIGN's 1% band holds nothing.
    assertThat(putTop(new BookMeasure(10, 5, 0.01, 1)).nearDepth()).isZero();
  }

  @Test
  void nearDepthCountsOnlyTheBestNearLevels() {
    // a 50% band holds every level but the 0.0085 ask.
    assertThat(putTop(new BookMeasure(10, 1, 0.5, 1)).nearDepth())
        .isCloseTo(13.7 + 64.5, within(1e-12));
    assertThat(putTop(new BookMeasure(10, 5, 0.5, 1)).nearDepth())
        .isCloseTo(13.7 + 5.7 + 61.6 + 64.5 + 48, within(1e-12));
  }

  @Test
  void oneSidedBookHasNoNearDepthAndNoPriceOnTheEmptySide() {
    OrderBook book = OrderBook.fromSnapshot(update(true, 0, 10, levels(100, 30, 99, 10), levels()));

    BookTop top = book.top(update(false, 10, 11, levels(), levels()), BookMeasure.of(2, 35), false);

    assertThat(top.nearDepth()).isNaN();
    assertThat(top.buyPrice()).isNaN();
    assertThat(top.sellPrice()).isCloseTo((100 * 30 + 99 * 5) / 35.0, within(1e-12));
  }
}
