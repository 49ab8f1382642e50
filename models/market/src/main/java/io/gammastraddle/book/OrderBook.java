package io.gammastraddle.book;

import io.gammastraddle.market.BookUpdate;

/**
 * An instrument's order book rebuilt from a snapshot and the changes that follow it.
 *
 * <p>Each change names the change id it follows; {@link #continuesWith} tells whether a change
 * links to this book. A change that does not link means updates were missed and the book can no
 * longer be trusted until the next snapshot.
 */
public record OrderBook(long changeId, long timestamp, Levels bids, Levels asks) {

  public static OrderBook fromSnapshot(BookUpdate snapshot) {
    return new OrderBook(
        snapshot.changeId(),
        snapshot.timestamp(),
        Levels.of(snapshot.bidPrices(), snapshot.bidAmounts(), true),
        Levels.of(snapshot.askPrices(), snapshot.askAmounts(), false));
  }

  public boolean continuesWith(BookUpdate change) {
    return !change.snapshot() && change.prevChangeId() == changeId;
  }

  public OrderBook apply(BookUpdate change) {
    return new OrderBook(
        change.changeId(),
        change.timestamp(),
        bids.apply(change.bidPrices(), change.bidAmounts(), true),
        asks.apply(change.askPrices(), change.askAmounts(), false));
  }

  /** Best prices, depths and fill prices as {@code measure} defines them. */
  public BookTop top(BookUpdate last, BookMeasure measure, boolean stale) {
    double bestBid = bids.size() > 0 ? bids.prices()[0] : Double.NaN;
    double bestAsk = asks.size() > 0 ? asks.prices()[0] : Double.NaN;
    return new BookTop(
        last.instrument(),
        last.underlying(),
        last.kind(),
        timestamp,
        bestBid,
        bids.size() > 0 ? bids.amounts()[0] : 0,
        bestAsk,
        asks.size() > 0 ? asks.amounts()[0] : 0,
        bids.depth(measure.depthLevels()),
        asks.depth(measure.depthLevels()),
        stale,
        nearDepth(measure, (bestBid + bestAsk) / 2),
        asks.fillPrice(measure.impactAmount()),
        bids.fillPrice(measure.impactAmount()),
        last.receivedNanos());
  }

  /** NaN when {@code mid} is, that is when a side is empty. */
  private double nearDepth(BookMeasure measure, double mid) {
    if (Double.isNaN(mid)) {
      return Double.NaN;
    }
    double low = mid - measure.nearBand() * mid;
    double high = mid + measure.nearBand() * mid;
    return bids.depthWithin(measure.nearLevels(), low, high)
        + asks.depthWithin(measure.nearLevels(), low, high);
  }
}
