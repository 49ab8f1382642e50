package io.gammastraddle.gamma.alerts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes alerts to {@code gsb.alerts}, keyed by type:
 *
 * <pre>{"type":"model_fallback","subject":"BTC","ts":1700000000000,"message":"..."}</pre>
 */
public class AlertJson implements KafkaRecordSerializationSchema<Alert> {

  private static final JsonFactory JSON = new JsonFactory();

  private final String topic;

  public AlertJson(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Alert alert, KafkaSinkContext context, Long timestamp) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("type", alert.type());
      json.writeStringField("subject", alert.subject());
      json.writeNumberField("ts", alert.timestamp());
      json.writeStringField("message", alert.message());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ProducerRecord<>(
        topic, null, null, alert.type().getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
  }
}
