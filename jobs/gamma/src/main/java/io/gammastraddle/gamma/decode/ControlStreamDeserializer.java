package io.gammastraddle.gamma.decode;

import io.gammastraddle.gamma.strategy.ControlCommand;
import io.gammastraddle.gamma.strategy.ControlJson;
import io.gammastraddle.gamma.strategy.StrategyInput;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.redis.RedisStreamDeserializer;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * Decodes the entries of the Redis stream {@code gsb:control}, where a dashboard adds operators'
 * commands: field {@value #FIELD} holds the same JSON as a {@code gsb.control} record. A bad entry
 * becomes a dead letter with the reason; its "offset" is the entry id's milliseconds, and the
 * reason names the whole id.
 */
public class ControlStreamDeserializer implements RedisStreamDeserializer<StrategyInput> {

  /** The stream's key. */
  public static final String STREAM = "gsb:control";

  /** The entry's field holding the command. */
  public static final String FIELD = "command";

  @Override
  public void deserialize(
      String streamKey, String entryId, Map<String, String> fields, Collector<StrategyInput> out) {
    String value = fields.getOrDefault(FIELD, "");
    ControlCommand command;
    try {
      if (!fields.containsKey(FIELD)) {
        throw new IllegalArgumentException("the entry has no field '" + FIELD + "'");
      }
      command = ControlJson.read(value);
    } catch (IllegalArgumentException e) {
      long millis = Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
      out.collect(
          StrategyInput.of(
              new DeadLetter(
                  "redis:" + streamKey,
                  0,
                  millis,
                  "entry " + entryId + ": " + e.getMessage(),
                  fields.toString())));
      return;
    }
    out.collect(StrategyInput.of(command));
  }

  @Override
  public TypeInformation<StrategyInput> getProducedType() {
    return TypeInformation.of(StrategyInput.class);
  }
}
