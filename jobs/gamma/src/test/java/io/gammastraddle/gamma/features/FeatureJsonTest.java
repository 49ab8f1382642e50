package io.gammastraddle.gamma.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.features.FeatureVector;
import org.junit.jupiter.api.Test;

class FeatureJsonTest {

  @Test
  void writesFeatureJsonWithNullForUnknownValues() {
    FeatureVector vector =
        new FeatureVector("BTC", 5_000L, 1, new double[] {100.5, 0.01, 0.5, Double.NaN, 0.6});

    assertThat(FeatureJson.toJsonString(vector))
        .isEqualTo(
            "{\"underlying\":\"BTC\",\"ts\":5000,\"schema_version\":1,\"features\":{"
                + "\"perp_mid\":100.5,\"perp_spread\":0.01,\"book_imbalance\":0.5,"
                + "\"vwap_dev_1m\":null,\"realized_vol\":0.6}}");
  }
}
