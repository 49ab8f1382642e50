package io.gammastraddle.features;

/**
 * Volume-weighted average price over a sliding event-time window, kept as fixed time buckets so
 * memory stays bounded however many trades arrive. Trades older than the window are ignored.
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

  public RollingVwap(long windowMillis, int buckets) {
    this.bucketMillis = windowMillis / buckets;
    this.bucketIds = new long[buckets];
    this.notionals = new double[buckets];
    this.volumes = new double[buckets];
    java.util.Arrays.fill(bucketIds, Long.MIN_VALUE);
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
    long newest = Math.floorDiv(now, bucketMillis);
    long oldest = newest - bucketIds.length + 1;
    double notional = 0;
    double volume = 0;
    for (int i = 0; i < bucketIds.length; i++) {
      if (bucketIds[i] >= oldest && bucketIds[i] <= newest) {
        notional += notionals[i];
        volume += volumes[i];
      }
    }
    return volume > 0 ? notional / volume : Double.NaN;
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
