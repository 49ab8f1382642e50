package io.gammastraddle.gamma.labels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.labels.LabelledSample;
import org.junit.jupiter.api.Test;

class SampleJsonTest {

  @Test
  void writesTheEntryTheFeaturesByNameAndTheOutcomes() throws Exception {
    double[] features = new double[FeatureSchema.NAMES.size()];
    features[FeatureSchema.indexOf(FeatureSchema.VOL_PCT)] = 0.75;
    features[FeatureSchema.indexOf(FeatureSchema.MOMENTUM)] = Double.NaN;
    LabelledSample sample =
        new LabelledSample(
            "ETH",
            1_000,
            21_601_000,
            "ETH-9JAN27-3000-C",
            "ETH-9JAN27-3000-P",
            FeatureSchema.VERSION,
            features,
            250.5,
            0.4,
            0.1,
            -0.05,
            21_600);

    JsonNode json = new ObjectMapper().readTree(SampleJson.toJson(sample));

    assertThat(json.get("underlying").asText()).isEqualTo("ETH");
    assertThat(json.get("entry_ts").asLong()).isEqualTo(1_000);
    assertThat(json.get("end_ts").asLong()).isEqualTo(21_601_000);
    assertThat(json.get("call").asText()).isEqualTo("ETH-9JAN27-3000-C");
    assertThat(json.get("schema_version").asInt()).isEqualTo(FeatureSchema.VERSION);
    assertThat(json.get("features").size()).isEqualTo(FeatureSchema.NAMES.size());
    assertThat(json.at("/features/vol_pct").asDouble()).isEqualTo(0.75);
    assertThat(json.at("/features/momentum").isNull()).isTrue();
    assertThat(json.get("premium_usd").asDouble()).isEqualTo(250.5);
    assertThat(json.get("max_favourable").asDouble()).isEqualTo(0.4);
    assertThat(json.get("max_adverse").asDouble()).isEqualTo(0.1);
    assertThat(json.get("hedged_pnl").asDouble()).isEqualTo(-0.05);
    assertThat(json.get("marks").asInt()).isEqualTo(21_600);
  }
}
