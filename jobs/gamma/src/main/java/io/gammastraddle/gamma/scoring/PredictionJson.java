package io.gammastraddle.gamma.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gammastraddle.scoring.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes predictions to {@code gsb.predictions}, keyed by underlying (docs/ml.md has an example):
 * the parameters, their source and the reason for a fallback, the confidence scale, the scoring
 * latency, the model's health on the latest resolved samples and the shadow model's prediction. A
 * figure not known yet (an R² without samples) is {@code null}.
 */
public class PredictionJson implements KafkaRecordSerializationSchema<PredictionEvent> {

  private static final JsonFactory JSON = new JsonFactory();

  private final String topic;

  public PredictionJson(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      PredictionEvent event, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic, null, null, event.underlying().getBytes(StandardCharsets.UTF_8), toJson(event));
  }

  public static byte[] toJson(PredictionEvent event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("underlying", event.underlying());
      json.writeNumberField("ts", event.timestamp());
      json.writeNumberField("size", event.size());
      json.writeNumberField("take_profit", event.takeProfit());
      json.writeNumberField("stop_loss", event.stopLoss());
      json.writeNumberField("model_size", event.modelSize());
      json.writeNumberField("position_scale", event.positionScale());
      json.writeStringField("model_version", event.modelVersion());
      json.writeBooleanField("fallback", event.fallback());
      json.writeStringField("reason", event.reason());
      json.writeNumberField("clipped", event.clipped());
      json.writeNumberField("latency_us", event.latencyNanos() / 1e3);
      writeHealth(json, "health", event.health());
      if (event.shadow() != null) {
        Prediction shadow = event.shadow();
        json.writeObjectFieldStart("shadow");
        json.writeStringField("model_version", shadow.modelVersion());
        json.writeNumberField("size", shadow.size());
        json.writeNumberField("take_profit", shadow.takeProfit());
        json.writeNumberField("stop_loss", shadow.stopLoss());
        json.writeBooleanField("fallback", shadow.fallback());
        json.writeStringField("reason", shadow.reason());
        json.writeEndObject();
      }
      writeHealth(json, "shadow_health", event.shadowHealth());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeHealth(JsonGenerator json, String name, ModelHealth health)
      throws IOException {
    if (health == null) {
      return;
    }
    json.writeObjectFieldStart(name);
    json.writeStringField("model_version", health.version());
    json.writeNumberField("samples", health.samples());
    json.writeBooleanField("full", health.full());
    writeByTarget(json, "mae", health.mae());
    writeByTarget(json, "r2", health.r2());
    writeByTarget(json, "fallback_mae", health.fallbackMae());
    json.writeEndObject();
  }

  private static void writeByTarget(JsonGenerator json, String name, double[] values)
      throws IOException {
    json.writeObjectFieldStart(name);
    for (int i = 0; i < values.length; i++) {
      json.writeFieldName(ModelHealth.TARGETS[i]);
      if (Double.isFinite(values[i])) {
        json.writeNumber(values[i]);
      } else {
        json.writeNull();
      }
    }
    json.writeEndObject();
  }
}
