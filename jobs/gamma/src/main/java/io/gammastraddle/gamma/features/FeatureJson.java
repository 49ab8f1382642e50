package io.gammastraddle.gamma.features;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes feature vectors to {@code gsb.features}, keyed by underlying:
 *
 * <pre>{"underlying":"BTC","ts":1700000000000,"schema_version":2,"features":{"basis_pct":...}}
 * </pre>
 *
 * A value not known yet is written as {@code null}, since JSON has no NaN. The broker stamps the
 * record's time, so retention works the same for live data and for replays of old recordings.
 */
public class FeatureJson implements KafkaRecordSerializationSchema<FeatureVector> {

  private static final JsonFactory JSON = new JsonFactory();

  private final String topic;

  public FeatureJson(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      FeatureVector vector, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic, null, null, vector.underlying().getBytes(StandardCharsets.UTF_8), toJson(vector));
  }

  public static byte[] toJson(FeatureVector vector) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("underlying", vector.underlying());
      json.writeNumberField("ts", vector.timestamp());
      json.writeNumberField("schema_version", vector.schemaVersion());
      writeFeatures(json, vector.values());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Writes {@code "features":{name:value,...}} in schema order, an unknown value as {@code null};
   * the samples of {@code gsb.samples} carry their features the same way.
   */
  public static void writeFeatures(JsonGenerator json, double[] values) throws IOException {
    json.writeObjectFieldStart("features");
    for (int i = 0; i < values.length; i++) {
      json.writeFieldName(FeatureSchema.NAMES.get(i));
      if (Double.isFinite(values[i])) {
        json.writeNumber(values[i]);
      } else {
        json.writeNull();
      }
    }
    json.writeEndObject();
  }

  /** For logs and tests. */
  public static String toJsonString(FeatureVector vector) {
    return new String(toJson(vector), StandardCharsets.UTF_8);
  }
}
