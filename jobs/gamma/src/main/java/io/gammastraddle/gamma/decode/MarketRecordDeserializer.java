package io.gammastraddle.gamma.decode;

import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.market.MarketDecoder;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.MarketEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes {@code deribit.market.raw} records inside the Kafka source.
 *
 * <p>Decoding here rather than in a downstream operator lets the source assign event time from
 * Deribit's own timestamps and track watermarks per Kafka partition. A record that cannot be
 * decoded becomes a {@link DeadLetter} carrying its topic, partition, offset and the reason, so it
 * is never dropped and never stops the job.
 */
public class MarketRecordDeserializer implements KafkaRecordDeserializationSchema<MarketEvent> {

  private transient MarketDecoder decoder;

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    decoder = new MarketDecoder();
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<MarketEvent> out) {
    if (decoder == null) {
      decoder = new MarketDecoder();
    }
    String value =
        record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    if (value == null || value.isEmpty()) {
      out.collect(MarketEvent.of(deadLetter(record, "empty value", "")));
      return;
    }
    try {
      decoder.decode(value, out::collect);
    } catch (MalformedMessageException e) {
      out.collect(MarketEvent.of(deadLetter(record, e.getMessage(), value)));
    }
  }

  private static DeadLetter deadLetter(
      ConsumerRecord<byte[], byte[]> record, String reason, String payload) {
    return new DeadLetter(record.topic(), record.partition(), record.offset(), reason, payload);
  }

  @Override
  public TypeInformation<MarketEvent> getProducedType() {
    return TypeInformation.of(MarketEvent.class);
  }
}
