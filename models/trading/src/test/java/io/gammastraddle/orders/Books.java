package io.gammastraddle.orders;

import io.gammastraddle.book.BookState;
import io.gammastraddle.book.Levels;
import io.gammastraddle.book.OrderBook;

/** Books for the tests, written as {price, amount} rows. */
final class Books {

  private Books() {}

  static BookState book(long timestamp, double[][] bids, double[][] asks) {
    return new BookState(orderBook(timestamp, bids, asks), false);
  }

  static OrderBook orderBook(long timestamp, double[][] bids, double[][] asks) {
    return new OrderBook(1, timestamp, side(bids, true), side(asks, false));
  }

  static double[][] levels(double... priceAmountPairs) {
    double[][] rows = new double[priceAmountPairs.length / 2][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {priceAmountPairs[2 * i], priceAmountPairs[2 * i + 1]};
    }
    return rows;
  }

  private static Levels side(double[][] rows, boolean bids) {
    double[] prices = new double[rows.length];
    double[] amounts = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      prices[i] = rows[i][0];
      amounts[i] = rows[i][1];
    }
    return Levels.of(prices, amounts, bids);
  }
}
