package io.gammastraddle.strategy;

/** Why the entry signal did not enter: one value per gate (issue 7, "Signal"). */
public enum SkipReason {
  /** The feature vector has another schema version, so its values cannot be read by name. */
  FEATURE_SCHEMA,
  /** The feature vector is older than the maximum data age. */
  STALE_FEATURES,
  /** {@code liquidity_score} below the minimum, or unknown. */
  LOW_LIQUIDITY,
  /** {@code spread} above the maximum, or unknown. */
  WIDE_SPREAD,
  /** No ATM straddle, or one without a usable implied volatility. */
  NO_STRADDLE,
  /** The ATM straddle is older than the maximum data age. */
  STALE_STRADDLE,
  /** A realized volatility is unknown, so there is no forecast. */
  NO_FORECAST,
  /** Forecast realized volatility does not exceed the implied by the margin. */
  NO_EDGE,
  /** The underlying already has the maximum number of open straddles. */
  MAX_OPEN_STRADDLES,
  /** No prediction for this feature vector. */
  NO_PREDICTION
}
