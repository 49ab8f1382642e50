package io.gammastraddle.gamma.scoring;

import io.gammastraddle.redis.RedisCommand;
import io.gammastraddle.redis.RedisSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the bundle the job trades with to the hash {@code gsb:model:current} (DESIGN section 5):
 * {@code version}, {@code trained_at} (its creation, epoch ms), {@code expires_at}, the training
 * window ({@code trained_from}, {@code trained_to}) and its out-of-sample metrics by name.
 */
public class ModelCache implements RedisSerializer<ModelStatus> {

  public static final String KEY = "gsb:model:current";

  @Override
  public List<RedisCommand> serialize(ModelStatus status) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("version", status.version());
    fields.put("trained_at", Long.toString(status.createdAt()));
    fields.put("expires_at", Long.toString(status.expiresAt()));
    fields.put("trained_from", Long.toString(status.trainedFrom()));
    fields.put("trained_to", Long.toString(status.trainedTo()));
    for (int i = 0; i < status.metricNames().length; i++) {
      fields.put(status.metricNames()[i], Double.toString(status.metricValues()[i]));
    }
    return List.of(new RedisCommand.HashSet(KEY, fields));
  }
}
