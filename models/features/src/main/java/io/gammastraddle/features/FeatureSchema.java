package io.gammastraddle.features;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Names and order of the values in a {@link FeatureVector}: DESIGN section 7's fourteen features
 * plus the 24-hour variant of realized volatility. The version changes whenever a name, the order
 * or a definition changes, so a model never scores a vector it was not trained on. Definitions:
 * docs/features.md.
 */
public final class FeatureSchema {

  public static final int VERSION = 2;

  public static final String BASIS_PCT = "basis_pct";
  public static final String LIQUIDITY_SCORE = "liquidity_score";
  public static final String VOL_PCT = "vol_pct";
  public static final String GAMMA_PCT = "gamma_pct";
  public static final String FUNDING_RATE = "funding_rate";
  public static final String PRICE_VWAP_DEV = "price_vwap_dev";
  public static final String SPREAD = "spread";
  public static final String VOLUME_24H = "volume_24h";
  public static final String PRICE_CHANGE_24H = "price_change_24h";
  public static final String BOOK_IMBALANCE = "book_imbalance";
  public static final String VWAP_DEV = "vwap_dev";
  public static final String MOMENTUM = "momentum";
  public static final String MARKET_IMPACT = "market_impact";
  public static final String REALIZED_VOL = "realized_vol";
  public static final String REALIZED_VOL_24H = "realized_vol_24h";

  public static final List<String> NAMES =
      List.of(
          BASIS_PCT,
          LIQUIDITY_SCORE,
          VOL_PCT,
          GAMMA_PCT,
          FUNDING_RATE,
          PRICE_VWAP_DEV,
          SPREAD,
          VOLUME_24H,
          PRICE_CHANGE_24H,
          BOOK_IMBALANCE,
          VWAP_DEV,
          MOMENTUM,
          MARKET_IMPACT,
          REALIZED_VOL,
          REALIZED_VOL_24H);

  /**
   * How long each feature remembers: the span of market its value summarizes (docs/features.md),
   * zero for the book's and the straddle's state at the tick. A percentile rank over 30 days
   * remembers the 30 days: it is spread evenly over them by construction and bunched over any
   * shorter span (implied volatility and the basis persist for days). Two values closer in time
   * than a feature's memory are nearly the same value, which matters to drift checks ({@code
   * DriftMonitor}): a window of vectors spaced closer than that holds few independent values.
   */
  private static final Map<String, Duration> MEMORY =
      Map.ofEntries(
          Map.entry(BASIS_PCT, Duration.ofDays(30)),
          Map.entry(LIQUIDITY_SCORE, Duration.ZERO),
          Map.entry(VOL_PCT, Duration.ofDays(30)),
          Map.entry(GAMMA_PCT, Duration.ofDays(30)),
          Map.entry(FUNDING_RATE, Duration.ofHours(8)),
          Map.entry(PRICE_VWAP_DEV, Duration.ofHours(1)),
          Map.entry(SPREAD, Duration.ZERO),
          Map.entry(VOLUME_24H, Duration.ofHours(24)),
          Map.entry(PRICE_CHANGE_24H, Duration.ofHours(24)),
          Map.entry(BOOK_IMBALANCE, Duration.ZERO),
          Map.entry(VWAP_DEV, Duration.ofMinutes(5)),
          Map.entry(MOMENTUM, Duration.ofHours(1)),
          Map.entry(MARKET_IMPACT, Duration.ZERO),
          Map.entry(REALIZED_VOL, Duration.ofHours(1)),
          Map.entry(REALIZED_VOL_24H, Duration.ofHours(24)));

  /** The feature's memory (see {@link #MEMORY}). */
  public static Duration memory(String name) {
    Duration memory = MEMORY.get(name);
    if (memory == null) {
      throw new IllegalArgumentException("Unknown feature " + name);
    }
    return memory;
  }

  private FeatureSchema() {}

  public static int indexOf(String name) {
    int index = NAMES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("Unknown feature: " + name);
    }
    return index;
  }
}
