package io.gammastraddle.gamma.scoring;

import io.gammastraddle.redis.RedisCommand;
import io.gammastraddle.redis.RedisSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the latest prediction of each underlying to the hash {@code gsb:prediction:{underlying}}
 * (DESIGN section 5): {@code size}, {@code take_profit}, {@code stop_loss}, {@code model_version},
 * {@code fallback} ({@code true}/{@code false}), {@code reason} (empty unless the fallback) and
 * {@code ts}, plus {@code position_scale} and, when known, the model's rolling {@code mae_*} and
 * {@code r2_*}. Idempotent, like every hash write.
 */
public class PredictionCache implements RedisSerializer<PredictionEvent> {

  public static final String KEY_PREFIX = "gsb:prediction:";

  @Override
  public List<RedisCommand> serialize(PredictionEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("size", Double.toString(event.size()));
    fields.put("take_profit", Double.toString(event.takeProfit()));
    fields.put("stop_loss", Double.toString(event.stopLoss()));
    fields.put("model_version", event.modelVersion());
    fields.put("fallback", Boolean.toString(event.fallback()));
    fields.put("reason", event.reason());
    fields.put("position_scale", Double.toString(event.positionScale()));
    fields.put("ts", Long.toString(event.timestamp()));
    ModelHealth health = event.health();
    if (health != null) {
      fields.put("health_samples", Integer.toString(health.samples()));
      for (int i = 0; i < ModelHealth.TARGETS.length; i++) {
        fields.put("mae_" + ModelHealth.TARGETS[i], Double.toString(health.mae()[i]));
        fields.put("r2_" + ModelHealth.TARGETS[i], Double.toString(health.r2()[i]));
      }
    }
    return List.of(new RedisCommand.HashSet(KEY_PREFIX + event.underlying(), fields));
  }
}
