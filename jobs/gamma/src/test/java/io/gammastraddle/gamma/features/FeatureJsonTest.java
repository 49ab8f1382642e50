package io.gammastraddle.gamma.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import org.junit.jupiter.api.Test;

class FeatureJsonTest {

  @Test
  void writesFeatureJsonWithNullForUnknownValues() {
    double[] values = new double[FeatureSchema.NAMES.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = i + 0.5;
    }
    values[FeatureSchema.indexOf(FeatureSchema.MOMENTUM)] = Double.NaN;
    FeatureVector vector = new FeatureVector("BTC", 5_000L, FeatureSchema.VERSION, values);

    assertThat(FeatureJson.toJsonString(vector))
        .isEqualTo(
            "{\"underlying\":\"BTC\",\"ts\":5000,\"schema_version\":2,\"features\":{"
                + "\"basis_pct\":0.5,\"liquidity_score\":1.5,\"vol_pct\":2.5,\"gamma_pct\":3.5,"
                + "\"funding_rate\":4.5,\"price_vwap_dev\":5.5,\"spread\":6.5,"
                + "\"volume_24h\":7.5,\"price_change_24h\":8.5,\"book_imbalance\":9.5,"
                + "\"vwap_dev\":10.5,\"momentum\":null,\"market_impact\":12.5,"
                + "\"realized_vol\":13.5,\"realized_vol_24h\":14.5}}");
  }
}
