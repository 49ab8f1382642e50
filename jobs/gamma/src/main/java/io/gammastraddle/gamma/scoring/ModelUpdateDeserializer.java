package io.gammastraddle.gamma.scoring;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code gsb.models} records as {@link ModelUpdate}s, leaving the checks to the scoring
 * operator, which explains a refusal in an alert: a missing key becomes an empty role, a missing
 * value (a tombstone) an empty bundle.
 */
public class ModelUpdateDeserializer implements KafkaRecordDeserializationSchema<ModelUpdate> {

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ModelUpdate> out) {
    out.collect(
        new ModelUpdate(
            record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8),
            record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8)));
  }

  @Override
  public TypeInformation<ModelUpdate> getProducedType() {
    return TypeInformation.of(ModelUpdate.class);
  }
}
