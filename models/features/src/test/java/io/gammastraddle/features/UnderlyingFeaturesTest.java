package io.gammastraddle.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.market.InstrumentKind;
import org.junit.jupiter.api.Test;

class UnderlyingFeaturesTest {
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void aFreshPerpetualBookGivesTheBookFeatures() {
    UnderlyingFeatures features = new UnderlyingFeatures();
    features.onBookTop(top(T0, false));

    FeatureVector vector = features.vector("BTC", T0 + 1_000);

    assertThat(value(vector, FeatureSchema.PERP_MID)).isEqualTo(60_000.5);
    assertThat(value(vector, FeatureSchema.BOOK_IMBALANCE)).isEqualTo(0.5);
  }

  @Test
  void aBookMarkedStaleClearsTheBookFeatures() {
    UnderlyingFeatures features = new UnderlyingFeatures();
    features.onBookTop(top(T0, false));
    features.onBookTop(top(T0 + 100, true));

    FeatureVector vector = features.vector("BTC", T0 + 1_000);

    assertThat(value(vector, FeatureSchema.PERP_MID)).isNaN();
    assertThat(value(vector, FeatureSchema.PERP_SPREAD)).isNaN();
    assertThat(value(vector, FeatureSchema.BOOK_IMBALANCE)).isNaN();
  }

  @Test
  void aBookSilentLongerThanTheLimitClearsTheBookFeaturesUntilItSpeaksAgain() {
    UnderlyingFeatures features = new UnderlyingFeatures();
    features.onBookTop(top(T0, false));
    long limit = UnderlyingFeatures.BOOK_SILENT_AFTER_MILLIS;

    assertThat(value(features.vector("BTC", T0 + limit), FeatureSchema.PERP_MID)).isNotNaN();
    FeatureVector silent = features.vector("BTC", T0 + limit + 1);
    assertThat(value(silent, FeatureSchema.PERP_MID)).isNaN();
    assertThat(value(silent, FeatureSchema.PERP_SPREAD)).isNaN();
    assertThat(value(silent, FeatureSchema.BOOK_IMBALANCE)).isNaN();

    features.onBookTop(top(T0 + limit + 500, false));
    assertThat(value(features.vector("BTC", T0 + limit + 1_000), FeatureSchema.PERP_MID))
        .isEqualTo(60_000.5);
  }

  private static BookTop top(long timestamp, boolean stale) {
    return new BookTop(
        "BTC-PERPETUAL",
        "BTC",
        InstrumentKind.PERPETUAL,
        timestamp,
        60_000,
        1_000,
        60_001,
        2_000,
        30_000,
        10_000,
        stale);
  }

  private static double value(FeatureVector vector, String name) {
    return vector.values()[FeatureSchema.indexOf(name)];
  }
}
