package io.gammastraddle.gamma.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.redis.RedisCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureCacheTest {

  @Test
  void writesEveryFeatureWithTimeAndSchemaVersionToTheUnderlyingsHash() {
    FeatureVector vector =
        new FeatureVector(
            "ETH",
            1_700_000_001_000L,
            FeatureSchema.VERSION,
            new double[] {3000.25, 0.0001, -0.2, Double.NaN, 0.55});

    List<RedisCommand> commands = new FeatureCache().serialize(vector);

    assertThat(commands).hasSize(1);
    RedisCommand.HashSet hash = (RedisCommand.HashSet) commands.get(0);
    assertThat(hash.key()).isEqualTo("gsb:features:ETH");
    assertThat(hash.fields())
        .containsEntry("perp_mid", "3000.25")
        .containsEntry("book_imbalance", "-0.2")
        .containsEntry("vwap_dev_1m", "NaN")
        .containsEntry("realized_vol", "0.55")
        .containsEntry("ts", "1700000001000")
        .containsEntry("schema_version", String.valueOf(FeatureSchema.VERSION))
        .hasSize(FeatureSchema.NAMES.size() + 2);
  }
}
