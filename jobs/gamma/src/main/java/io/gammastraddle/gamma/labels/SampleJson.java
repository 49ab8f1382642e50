package io.gammastraddle.gamma.labels;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gammastraddle.gamma.features.FeatureJson;
import io.gammastraddle.labels.LabelledSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes samples to {@code gsb.samples}, keyed by underlying (docs/ml.md has the format): the entry
 * time, the legs, the features by name (null when unknown) and the outcomes.
 */
public class SampleJson implements KafkaRecordSerializationSchema<LabelledSample> {

  private static final JsonFactory JSON = new JsonFactory();

  private final String topic;

  public SampleJson(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      LabelledSample sample, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic, null, null, sample.underlying().getBytes(StandardCharsets.UTF_8), toJson(sample));
  }

  public static byte[] toJson(LabelledSample sample) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      json.writeStringField("underlying", sample.underlying());
      json.writeNumberField("entry_ts", sample.entryTime());
      json.writeNumberField("end_ts", sample.endTime());
      json.writeStringField("call", sample.call());
      json.writeStringField("put", sample.put());
      json.writeNumberField("schema_version", sample.schemaVersion());
      FeatureJson.writeFeatures(json, sample.features());
      json.writeNumberField("premium_usd", sample.premiumUsd());
      json.writeNumberField("max_favourable", sample.maxFavourable());
      json.writeNumberField("max_adverse", sample.maxAdverse());
      json.writeNumberField("hedged_pnl", sample.hedgedPnl());
      json.writeNumberField("marks", sample.marks());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
