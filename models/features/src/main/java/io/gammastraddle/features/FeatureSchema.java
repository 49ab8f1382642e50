package io.gammastraddle.features;

import java.util.List;
import java.util.Set;

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
   * Averages over hours: within the minutes of a drift window they barely move, so the scoring
   * checks them against the range they were trained on rather than by PSI ({@code DriftMonitor}).
   */
  public static final Set<String> SLOW =
      Set.of(FUNDING_RATE, VOLUME_24H, PRICE_CHANGE_24H, REALIZED_VOL_24H);

  private FeatureSchema() {}

  public static int indexOf(String name) {
    int index = NAMES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("Unknown feature: " + name);
    }
    return index;
  }
}
