package io.gammastraddle.book;

import static org.assertj.core.api.Assertions.assertThat;

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

    BookTop top = book.top(last, 2, false);

    assertThat(top.bestBid()).isEqualTo(100);
    assertThat(top.bestAsk()).isEqualTo(101);
    assertThat(top.bidDepth()).isEqualTo(40);
    assertThat(top.askDepth()).isEqualTo(20);
    assertThat(top.mid()).isEqualTo(100.5);
    assertThat(top.imbalance()).isCloseTo(20.0 / 60.0, org.assertj.core.data.Offset.offset(1e-12));
  }
}
