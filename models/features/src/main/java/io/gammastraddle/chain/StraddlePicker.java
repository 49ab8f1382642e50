package io.gammastraddle.chain;

import io.gammastraddle.pricing.OptionType;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Picks the at-the-money straddle from an option chain: the target expiry is the nearest one at
 * least {@code minMillisToExpiry} away; its forward is the {@code underlying_price} of its most
 * recent ticker (Deribit quotes every option of an expiry on the same forward); the strike is the
 * one nearest that forward among strikes with both a priced call and a priced put (the lower strike
 * on a tie).
 */
public final class StraddlePicker implements Serializable {

  private final long minMillisToExpiry;

  /** The two legs of a straddle. */
  public record Legs(OptionQuote call, OptionQuote put) {}

  public StraddlePicker(long minMillisToExpiry) {
    if (minMillisToExpiry < 0) {
      throw new IllegalArgumentException("minMillisToExpiry must be >= 0: " + minMillisToExpiry);
    }
    this.minMillisToExpiry = minMillisToExpiry;
  }

  /**
   * The legs of the straddle at {@code now}, or null when the target expiry has no strike with both
   * legs priced: a later expiry is not taken instead, since its straddle is a different trade.
   */
  public Legs pick(Iterable<OptionQuote> chain, long now) {
    long expiry = Long.MAX_VALUE;
    for (OptionQuote quote : chain) {
      if (quote.priced() && quote.expiryMillis() - now >= minMillisToExpiry) {
        expiry = Math.min(expiry, quote.expiryMillis());
      }
    }
    if (expiry == Long.MAX_VALUE) {
      return null;
    }
    OptionQuote latest = null;
    Map<Double, OptionQuote> calls = new HashMap<>();
    Map<Double, OptionQuote> puts = new HashMap<>();
    for (OptionQuote quote : chain) {
      if (quote.expiryMillis() != expiry || !quote.priced()) {
        continue;
      }
      if (latest == null || newer(quote, latest)) {
        latest = quote;
      }
      (quote.type() == OptionType.CALL ? calls : puts).put(quote.strike(), quote);
    }
    double forward = latest.forward();
    Legs best = null;
    for (Map.Entry<Double, OptionQuote> call : calls.entrySet()) {
      OptionQuote put = puts.get(call.getKey());
      if (put != null && (best == null || closer(call.getKey(), best.call().strike(), forward))) {
        best = new Legs(call.getValue(), put);
      }
    }
    return best;
  }

  /** Later ticker first; the instrument name breaks ties, so the pick never depends on order. */
  private static boolean newer(OptionQuote quote, OptionQuote than) {
    return quote.tickerTimestamp() > than.tickerTimestamp()
        || (quote.tickerTimestamp() == than.tickerTimestamp()
            && quote.instrument().compareTo(than.instrument()) < 0);
  }

  private static boolean closer(double strike, double than, double forward) {
    double distance = Math.abs(strike - forward);
    double other = Math.abs(than - forward);
    return distance < other || (distance == other && strike < than);
  }
}
