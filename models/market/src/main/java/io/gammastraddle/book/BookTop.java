package io.gammastraddle.book;

import io.gammastraddle.market.InstrumentKind;

/**
 * Top of an order book after an update. {@code stale} is true when updates were missed and the book
 * waits for a fresh snapshot: nothing should be decided on a stale book. What the depth and price
 * measures cover is set by the {@link BookMeasure} the book was read with.
 *
 * @param bidDepth amount over the best {@link BookMeasure#depthLevels} bid levels
 * @param askDepth amount over the best {@link BookMeasure#depthLevels} ask levels
 * @param nearDepth amount over those of the best {@link BookMeasure#nearLevels} levels of each side
 *     that lie within {@link BookMeasure#nearBand} of the mid; NaN when a side is empty
 * @param buyPrice average price of buying {@link BookMeasure#impactAmount} by walking the asks; NaN
 *     when the asks hold less
 * @param sellPrice average price of selling {@link BookMeasure#impactAmount} by walking the bids;
 *     NaN when the bids hold less
 * @param receivedNanos when the update that made this top was received from the exchange (the
 *     bridge's {@code recv_ts}, epoch nanoseconds), for tick-to-order latency
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
    boolean stale,
    double nearDepth,
    double buyPrice,
    double sellPrice,
    long receivedNanos) {

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
