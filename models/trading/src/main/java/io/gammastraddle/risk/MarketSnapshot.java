package io.gammastraddle.risk;

/**
 * The market a proposal was priced on, as far as risk needs it.
 *
 * @param underlyingPrice the underlying's price in USD (the expiry's forward or the index) that the
 *     Greeks refer to
 * @param dailyVol standard deviation of the underlying's one-day relative move, for the parametric
 *     VaR (for example the ATM implied vol / sqrt(365))
 * @param volOfVolPoints standard deviation of the one-day change of implied vol, in vol points
 * @param dataTimestamp event time (ms) of the oldest input the proposal was priced on
 * @param resyncing whether a book or feed the proposal used is being resynchronized after a gap
 */
public record MarketSnapshot(
    double underlyingPrice,
    double dailyVol,
    double volOfVolPoints,
    long dataTimestamp,
    boolean resyncing) {

  public MarketSnapshot {
    if (!(underlyingPrice > 0 && Double.isFinite(underlyingPrice))) {
      throw new IllegalArgumentException(
          "underlyingPrice must be positive, was " + underlyingPrice);
    }
    if (!(dailyVol >= 0 && Double.isFinite(dailyVol))) {
      throw new IllegalArgumentException("dailyVol must be >= 0 and finite, was " + dailyVol);
    }
    if (!(volOfVolPoints >= 0 && Double.isFinite(volOfVolPoints))) {
      throw new IllegalArgumentException(
          "volOfVolPoints must be >= 0 and finite, was " + volOfVolPoints);
    }
  }

  /** How old the data is at {@code now}; negative when it is stamped after {@code now}. */
  public long ageMillis(long now) {
    return now - dataTimestamp;
  }
}
