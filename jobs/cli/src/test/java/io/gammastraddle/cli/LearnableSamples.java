package io.gammastraddle.cli;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.gamma.labels.SampleJson;
import io.gammastraddle.labels.LabelledSample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * gsb.samples values, as the job writes them, whose outcomes follow from three features, and a way
 * to send them to the topic.
 */
final class LearnableSamples {

  static final long FIVE_MINUTES = 300_000;

  private LearnableSamples() {}

  /** {@code count} samples entered every 5 minutes from {@code firstEntry}, each over 6 hours. */
  static List<String> values(int count, long firstEntry) {
    SplittableRandom random = new SplittableRandom(9);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(value(random, firstEntry + i * FIVE_MINUTES, FeatureSchema.VERSION));
    }
    return values;
  }

  static String value(SplittableRandom random, long entry, int schemaVersion) {
    double[] features = new double[FeatureSchema.NAMES.size()];
    for (int j = 0; j < features.length; j++) {
      features[j] = random.nextGaussian();
    }
    double favourable = 0.1 + 0.4 / (1 + Math.exp(-2 * features[0]));
    double adverse = 0.05 + 0.15 / (1 + Math.exp(-2 * features[1]));
    double pnl = 2 * adverse / (1 + Math.exp(-3 * features[2]));
    LabelledSample sample =
        new LabelledSample(
            "BTC",
            entry,
            entry + 6 * 3_600_000L,
            "C",
            "P",
            schemaVersion,
            features,
            1_000,
            favourable,
            adverse,
            pnl,
            100);
    return new String(SampleJson.toJson(sample), StandardCharsets.UTF_8);
  }

  /** Sends the values to {@code topic} of the broker, keyed by their underlying, BTC. */
  static void produce(String bootstrap, String topic, List<String> values) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, "BTC", value));
      }
      producer.flush();
    }
  }
}
