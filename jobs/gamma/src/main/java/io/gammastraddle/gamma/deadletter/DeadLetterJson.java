package io.gammastraddle.gamma.deadletter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gammastraddle.market.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes dead letters to {@code gsb.dlq}, keyed by source topic:
 *
 * <pre>{"source":"deribit.market.raw","partition":0,"offset":17,"reason":"...","payload":"..."}
 * </pre>
 *
 * The broker stamps the record's time: a dead letter has no trustworthy event time of its own.
 */
public class DeadLetterJson implements KafkaRecordSerializationSchema<DeadLetter> {

  private static final JsonFactory JSON = new JsonFactory();

  private final String topic;

  public DeadLetterJson(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("source", letter.source());
      json.writeNumberField("partition", letter.partition());
      json.writeNumberField("offset", letter.offset());
      json.writeStringField("reason", letter.reason());
      json.writeStringField("payload", letter.payload());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ProducerRecord<>(
        topic, null, null, letter.source().getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
  }
}
