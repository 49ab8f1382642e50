package io.gammastraddle.strategy;

import static io.gammastraddle.strategy.SkipReason.FEATURE_SCHEMA;
import static io.gammastraddle.strategy.SkipReason.LOW_LIQUIDITY;
import static io.gammastraddle.strategy.SkipReason.MAX_OPEN_STRADDLES;
import static io.gammastraddle.strategy.SkipReason.NO_EDGE;
import static io.gammastraddle.strategy.SkipReason.NO_FORECAST;
import static io.gammastraddle.strategy.SkipReason.NO_PREDICTION;
import static io.gammastraddle.strategy.SkipReason.NO_STRADDLE;
import static io.gammastraddle.strategy.SkipReason.STALE_FEATURES;
import static io.gammastraddle.strategy.SkipReason.STALE_STRADDLE;
import static io.gammastraddle.strategy.SkipReason.WIDE_SPREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EntrySignalTest {

  private static final long NOW = 1_740_000_000_000L;
  private static final long EXPIRY = NOW + 7 * 24 * 3_600_000L;

  /** Margin 3 vol points, liquidity at least 2, spread at most 0.06, data at most 10 s old. */
  private static final EntrySignal SIGNAL =
      new EntrySignal(
          new EntryRules(3, 2.0, 0.06, Duration.ofSeconds(10), 1), new VolatilityForecast(0.5));

  private static final PredictedParameters PREDICTION =
      new PredictedParameters("BTC", NOW, 0.05, 0.3, 0.1, false, "v7");

  /**
   * Liquidity 3, spread 0.04, realized vol 70% over the hour and 60% over the day: the forecast is
   * sqrt((0.49 + 0.36) / 2) = sqrt(0.425) = 65.19%.
   */
  private static FeatureVector features(
      long timestamp, double liquidity, double spread, double rv) {
    double[] values = new double[FeatureSchema.NAMES.size()];
    values[FeatureSchema.indexOf(FeatureSchema.LIQUIDITY_SCORE)] = liquidity;
    values[FeatureSchema.indexOf(FeatureSchema.SPREAD)] = spread;
    values[FeatureSchema.indexOf(FeatureSchema.REALIZED_VOL)] = rv;
    values[FeatureSchema.indexOf(FeatureSchema.REALIZED_VOL_24H)] = 0.6;
    return new FeatureVector("BTC", timestamp, FeatureSchema.VERSION, values);
  }

  private static FeatureVector good() {
    return features(NOW, 3.0, 0.04, 0.7);
  }

  /** The 60,000 straddle of a 61,000 forward at the given implied volatility. */
  private static AtmStraddle straddle(long timestamp, double impliedVol) {
    return new AtmStraddle(
        "BTC",
        timestamp,
        EXPIRY,
        60_000,
        "BTC-27JUN25-60000-C",
        "BTC-27JUN25-60000-P",
        61_000,
        impliedVol,
        0.060,
        0.062,
        0.061,
        0.05,
        0.00004,
        95,
        -120,
        2e6,
        40,
        timestamp);
  }

  private static final AtmStraddle AT_60 = straddle(NOW, 0.60);

  @Test
  void entersWhenTheForecastBeatsTheImpliedByTheMarginAndEveryGatePasses() {
    EntryDecision decision = SIGNAL.decide(good(), AT_60, PREDICTION, 0, NOW);

    // edge 65.19 - 60 = 5.19 vol points >= 3
    assertThat(decision.enters()).isTrue();
    assertThat(decision.failures()).isEmpty();
    assertThat(decision.forecastVol()).isCloseTo(0.6519202405, within(1e-10));
    assertThat(decision.impliedVol()).isEqualTo(0.60);
    assertThat(decision.straddle()).isEqualTo(AT_60);
    assertThat(decision.parameters()).isEqualTo(PREDICTION);
    assertThat(decision.underlying()).isEqualTo("BTC");
    assertThat(decision.timestamp()).isEqualTo(NOW);
  }

  @Test
  void skipsWithoutEnoughEdge() {
    // 65.19 - 63 = 2.19 vol points < 3
    EntryDecision decision = SIGNAL.decide(good(), straddle(NOW, 0.63), PREDICTION, 0, NOW);

    assertThat(decision.action()).isEqualTo(EntryDecision.Action.SKIP);
    assertThat(decision.reasons()).containsExactly(NO_EDGE);
    assertThat(decision.failures().get(0).message())
        .isEqualTo(
            "forecast realized vol 65.19 - implied vol 63.00 = 2.19 vol points, margin 3.00");
  }

  @Test
  void skipsWithoutAForecast() {
    EntryDecision decision =
        SIGNAL.decide(features(NOW, 3.0, 0.04, Double.NaN), AT_60, PREDICTION, 0, NOW);

    assertThat(decision.reasons()).containsExactly(NO_FORECAST);
    assertThat(decision.forecastVol()).isNaN();
  }

  @Test
  void skipsOnLowOrUnknownLiquidityAndAcceptsTheMinimum() {
    EntryDecision low = SIGNAL.decide(features(NOW, 1.9, 0.04, 0.7), AT_60, PREDICTION, 0, NOW);

    assertThat(low.reasons()).containsExactly(LOW_LIQUIDITY);
    assertThat(low.failures().get(0).message())
        .isEqualTo("liquidity_score 1.9000 below minimum 2.0000");
    assertThat(
            SIGNAL
                .decide(features(NOW, Double.NaN, 0.04, 0.7), AT_60, PREDICTION, 0, NOW)
                .reasons())
        .containsExactly(LOW_LIQUIDITY);
    assertThat(SIGNAL.decide(features(NOW, 2.0, 0.04, 0.7), AT_60, PREDICTION, 0, NOW).enters())
        .isTrue();
  }

  @Test
  void skipsOnAWideOrUnknownSpreadAndAcceptsTheMaximum() {
    EntryDecision wide = SIGNAL.decide(features(NOW, 3.0, 0.07, 0.7), AT_60, PREDICTION, 0, NOW);

    assertThat(wide.reasons()).containsExactly(WIDE_SPREAD);
    assertThat(wide.failures().get(0).message()).isEqualTo("spread 0.0700 above maximum 0.0600");
    assertThat(
            SIGNAL.decide(features(NOW, 3.0, Double.NaN, 0.7), AT_60, PREDICTION, 0, NOW).reasons())
        .containsExactly(WIDE_SPREAD);
    assertThat(SIGNAL.decide(features(NOW, 3.0, 0.06, 0.7), AT_60, PREDICTION, 0, NOW).enters())
        .isTrue();
  }

  @Test
  void skipsOnAFeatureVectorOlderThanTheMaximumAge() {
    long vectorTime = NOW - 10_001;
    FeatureVector old = features(vectorTime, 3.0, 0.04, 0.7);
    PredictedParameters itsPrediction =
        new PredictedParameters("BTC", vectorTime, 0.05, 0.3, 0.1, false, "v7");

    EntryDecision decision = SIGNAL.decide(old, AT_60, itsPrediction, 0, NOW);

    assertThat(decision.reasons()).containsExactly(STALE_FEATURES);
    assertThat(decision.failures().get(0).message())
        .isEqualTo("feature vector is 10001 ms old, maximum 10000 ms");
    FeatureVector justInTime = features(NOW - 10_000, 3.0, 0.04, 0.7);
    assertThat(
            SIGNAL
                .decide(
                    justInTime,
                    AT_60,
                    new PredictedParameters("BTC", NOW - 10_000, 0.05, 0.3, 0.1, false, "v7"),
                    0,
                    NOW)
                .enters())
        .isTrue();
  }

  @Test
  void skipsWithoutAStraddleOrItsImpliedVolatility() {
    assertThat(SIGNAL.decide(good(), null, PREDICTION, 0, NOW).reasons())
        .containsExactly(NO_STRADDLE);
    EntryDecision noVol = SIGNAL.decide(good(), straddle(NOW, Double.NaN), PREDICTION, 0, NOW);
    assertThat(noVol.reasons()).containsExactly(NO_STRADDLE);
    assertThat(noVol.impliedVol()).isNaN();
  }

  @Test
  void skipsOnAStaleStraddle() {
    EntryDecision decision =
        SIGNAL.decide(good(), straddle(NOW - 20_000, 0.60), PREDICTION, 0, NOW);

    assertThat(decision.reasons()).containsExactly(STALE_STRADDLE);
    assertThat(decision.failures().get(0).message())
        .isEqualTo("ATM straddle is 20000 ms old, maximum 10000 ms");
  }

  @Test
  void skipsAtTheMaximumOfOpenStraddles() {
    EntryDecision decision = SIGNAL.decide(good(), AT_60, PREDICTION, 1, NOW);

    assertThat(decision.reasons()).containsExactly(MAX_OPEN_STRADDLES);
    assertThat(decision.failures().get(0).message())
        .isEqualTo("1 straddles open on BTC, maximum 1");
    EntrySignal twoAllowed =
        new EntrySignal(
            new EntryRules(3, 2.0, 0.06, Duration.ofSeconds(10), 2), new VolatilityForecast(0.5));
    assertThat(twoAllowed.decide(good(), AT_60, PREDICTION, 1, NOW).enters()).isTrue();
  }

  @Test
  void skipsWithoutAPredictionForThisVector() {
    assertThat(SIGNAL.decide(good(), AT_60, null, 0, NOW).reasons()).containsExactly(NO_PREDICTION);
    PredictedParameters previous =
        new PredictedParameters("BTC", NOW - 1_000, 0.05, 0.3, 0.1, false, "v7");
    EntryDecision decision = SIGNAL.decide(good(), AT_60, previous, 0, NOW);
    assertThat(decision.reasons()).containsExactly(NO_PREDICTION);
    assertThat(decision.failures().get(0).message()).contains(Long.toString(NOW - 1_000));
  }

  @Test
  void entersWithTheFallbacksParametersAndSaysSo() {
    PredictedParameters fallback = new PredictedParameters("BTC", NOW, 0.02, 0.2, 0.1, true, null);

    EntryDecision decision = SIGNAL.decide(good(), AT_60, fallback, 0, NOW);

    assertThat(decision.enters()).isTrue();
    assertThat(decision.parameters().fallback()).isTrue();
    assertThat(decision.parameters().modelVersion()).isEmpty();
    assertThat(decision.parameters().size()).isEqualTo(0.02);
  }

  @Test
  void listsEveryFailedGateInOrder() {
    FeatureVector thinAndOld = features(NOW - 60_000, 1.0, 0.2, 0.7);

    EntryDecision decision = SIGNAL.decide(thinAndOld, straddle(NOW, 0.64), null, 1, NOW);

    assertThat(decision.reasons())
        .containsExactly(
            STALE_FEATURES, LOW_LIQUIDITY, WIDE_SPREAD, NO_EDGE, MAX_OPEN_STRADDLES, NO_PREDICTION);
  }

  @Test
  void aVectorOfAnotherSchemaIsNotReadAtAll() {
    FeatureVector older = new FeatureVector("BTC", NOW, FeatureSchema.VERSION - 1, new double[14]);

    EntryDecision decision = SIGNAL.decide(older, AT_60, PREDICTION, 0, NOW);

    assertThat(decision.reasons()).containsExactly(FEATURE_SCHEMA);
    assertThat(decision.forecastVol()).isNaN();
  }

  @Test
  void anotherUnderlyingsStraddleOrPredictionIsACallersBug() {
    PredictedParameters eth = new PredictedParameters("ETH", NOW, 0.05, 0.3, 0.1, false, "v7");

    assertThatThrownBy(() -> SIGNAL.decide(good(), AT_60, eth, 0, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ETH");
    assertThatThrownBy(() -> SIGNAL.decide(good(), AT_60, PREDICTION, -1, NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesImpossibleRules() {
    assertThatThrownBy(() -> new EntryRules(3, 2, 0, Duration.ofSeconds(10), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EntryRules(3, 2, 0.06, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EntryRules(3, 2, 0.06, Duration.ofSeconds(10), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PredictedParameters("BTC", NOW, 0.05, 0.3, 1.0, false, "v7"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
