package io.gammastraddle.gamma.alerts;

import io.gammastraddle.redis.RedisCommand;
import io.gammastraddle.redis.RedisSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends alerts to the stream {@code gsb:alerts} (DESIGN section 5), capped at about {@link
 * #MAX_ENTRIES}. Redis assigns the ids: alerts come from several parallel tasks, so no id the job
 * could choose grows across all of them; a replay after a failure may repeat an alert here, while
 * {@code gsb.alerts} in Kafka stays the record.
 */
public class AlertCache implements RedisSerializer<Alert> {

  public static final String KEY = "gsb:alerts";
  public static final long MAX_ENTRIES = 10_000;

  @Override
  public List<RedisCommand> serialize(Alert alert) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("type", alert.type());
    fields.put("subject", alert.subject());
    fields.put("ts", Long.toString(alert.timestamp()));
    fields.put("message", alert.message());
    return List.of(new RedisCommand.StreamAdd(KEY, MAX_ENTRIES, fields));
  }
}
