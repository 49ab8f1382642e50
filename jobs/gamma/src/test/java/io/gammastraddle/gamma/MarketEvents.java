package io.gammastraddle.gamma;

import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.Trade;

/** Factories for market events in operator tests. */
public final class MarketEvents {

  public static final String PERP = "BTC-PERPETUAL";
  public static final long T0 = 1_700_000_000_000L;

  private MarketEvents() {}

  public static BookUpdate snapshot(long changeId, long timestamp, double[] bids, double[] asks) {
    return book(true, 0, changeId, timestamp, bids, asks);
  }

  public static BookUpdate change(
      long prevChangeId, long changeId, long timestamp, double[] bids, double[] asks) {
    return book(false, prevChangeId, changeId, timestamp, bids, asks);
  }

  /** Levels as price, amount pairs. */
  public static double[] levels(double... priceAmountPairs) {
    return priceAmountPairs;
  }

  private static BookUpdate book(
      boolean snapshot,
      long prevChangeId,
      long changeId,
      long timestamp,
      double[] bids,
      double[] asks) {
    return new BookUpdate(
        PERP,
        "BTC",
        InstrumentKind.PERPETUAL,
        timestamp,
        snapshot,
        changeId,
        prevChangeId,
        prices(bids),
        amounts(bids),
        prices(asks),
        amounts(asks),
        0);
  }

  public static Trade trade(long timestamp, double price, double amount) {
    return new Trade(
        PERP,
        "BTC",
        InstrumentKind.PERPETUAL,
        timestamp,
        "t" + timestamp,
        timestamp,
        price,
        amount,
        true,
        price,
        0);
  }

  public static IndexPrice index(long timestamp, double price) {
    return new IndexPrice("btc_usd", "BTC", timestamp, price, 0);
  }

  private static double[] prices(double[] pairs) {
    double[] prices = new double[pairs.length / 2];
    for (int i = 0; i < prices.length; i++) {
      prices[i] = pairs[2 * i];
    }
    return prices;
  }

  private static double[] amounts(double[] pairs) {
    double[] amounts = new double[pairs.length / 2];
    for (int i = 0; i < amounts.length; i++) {
      amounts[i] = pairs[2 * i + 1];
    }
    return amounts;
  }
}
