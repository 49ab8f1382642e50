package io.gammastraddle.features;

import java.util.List;

/**
 * Names and order of the values in a {@link FeatureVector}. The version changes whenever a name,
 * the order or a definition changes, so a model never scores a vector it was not trained on.
 * Definitions: docs/features.md.
 */
public final class FeatureSchema {

  public static final int VERSION = 1;

  public static final String PERP_MID = "perp_mid";
  public static final String PERP_SPREAD = "perp_spread";
  public static final String BOOK_IMBALANCE = "book_imbalance";
  public static final String VWAP_DEV_1M = "vwap_dev_1m";
  public static final String REALIZED_VOL = "realized_vol";

  public static final List<String> NAMES =
      List.of(PERP_MID, PERP_SPREAD, BOOK_IMBALANCE, VWAP_DEV_1M, REALIZED_VOL);

  private FeatureSchema() {}

  public static int indexOf(String name) {
    int index = NAMES.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("Unknown feature: " + name);
    }
    return index;
  }
}
