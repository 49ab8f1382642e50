package io.gammastraddle.strategy;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether to buy the at-the-money straddle (issue 7, "Signal"): enter when the forecast
 * realized volatility exceeds the straddle's implied volatility by {@link
 * EntryRules#minEdgeVolPoints} and every gate passes:
 *
 * <ol>
 *   <li>the feature vector has this build's schema ({@link SkipReason#FEATURE_SCHEMA}; when it
 *       fails, no other gate is read) and is at most {@code maxDataAge} old;
 *   <li>{@code liquidity_score} at least the minimum, {@code spread} at most the maximum;
 *   <li>an ATM straddle with an implied volatility, at most {@code maxDataAge} old;
 *   <li>a forecast, and the edge over the implied volatility;
 *   <li>fewer than {@code maxOpenStraddles} straddles open on the underlying;
 *   <li>a prediction made for this feature vector: it gives the size, take-profit and stop-loss.
 * </ol>
 *
 * <p>Every gate is checked, so a skip lists all that failed. Stateless: the caller supplies the
 * latest vector, straddle and prediction of one underlying and its count of open straddles.
 */
public record EntrySignal(EntryRules rules, VolatilityForecast forecast) {

  public EntrySignal {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(forecast, "forecast");
  }

  /**
   * The decision at {@code now} for {@code features}' underlying.
   *
   * @param straddle the latest ATM straddle, or null if there is none
   * @param prediction the latest prediction, or null if there is none
   * @param openStraddles straddles of this underlying held or being entered
   * @throws IllegalArgumentException if the straddle or prediction is of another underlying, or
   *     {@code openStraddles} is negative (a caller's bug, not a market condition)
   */
  public EntryDecision decide(
      FeatureVector features,
      AtmStraddle straddle,
      PredictedParameters prediction,
      int openStraddles,
      long now) {
    String underlying = features.underlying();
    requireSameUnderlying(underlying, straddle == null ? null : straddle.underlying(), "straddle");
    requireSameUnderlying(
        underlying, prediction == null ? null : prediction.underlying(), "prediction");
    if (openStraddles < 0) {
      throw new IllegalArgumentException("open straddles cannot be negative: " + openStraddles);
    }
    double impliedVol = straddle == null ? Double.NaN : straddle.impliedVol();
    List<GateFailure> failures = new ArrayList<>();
    if (features.schemaVersion() != FeatureSchema.VERSION
        || features.values().length != FeatureSchema.NAMES.size()) {
      failures.add(
          failure(
              SkipReason.FEATURE_SCHEMA,
              "feature vector of schema %d with %d values, this build reads schema %d",
              features.schemaVersion(),
              features.values().length,
              FeatureSchema.VERSION));
      return skip(features, now, Double.NaN, impliedVol, straddle, prediction, failures);
    }
    double forecastVol = forecast.forecast(features);
    checkAge(failures, SkipReason.STALE_FEATURES, "feature vector", features.timestamp(), now);
    checkMarket(failures, features);
    checkStraddle(failures, straddle, now);
    checkEdge(failures, forecastVol, impliedVol);
    if (openStraddles >= rules.maxOpenStraddles()) {
      failures.add(
          failure(
              SkipReason.MAX_OPEN_STRADDLES,
              "%d straddles open on %s, maximum %d",
              openStraddles,
              underlying,
              rules.maxOpenStraddles()));
    }
    checkPrediction(failures, prediction, features.timestamp());
    if (!failures.isEmpty()) {
      return skip(features, now, forecastVol, impliedVol, straddle, prediction, failures);
    }
    return new EntryDecision(
        underlying,
        now,
        EntryDecision.Action.ENTER,
        forecastVol,
        impliedVol,
        straddle,
        prediction,
        List.of());
  }

  private void checkAge(
      List<GateFailure> failures, SkipReason reason, String what, long timestamp, long now) {
    long age = now - timestamp;
    if (age > rules.maxDataAge().toMillis()) {
      failures.add(
          failure(
              reason, "%s is %d ms old, maximum %d ms", what, age, rules.maxDataAge().toMillis()));
    }
  }

  private void checkMarket(List<GateFailure> failures, FeatureVector features) {
    double liquidity = features.value(FeatureSchema.LIQUIDITY_SCORE);
    if (!(liquidity >= rules.minLiquidityScore())) {
      failures.add(
          failure(
              SkipReason.LOW_LIQUIDITY,
              "liquidity_score %.4f below minimum %.4f",
              liquidity,
              rules.minLiquidityScore()));
    }
    double spread = features.value(FeatureSchema.SPREAD);
    if (!(spread <= rules.maxSpread())) {
      failures.add(
          failure(
              SkipReason.WIDE_SPREAD, "spread %.4f above maximum %.4f", spread, rules.maxSpread()));
    }
  }

  private void checkStraddle(List<GateFailure> failures, AtmStraddle straddle, long now) {
    if (straddle == null) {
      failures.add(failure(SkipReason.NO_STRADDLE, "no ATM straddle"));
      return;
    }
    if (!(straddle.impliedVol() > 0 && straddle.impliedVol() < Double.POSITIVE_INFINITY)) {
      failures.add(
          failure(
              SkipReason.NO_STRADDLE,
              "ATM straddle %s/%s has no implied volatility (%f)",
              straddle.call(),
              straddle.put(),
              straddle.impliedVol()));
    }
    checkAge(failures, SkipReason.STALE_STRADDLE, "ATM straddle", straddle.timestamp(), now);
  }

  private void checkEdge(List<GateFailure> failures, double forecastVol, double impliedVol) {
    if (Double.isNaN(forecastVol)) {
      failures.add(failure(SkipReason.NO_FORECAST, "realized_vol or realized_vol_24h unknown"));
      return;
    }
    if (!(impliedVol > 0 && impliedVol < Double.POSITIVE_INFINITY)) {
      return;
    }
    double edge = forecastVol - impliedVol;
    if (!(edge >= rules.minEdge())) {
      failures.add(
          failure(
              SkipReason.NO_EDGE,
              "forecast realized vol %.2f - implied vol %.2f = %.2f vol points, margin %.2f",
              forecastVol * 100,
              impliedVol * 100,
              edge * 100,
              rules.minEdgeVolPoints()));
    }
  }

  private void checkPrediction(
      List<GateFailure> failures, PredictedParameters prediction, long vectorTimestamp) {
    if (prediction == null) {
      failures.add(failure(SkipReason.NO_PREDICTION, "no prediction"));
    } else if (prediction.timestamp() != vectorTimestamp) {
      failures.add(
          failure(
              SkipReason.NO_PREDICTION,
              "latest prediction is for the vector at %d, not this one at %d",
              prediction.timestamp(),
              vectorTimestamp));
    }
  }

  private static EntryDecision skip(
      FeatureVector features,
      long now,
      double forecastVol,
      double impliedVol,
      AtmStraddle straddle,
      PredictedParameters prediction,
      List<GateFailure> failures) {
    return new EntryDecision(
        features.underlying(),
        now,
        EntryDecision.Action.SKIP,
        forecastVol,
        impliedVol,
        straddle,
        prediction,
        failures);
  }

  private static GateFailure failure(SkipReason reason, String format, Object... arguments) {
    return new GateFailure(reason, String.format(Locale.ROOT, format, arguments));
  }

  private static void requireSameUnderlying(String underlying, String other, String what) {
    if (other != null && !other.equals(underlying)) {
      throw new IllegalArgumentException(
          what + " of " + other + " given for a decision on " + underlying);
    }
  }
}
