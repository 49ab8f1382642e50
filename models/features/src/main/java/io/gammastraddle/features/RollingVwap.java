package io.gammastraddle.features;

import java.util.Arrays;

/**
 * Volume-weighted average price over a sliding event-time window, kept as fixed time buckets so
 * memory stays bounded however many trades arrive. Trades older than the window are ignored. The
 * window ending at a time holds the bucket containing it and the buckets before it, so it slides a
 * bucket at a time.
 *
 * <p>A Flink POJO (public no-argument constructor, getters and setters) so it can live in keyed
 * state and evolve.
 */
public class RollingVwap {

  private long bucketMillis;
  private long[] bucketIds;
  private double[] notionals;
  private double[] volumes;

  public RollingVwap() {}

  /**
   * A window of {@code windowMillis} in {@code buckets} buckets (the window must divide evenly).
   */
  public RollingVwap(long windowMillis, int buckets) {
    if (windowMillis % buckets != 0) {
      throw new IllegalArgumentException(windowMillis + " ms do not split into " + buckets);
    }
    this.bucketMillis = windowMillis / buckets;
    this.bucketIds = new long[buckets];
    this.notionals = new double[buckets];
    this.volumes = new double[buckets];
    Arrays.fill(bucketIds, Long.MIN_VALUE);
  }

  public void add(long timestamp, double price, double amount) {
    long bucket = Math.floorDiv(timestamp, bucketMillis);
    int slot = (int) Math.floorMod(bucket, (long) bucketIds.length);
    if (bucketIds[slot] != bucket) {
      if (bucketIds[slot] > bucket) {
        return;
      }
      bucketIds[slot] = bucket;
      notionals[slot] = 0;
      volumes[slot] = 0;
    }
    notionals[slot] += price * amount;
    volumes[slot] += amount;
  }

  /** VWAP of the trades in the window ending at {@code now}, or NaN when there were none. */
  public double vwap(long now) {
    double notional = 0;
    double volume = 0;
    long newest = Math.floorDiv(now, bucketMillis);
    for (int i = 0; i < bucketIds.length; i++) {
      if (inWindow(bucketIds[i], newest)) {
        notional += notionals[i];
        volume += volumes[i];
      }
    }
    return volume > 0 ? notional / volume : Double.NaN;
  }

  /** Traded amount in the window ending at {@code now}. */
  public double volume(long now) {
    double volume = 0;
    long newest = Math.floorDiv(now, bucketMillis);
    for (int i = 0; i < bucketIds.length; i++) {
      if (inWindow(bucketIds[i], newest)) {
        volume += volumes[i];
      }
    }
    return volume;
  }

  private boolean inWindow(long bucket, long newest) {
    return bucket <= newest && bucket > newest - bucketIds.length;
  }

  public long getBucketMillis() {
    return bucketMillis;
  }

  public void setBucketMillis(long bucketMillis) {
    this.bucketMillis = bucketMillis;
  }

  public long[] getBucketIds() {
    return bucketIds;
  }

  public void setBucketIds(long[] bucketIds) {
    this.bucketIds = bucketIds;
  }

  public double[] getNotionals() {
    return notionals;
  }

  public void setNotionals(double[] notionals) {
    this.notionals = notionals;
  }

  public double[] getVolumes() {
    return volumes;
  }

  public void setVolumes(double[] volumes) {
    this.volumes = volumes;
  }
}
