package io.gammastraddle.features;

import java.util.Arrays;

/**
 * Annualized realized volatility of log returns between prices sampled at a fixed event-time
 * interval, over a sliding window of samples. The last price seen in each interval closes it; the
 * estimator assumes zero mean return (sum of squared returns), as is usual for high-frequency
 * realized variance.
 *
 * <p>Bounded memory: one slot per sample in the window. A Flink POJO so it can live in keyed state.
 */
public class RealizedVolatility {

  private static final double MILLIS_PER_YEAR = 365.0 * 24 * 3600 * 1000;

  private long sampleMillis;
  private long currentSample = Long.MIN_VALUE;
  private double currentClose = Double.NaN;
  private double previousClose = Double.NaN;
  private long[] returnSamples;
  private double[] returns;

  public RealizedVolatility() {}

  public RealizedVolatility(long sampleMillis, int windowSamples) {
    this.sampleMillis = sampleMillis;
    this.returnSamples = new long[windowSamples];
    this.returns = new double[windowSamples];
    Arrays.fill(returnSamples, Long.MIN_VALUE);
  }

  public void update(long timestamp, double price) {
    if (!(price > 0)) {
      return;
    }
    long sample = Math.floorDiv(timestamp, sampleMillis);
    if (sample < currentSample) {
      return;
    }
    if (sample > currentSample) {
      closeCurrentSample();
      currentSample = sample;
    }
    currentClose = price;
  }

  private void closeCurrentSample() {
    if (Double.isNaN(currentClose)) {
      return;
    }
    if (!Double.isNaN(previousClose)) {
      int slot = (int) Math.floorMod(currentSample, (long) returns.length);
      returnSamples[slot] = currentSample;
      returns[slot] = Math.log(currentClose / previousClose);
    }
    previousClose = currentClose;
  }

  /**
   * Volatility of the closed samples in the window ending at {@code now}, annualized; NaN with
   * fewer than two returns.
   */
  public double annualized(long now) {
    long newest = Math.floorDiv(now, sampleMillis) - 1;
    long oldest = newest - returns.length + 1;
    double sumSquares = 0;
    int count = 0;
    for (int i = 0; i < returns.length; i++) {
      if (returnSamples[i] >= oldest && returnSamples[i] <= newest) {
        sumSquares += returns[i] * returns[i];
        count++;
      }
    }
    if (count < 2) {
      return Double.NaN;
    }
    return Math.sqrt(sumSquares / count * (MILLIS_PER_YEAR / sampleMillis));
  }

  public long getSampleMillis() {
    return sampleMillis;
  }

  public void setSampleMillis(long sampleMillis) {
    this.sampleMillis = sampleMillis;
  }

  public long getCurrentSample() {
    return currentSample;
  }

  public void setCurrentSample(long currentSample) {
    this.currentSample = currentSample;
  }

  public double getCurrentClose() {
    return currentClose;
  }

  public void setCurrentClose(double currentClose) {
    this.currentClose = currentClose;
  }

  public double getPreviousClose() {
    return previousClose;
  }

  public void setPreviousClose(double previousClose) {
    this.previousClose = previousClose;
  }

  public long[] getReturnSamples() {
    return returnSamples;
  }

  public void setReturnSamples(long[] returnSamples) {
    this.returnSamples = returnSamples;
  }

  public double[] getReturns() {
    return returns;
  }

  public void setReturns(double[] returns) {
    this.returns = returns;
  }
}
