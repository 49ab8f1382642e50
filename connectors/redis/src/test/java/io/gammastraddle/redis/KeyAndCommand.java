package io.gammastraddle.redis;

import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * The tests' deserializer: "{key} {command}" for each entry, so values of different streams stay
 * apart; an entry without a {@code command} field becomes a dead letter naming its id.
 */
final class KeyAndCommand implements RedisStreamDeserializer<String> {

  @Override
  public void deserialize(
      String streamKey, String entryId, Map<String, String> fields, Collector<String> out) {
    String command = fields.get("command");
    out.collect(streamKey + " " + (command == null ? "dead-letter " + entryId : command));
  }

  @Override
  public TypeInformation<String> getProducedType() {
    return Types.STRING;
  }
}
