package io.gammastraddle.gamma.decode;

import io.gammastraddle.gamma.strategy.ControlCommand;
import io.gammastraddle.gamma.strategy.ControlJson;
import io.gammastraddle.gamma.strategy.StrategyInput;
import io.gammastraddle.market.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes {@code gsb.control} records; a bad one becomes a dead letter with the reason. */
public class ControlRecordDeserializer implements KafkaRecordDeserializationSchema<StrategyInput> {

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<StrategyInput> out) {
    String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    ControlCommand command;
    try {
      command = ControlJson.read(value);
    } catch (IllegalArgumentException e) {
      out.collect(
          StrategyInput.of(
              new DeadLetter(
                  record.topic(), record.partition(), record.offset(), e.getMessage(), value)));
      return;
    }
    out.collect(StrategyInput.of(command));
  }

  @Override
  public TypeInformation<StrategyInput> getProducedType() {
    return TypeInformation.of(StrategyInput.class);
  }
}
