package io.gammastraddle.strategy;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;

/**
 * The realized volatility the entry signal expects over the straddle's life, from the two realized
 * volatilities of the feature vector ({@code realized_vol}: the last hour; {@code
 * realized_vol_24h}: the last day; both annualized fractions of 1-minute index returns,
 * docs/features.md):
 *
 * <pre>
 * forecast = sqrt(w x realized_vol^2 + (1 - w) x realized_vol_24h^2)
 * </pre>
 *
 * <p>Why this estimator: volatility clusters, so the last hour says most about the next few, but it
 * reverts toward its longer level, which the day measures with 24 times the returns and much less
 * noise. Weighing a short and a long horizon is the idea of Corsi's HAR model (J. Financial
 * Econometrics 7(2), 2009), reduced to the two horizons the features have. The variances are
 * blended, not the volatilities, because variances add over time: with equal weights an hour at 80%
 * and a day at 40% forecast sqrt((0.64 + 0.16) / 2) = 63%, not 60%.
 *
 * @param recentWeight w, the weight of the last hour's variance, within [0, 1]
 */
public record VolatilityForecast(double recentWeight) {

  public VolatilityForecast {
    if (!(recentWeight >= 0 && recentWeight <= 1)) {
      throw new IllegalArgumentException("recent weight must be within [0, 1]: " + recentWeight);
    }
  }

  /**
   * The forecast from the two realized volatilities (annualized fractions); NaN when either is
   * unknown (NaN).
   *
   * @throws IllegalArgumentException if a volatility is negative or infinite
   */
  public double forecast(double realizedVol1h, double realizedVol24h) {
    requireVolatility(realizedVol1h, "realized_vol");
    requireVolatility(realizedVol24h, "realized_vol_24h");
    return Math.sqrt(
        recentWeight * realizedVol1h * realizedVol1h
            + (1 - recentWeight) * realizedVol24h * realizedVol24h);
  }

  /** The forecast from {@code features}' {@code realized_vol} and {@code realized_vol_24h}. */
  public double forecast(FeatureVector features) {
    return forecast(
        features.value(FeatureSchema.REALIZED_VOL), features.value(FeatureSchema.REALIZED_VOL_24H));
  }

  private static void requireVolatility(double volatility, String name) {
    if (volatility < 0 || volatility == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite: " + volatility);
    }
  }
}
