package io.gammastraddle.gamma.strategy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gammastraddle.orders.OrderIntent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes order intents to {@code gsb.orders}, the audit log of every order decision, keyed by
 * label:
 *
 * <pre>{"kind":"PLACE","label":"gsb-BTC-7-c0","instrument":"BTC-27DEC24-60000-C","side":"BUY",
 * "amount":0.5,"price":0.0425,"policy":"POST_ONLY","reduce_only":false,"reason":"...",
 * "ts":1700000000000}</pre>
 *
 * Amount and price are absent for cancels and status checks.
 */
public class OrderJson implements KafkaRecordSerializationSchema<OrderIntent> {

  private static final JsonFactory JSON = new JsonFactory();

  private final String topic;

  public OrderJson(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      OrderIntent intent, KafkaSinkContext context, Long timestamp) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("kind", intent.kind().name());
      json.writeStringField("label", intent.label());
      json.writeStringField("instrument", intent.instrument());
      json.writeStringField("side", intent.side().name());
      if (intent.kind() == OrderIntent.Kind.PLACE) {
        json.writeNumberField("amount", intent.amount());
        json.writeNumberField("price", intent.price());
        json.writeStringField("policy", intent.policy().name());
      }
      json.writeBooleanField("reduce_only", intent.reduceOnly());
      json.writeStringField("reason", intent.reason());
      json.writeNumberField("ts", intent.decidedAt());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ProducerRecord<>(
        topic, null, null, intent.label().getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
  }
}
