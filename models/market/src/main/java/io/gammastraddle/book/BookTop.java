package io.gammastraddle.book;

import io.gammastraddle.market.InstrumentKind;

/**
 * Top of an order book after an update. {@code stale} is true when updates were missed and the book
 * waits for a fresh snapshot: nothing should be decided on a stale book.
 */
public record BookTop(
    String instrument,
    String underlying,
    InstrumentKind kind,
    long timestamp,
    double bestBid,
    double bestBidAmount,
    double bestAsk,
    double bestAskAmount,
    double bidDepth,
    double askDepth,
    boolean stale) {

  public double mid() {
    return (bestBid + bestAsk) / 2;
  }

  /** Bid-ask spread relative to the mid. */
  public double relativeSpread() {
    return (bestAsk - bestBid) / mid();
  }

  /** (bid depth - ask depth) / (bid depth + ask depth), in [-1, 1]; NaN on an empty book. */
  public double imbalance() {
    double total = bidDepth + askDepth;
    return total > 0 ? (bidDepth - askDepth) / total : Double.NaN;
  }
}
