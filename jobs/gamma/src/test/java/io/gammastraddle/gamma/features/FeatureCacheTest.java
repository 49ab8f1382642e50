package io.gammastraddle.gamma.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.redis.RedisCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureCacheTest {

  /** A vector whose i-th value is i + 0.5, except realized_vol, which is not known yet. */
  private static FeatureVector vector() {
    double[] values = new double[FeatureSchema.NAMES.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = i + 0.5;
    }
    values[FeatureSchema.indexOf(FeatureSchema.REALIZED_VOL)] = Double.NaN;
    return new FeatureVector("ETH", 1_700_000_001_000L, FeatureSchema.VERSION, values);
  }

  @Test
  void writesEveryFeatureWithTimeAndSchemaVersionToTheUnderlyingsHash() {
    List<RedisCommand> commands = new FeatureCache().serialize(vector());

    assertThat(commands.get(0)).isInstanceOf(RedisCommand.HashSet.class);
    RedisCommand.HashSet hash = (RedisCommand.HashSet) commands.get(0);
    assertThat(hash.key()).isEqualTo("gsb:features:ETH");
    List<String> fields = new ArrayList<>(FeatureSchema.NAMES);
    fields.add("ts");
    fields.add("schema_version");
    assertThat(hash.fields().keySet()).containsExactlyElementsOf(fields);
    assertThat(hash.fields())
        .containsEntry("basis_pct", "0.5")
        .containsEntry("book_imbalance", "9.5")
        .containsEntry("realized_vol", "NaN")
        .containsEntry("realized_vol_24h", "14.5")
        .containsEntry("ts", "1700000001000")
        .containsEntry("schema_version", "2");
  }

  @Test
  void renewsTheHeartbeatWithTheVectorsEventTime() {
    List<RedisCommand> commands = new FeatureCache().serialize(vector());

    assertThat(commands)
        .hasSize(2)
        .element(1)
        .isEqualTo(new RedisCommand.SetWithTtl("gsb:heartbeat", "1700000001000", 30));
  }
}
