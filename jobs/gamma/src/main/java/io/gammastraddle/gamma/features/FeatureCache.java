package io.gammastraddle.gamma.features;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.redis.RedisCommand;
import io.gammastraddle.redis.RedisSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the latest feature vector of each underlying to the hash {@code gsb:features:{underlying}}
 * (DESIGN section 5): one field per feature name, plus {@code ts} (event time, ms) and {@code
 * schema_version}. A value not known yet is {@code NaN}. Writing the same vector twice leaves the
 * same hash, so replays are harmless.
 *
 * <p>Each vector also renews {@code gsb:heartbeat} (DESIGN section 5: the job's liveness): the
 * event time of the latest vector, expiring {@link #HEARTBEAT_TTL_SECONDS} after the last write, so
 * the key disappears when the job, or the feed it depends on, stops.
 */
public class FeatureCache implements RedisSerializer<FeatureVector> {

  public static final String KEY_PREFIX = "gsb:features:";
  public static final String HEARTBEAT_KEY = "gsb:heartbeat";
  public static final long HEARTBEAT_TTL_SECONDS = 30;

  @Override
  public List<RedisCommand> serialize(FeatureVector vector) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < FeatureSchema.NAMES.size(); i++) {
      fields.put(FeatureSchema.NAMES.get(i), Double.toString(vector.values()[i]));
    }
    fields.put("ts", Long.toString(vector.timestamp()));
    fields.put("schema_version", Integer.toString(vector.schemaVersion()));
    return List.of(
        new RedisCommand.HashSet(KEY_PREFIX + vector.underlying(), fields),
        new RedisCommand.SetWithTtl(
            HEARTBEAT_KEY, Long.toString(vector.timestamp()), HEARTBEAT_TTL_SECONDS));
  }
}
