package io.gammastraddle.features;

import java.util.Arrays;

/**
 * The features of one underlying at one decision tick, in {@link FeatureSchema} order. A value not
 * yet known (too little data since start) is {@code NaN}.
 */
public record FeatureVector(String underlying, long timestamp, int schemaVersion, double[] values) {

  public double value(String name) {
    return values[FeatureSchema.indexOf(name)];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeatureVector that
        && underlying.equals(that.underlying)
        && timestamp == that.timestamp
        && schemaVersion == that.schemaVersion
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return (underlying.hashCode() * 31 + Long.hashCode(timestamp)) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FeatureVector[" + underlying + " @" + timestamp + " " + Arrays.toString(values) + "]";
  }
}
