package io.gammastraddle.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The strategy's equity over event time: at each distinct status timestamp, the initial equity plus
 * the sum over underlyings of the latest P&L (realized after fees plus unrealized) known at that
 * time.
 *
 * <p>Status lines are merged by event time, not by file order, so the curve does not depend on how
 * the job interleaved the underlyings, and the sum runs over underlyings in name order so that its
 * rounding does not either.
 */
final class EquityCurve {

  static final long MINUTE_MILLIS = 60_000;

  /** sqrt of this annualizes a per-minute Sharpe ratio: 365 days of 1,440 minutes. */
  static final double MINUTES_PER_YEAR = 525_600;

  private final long[] times;
  private final double[] equity;

  EquityCurve(long[] times, double[] equity) {
    if (times.length != equity.length) {
      throw new IllegalArgumentException("times and equity differ in length");
    }
    this.times = times;
    this.equity = equity;
  }

  static EquityCurve of(double initialEquityUsd, List<StatusPoint> points) {
    List<StatusPoint> byTime = new ArrayList<>(points);
    // stable: lines of one underlying at one timestamp keep their file order, the last one wins
    byTime.sort(
        Comparator.comparingLong(StatusPoint::timestamp).thenComparing(StatusPoint::underlying));
    Map<String, Double> latestPnl = new TreeMap<>();
    long[] times = new long[byTime.size()];
    double[] equity = new double[byTime.size()];
    int size = 0;
    for (int i = 0; i < byTime.size(); i++) {
      StatusPoint point = byTime.get(i);
      latestPnl.put(point.underlying(), point.pnlUsd());
      boolean lastAtThisTime =
          i + 1 == byTime.size() || byTime.get(i + 1).timestamp() != point.timestamp();
      if (lastAtThisTime) {
        double sum = initialEquityUsd;
        for (double pnl : latestPnl.values()) {
          sum += pnl;
        }
        times[size] = point.timestamp();
        equity[size] = sum;
        size++;
      }
    }
    return new EquityCurve(Arrays.copyOf(times, size), Arrays.copyOf(equity, size));
  }

  int size() {
    return times.length;
  }

  long[] times() {
    return times.clone();
  }

  double[] equity() {
    return equity.clone();
  }

  /** The last value, or NaN for an empty curve. */
  double last() {
    return times.length == 0 ? Double.NaN : equity[equity.length - 1];
  }

  /**
   * The fall from the running peak in % of the peak at each point; NaN while the peak is not
   * positive, where a percentage means nothing.
   */
  double[] drawdownPct() {
    double[] drawdown = new double[equity.length];
    double peak = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < equity.length; i++) {
      peak = Math.max(peak, equity[i]);
      drawdown[i] = peak > 0 ? 100 * (peak - equity[i]) / peak : Double.NaN;
    }
    return drawdown;
  }

  /** The largest peak-to-trough fall in % of the peak; 0 for a curve that never falls. */
  double maxDrawdownPct() {
    double max = 0;
    for (double drawdown : drawdownPct()) {
      if (drawdown > max) {
        max = drawdown;
      }
    }
    return max;
  }

  /**
   * The equity at the end of each event-time minute from the first point's minute to the last's:
   * the last value known before the minute ends, carried over minutes without a status line.
   */
  double[] minuteCloses() {
    if (times.length == 0) {
      return new double[0];
    }
    long firstMinute = Math.floorDiv(times[0], MINUTE_MILLIS);
    long lastMinute = Math.floorDiv(times[times.length - 1], MINUTE_MILLIS);
    double[] closes = new double[Math.toIntExact(lastMinute - firstMinute + 1)];
    int point = 0;
    for (int minute = 0; minute < closes.length; minute++) {
      long end = (firstMinute + minute + 1) * MINUTE_MILLIS;
      while (point + 1 < times.length && times[point + 1] < end) {
        point++;
      }
      closes[minute] = equity[point];
    }
    return closes;
  }

  /**
   * The Sharpe ratio of the simple per-minute returns of {@link #minuteCloses()}, annualized: mean
   * / sample standard deviation * sqrt(525,600). 0 with fewer than two returns or none that vary.
   */
  double sharpe() {
    return annualizedSharpe(minuteCloses());
  }

  static double annualizedSharpe(double[] closes) {
    int returns = closes.length - 1;
    if (returns < 2) {
      return 0;
    }
    double[] r = new double[returns];
    double mean = 0;
    for (int i = 0; i < returns; i++) {
      r[i] = closes[i + 1] / closes[i] - 1;
      mean += r[i];
    }
    mean /= returns;
    double squares = 0;
    for (double value : r) {
      squares += (value - mean) * (value - mean);
    }
    double stdev = Math.sqrt(squares / (returns - 1));
    if (stdev == 0 || !Double.isFinite(stdev)) {
      return 0;
    }
    return mean / stdev * Math.sqrt(MINUTES_PER_YEAR);
  }
}
