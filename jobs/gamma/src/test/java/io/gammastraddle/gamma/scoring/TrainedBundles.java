package io.gammastraddle.gamma.scoring;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.registry.ModelTopic;
import io.gammastraddle.training.Trainer;
import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.fit.Hyperparameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Real bundles for scoring tests, made by the project's trainer (lightgbm4j) on samples whose
 * outcomes follow the first three features; features are standard normal, shifted by {@code shift}.
 * {@link #publish} sends them to the job's models topic as the trainer does.
 */
public final class TrainedBundles {

  static final long HOUR = 3_600_000;
  static final Hyperparameters SMALL = new Hyperparameters(60, 0.1, 4, 15, 1, 1, 1);

  private TrainedBundles() {}

  static double[] vector(SplittableRandom random, double shift) {
    double[] values = new double[FeatureSchema.NAMES.size()];
    for (int j = 0; j < values.length; j++) {
      values[j] = shift + gaussian(random);
    }
    return values;
  }

  /** A resolved sample: the learnable outcomes of {@code features}, or their mirror image. */
  static LabelledSample sample(String underlying, long entry, double[] features, boolean mirrored) {
    double sign = mirrored ? -1 : 1;
    return new LabelledSample(
        underlying,
        entry,
        entry + 6 * HOUR,
        "C",
        "P",
        FeatureSchema.VERSION,
        features,
        1000,
        0.3 + sign * 0.15 * Math.tanh(features[0]),
        0.12 + sign * 0.06 * Math.tanh(features[1]),
        sign * 0.1 * features[2],
        72);
  }

  /** A bundle trained on {@code count} samples at {@code now} (which names its version). */
  public static ModelBundle train(long now, int count, long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    List<TrainingSample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LabelledSample sample = sample("BTC", i * 300_000L, vector(random, 0), false);
      samples.add(
          new TrainingSample(
              sample.underlying(),
              sample.entryTime(),
              sample.endTime(),
              sample.features(),
              sample.maxFavourable(),
              sample.maxAdverse(),
              sample.hedgedPnl()));
    }
    return new Trainer(Trainer.Settings.defaults())
        .train(samples, FeatureSchema.NAMES, FeatureSchema.VERSION, SMALL, now, Optional.empty())
        .bundle();
  }

  /** Publishes {@code bundles} to the job's models topic as the current model, in order. */
  public static void publish(GammaConfig config, List<ModelBundle> bundles) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ModelTopic.MAX_MESSAGE_BYTES);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
      for (ModelBundle bundle : bundles) {
        producer.send(
            new ProducerRecord<>(
                config.modelsTopic(), ModelTopic.CURRENT, ModelTopic.encode(bundle)));
      }
      producer.flush();
    }
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
