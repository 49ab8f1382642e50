package io.gammastraddle.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import org.junit.jupiter.api.Test;

class VolatilityForecastTest {

  @Test
  void blendsTheVariancesOfTheHourAndTheDay() {
    VolatilityForecast equal = new VolatilityForecast(0.5);
    VolatilityForecast recent = new VolatilityForecast(0.25);

    // sqrt(0.5 x 0.8^2 + 0.5 x 0.4^2) = sqrt(0.32 + 0.08) = sqrt(0.4) = 0.6324555
    assertThat(equal.forecast(0.8, 0.4)).isCloseTo(0.6324555320, within(1e-10));
    // sqrt(0.25 x 0.64 + 0.75 x 0.16) = sqrt(0.16 + 0.12) = sqrt(0.28) = 0.5291503
    assertThat(recent.forecast(0.8, 0.4)).isCloseTo(0.5291502622, within(1e-10));
  }

  @Test
  void theWeightsAtTheirEndsKeepOneHorizon() {
    assertThat(new VolatilityForecast(1).forecast(0.8, 0.4)).isEqualTo(0.8);
    assertThat(new VolatilityForecast(0).forecast(0.8, 0.4)).isEqualTo(0.4);
  }

  @Test
  void readsTheRealizedVolatilitiesOfAFeatureVector() {
    double[] values = new double[FeatureSchema.NAMES.size()];
    values[FeatureSchema.indexOf(FeatureSchema.REALIZED_VOL)] = 0.7;
    values[FeatureSchema.indexOf(FeatureSchema.REALIZED_VOL_24H)] = 0.6;
    FeatureVector features = new FeatureVector("BTC", 0, FeatureSchema.VERSION, values);

    // sqrt((0.49 + 0.36) / 2) = sqrt(0.425) = 0.6519202
    assertThat(new VolatilityForecast(0.5).forecast(features))
        .isCloseTo(0.6519202405, within(1e-10));
  }

  @Test
  void anUnknownVolatilityGivesNoForecast() {
    VolatilityForecast forecast = new VolatilityForecast(0.5);

    assertThat(forecast.forecast(Double.NaN, 0.4)).isNaN();
    assertThat(forecast.forecast(0.8, Double.NaN)).isNaN();
  }

  @Test
  void refusesImpossibleInputs() {
    assertThatThrownBy(() -> new VolatilityForecast(1.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VolatilityForecast(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VolatilityForecast(0.5).forecast(-0.1, 0.4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("realized_vol");
  }
}
