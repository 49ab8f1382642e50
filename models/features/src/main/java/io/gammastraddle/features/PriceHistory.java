package io.gammastraddle.features;

import java.util.Arrays;

/**
 * A price sampled at a fixed event-time interval (the last price seen in each interval closes it),
 * kept for a fixed number of intervals: realized volatility, returns over a horizon and the change
 * over the whole history all come from it.
 *
 * <p>A return is kept only between two consecutive closed intervals; an interval without a price
 * leaves a hole rather than a return spanning two intervals, which would count the variance of two
 * intervals as one. Volatility is the zero-mean estimator (root mean square of log returns), as is
 * usual for high-frequency realized variance.
 *
 * <p>Bounded memory: one slot per interval. A Flink POJO so it can live in keyed state.
 */
public class PriceHistory {

  private static final double MILLIS_PER_YEAR = 365.0 * 24 * 3600 * 1000;

  private long intervalMillis;
  private long currentInterval = Long.MIN_VALUE;
  private double currentPrice = Double.NaN;
  private long[] intervals;
  private double[] closes;
  private double[] returns;

  public PriceHistory() {}

  /** Keeps the closes of the last {@code slots} intervals of {@code intervalMillis}. */
  public PriceHistory(long intervalMillis, int slots) {
    this.intervalMillis = intervalMillis;
    this.intervals = new long[slots];
    this.closes = new double[slots];
    this.returns = new double[slots];
    Arrays.fill(intervals, Long.MIN_VALUE);
  }

  /** Takes a price; one older than the current interval is ignored. */
  public void update(long timestamp, double price) {
    if (!(price > 0)) {
      return;
    }
    long interval = Math.floorDiv(timestamp, intervalMillis);
    if (interval < currentInterval) {
      return;
    }
    if (interval > currentInterval && !Double.isNaN(currentPrice)) {
      double previous = close(currentInterval - 1);
      int slot = slotOf(currentInterval);
      intervals[slot] = currentInterval;
      closes[slot] = currentPrice;
      returns[slot] = Math.log(currentPrice / previous);
    }
    currentInterval = interval;
    currentPrice = price;
  }

  /** The latest price at or before {@code now}, or NaN. */
  public double latest() {
    return currentPrice;
  }

  /** The close of the interval {@code lag} intervals before the one holding {@code now}, or NaN. */
  public double closeBefore(long now, int lag) {
    return close(Math.floorDiv(now, intervalMillis) - lag);
  }

  /**
   * Annualized volatility of the returns of the last {@code count} closed intervals before the one
   * holding {@code now}; NaN with fewer than {@code minReturns} of them.
   */
  public double annualizedVolatility(long now, int count, int minReturns) {
    double perInterval = volatilityPerInterval(now, count, minReturns);
    return perInterval * Math.sqrt(MILLIS_PER_YEAR / intervalMillis);
  }

  /** As {@link #annualizedVolatility}, per interval: the root mean square log return. */
  public double volatilityPerInterval(long now, int count, int minReturns) {
    long newest = Math.floorDiv(now, intervalMillis) - 1;
    long oldest = newest - count + 1;
    double sumSquares = 0;
    int returnCount = 0;
    for (int i = 0; i < intervals.length; i++) {
      if (intervals[i] >= oldest && intervals[i] <= newest && !Double.isNaN(returns[i])) {
        sumSquares += returns[i] * returns[i];
        returnCount++;
      }
    }
    // The latest interval is closed once now has left it, though no later price has recorded it
    // yet.
    if (currentInterval >= oldest && currentInterval <= newest) {
      double pending = Math.log(currentPrice / close(currentInterval - 1));
      if (!Double.isNaN(pending)) {
        sumSquares += pending * pending;
        returnCount++;
      }
    }
    return returnCount >= Math.max(1, minReturns)
        ? Math.sqrt(sumSquares / returnCount)
        : Double.NaN;
  }

  private double close(long interval) {
    if (interval == currentInterval) {
      return currentPrice;
    }
    int slot = slotOf(interval);
    return intervals[slot] == interval ? closes[slot] : Double.NaN;
  }

  private int slotOf(long interval) {
    return (int) Math.floorMod(interval, (long) intervals.length);
  }

  public long getIntervalMillis() {
    return intervalMillis;
  }

  public void setIntervalMillis(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  public long getCurrentInterval() {
    return currentInterval;
  }

  public void setCurrentInterval(long currentInterval) {
    this.currentInterval = currentInterval;
  }

  public double getCurrentPrice() {
    return currentPrice;
  }

  public void setCurrentPrice(double currentPrice) {
    this.currentPrice = currentPrice;
  }

  public long[] getIntervals() {
    return intervals;
  }

  public void setIntervals(long[] intervals) {
    this.intervals = intervals;
  }

  public double[] getCloses() {
    return closes;
  }

  public void setCloses(double[] closes) {
    this.closes = closes;
  }

  public double[] getReturns() {
    return returns;
  }

  public void setReturns(double[] returns) {
    this.returns = returns;
  }
}
