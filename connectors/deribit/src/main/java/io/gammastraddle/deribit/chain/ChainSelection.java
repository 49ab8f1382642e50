package io.gammastraddle.deribit.chain;

/**
 * Which options of a currency to follow: those of the nearest {@code maxExpiries} expiries at least
 * {@code minDaysToExpiry} days away, with strikes within {@code moneynessWindow} of the index
 * ({@code |K / S - 1| <= moneynessWindow}). The perpetual is always followed.
 *
 * @param maxExpiries how many expiries, nearest first; 0 follows no option at all
 * @param minDaysToExpiry the least time to expiry, in days, of a followed expiry
 * @param moneynessWindow the largest {@code |strike / index - 1|} of a followed option
 */
public record ChainSelection(int maxExpiries, double minDaysToExpiry, double moneynessWindow) {

  public ChainSelection {
    if (maxExpiries < 0) {
      throw new IllegalArgumentException("maxExpiries must not be negative: " + maxExpiries);
    }
    if (!(minDaysToExpiry >= 0) || Double.isInfinite(minDaysToExpiry)) {
      throw new IllegalArgumentException("minDaysToExpiry must be >= 0: " + minDaysToExpiry);
    }
    if (!(moneynessWindow > 0) || Double.isInfinite(moneynessWindow)) {
      throw new IllegalArgumentException("moneynessWindow must be positive: " + moneynessWindow);
    }
  }

  /** The 3 nearest expiries, however near, strikes within 20% of the index. */
  public static ChainSelection defaults() {
    return new ChainSelection(3, 0, 0.2);
  }

  /** No options: the perpetuals only. */
  public static ChainSelection perpetualsOnly() {
    return new ChainSelection(0, 0, 0.2);
  }

  /** Whether any option is followed. */
  public boolean includesOptions() {
    return maxExpiries > 0;
  }

  public ChainSelection withMaxExpiries(int expiries) {
    return new ChainSelection(expiries, minDaysToExpiry, moneynessWindow);
  }

  public ChainSelection withMinDaysToExpiry(double days) {
    return new ChainSelection(maxExpiries, days, moneynessWindow);
  }

  public ChainSelection withMoneynessWindow(double window) {
    return new ChainSelection(maxExpiries, minDaysToExpiry, window);
  }
}
