package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.registry.FileRegistry;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.registry.ModelTopic;
import io.gammastraddle.training.fit.Hyperparameters;
import io.gammastraddle.training.schedule.ChosenHyperparameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gsb trainer --once} against a real Kafka broker, with real LightGBM. */
class TrainerCommandIT {

  private static final int SAMPLES = 1_100;

  @TempDir Path directory;

  @Test
  void trainsOnTheSamplesTopicAndPublishesTheBundleAsCurrent() throws Exception {
    try (EmbeddedServices services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree())) {
      GammaConfig config =
          GammaConfig.defaultConfig()
              .withServers(services.kafkaBootstrap(), services.redisHost(), services.redisPort());
      services.createTopics(config.topicPartitions(1), config.topicConfigs());
      long firstEntry = System.currentTimeMillis() - Duration.ofDays(5).toMillis();
      List<String> values = new ArrayList<>(LearnableSamples.values(SAMPLES, firstEntry));
      values.add(values.get(7)); // a replayed sample
      values.add(LearnableSamples.value(new SplittableRandom(1), firstEntry, 1)); // old schema
      values.add("{\"underlying\":\"BTC\""); // malformed
      LearnableSamples.produce(services.kafkaBootstrap(), config.samplesTopic(), values);
      Path registry = directory.resolve("registry");
      Path data = directory.resolve("trainer");
      // hyperparameters an operator (or an earlier search) chose: faster than the defaults
      Hyperparameters fast = new Hyperparameters(300, 0.1, 4, 15, 1, 1, 1);
      new ChosenHyperparameters(fast, System.currentTimeMillis(), 0, null).save(registry);

      String out =
          run(
              "trainer",
              "--once",
              "--set",
              "kafka.bootstrap=" + services.kafkaBootstrap(),
              "--data",
              data.toString(),
              "--registry",
              registry.toString());

      assertThat(out)
          .contains("ADDED=" + SAMPLES, "DUPLICATE=1", "OTHER_SCHEMA=1", "1 malformed")
          .contains("published", "as current");
      ModelBundle published = currentBundle(services, config.modelsTopic());
      FileRegistry models = new FileRegistry(registry);
      assertThat(models.list())
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.version()).isEqualTo(published.version());
                assertThat(entry.status()).isEqualTo(FileRegistry.Status.PROMOTED);
              });
      assertThat(published.schemaVersion()).isEqualTo(FeatureSchema.VERSION);
      published.load();
      Path report = registry.resolve("reports").resolve(published.version()).resolve("report.json");
      assertThat(new ObjectMapper().readTree(report.toFile()).get("hyperparameters"))
          .isEqualTo(
              new ObjectMapper()
                  .readTree(
                      "{\"rounds\":300,\"learning_rate\":0.1,"
                          + "\"max_depth\":4,\"num_leaves\":15,\"min_child_weight\":1.0,"
                          + "\"feature_fraction\":1.0,\"bagging_fraction\":1.0}"));
      try (var files = Files.list(data)) {
        assertThat(files.count()).isGreaterThan(50); // an hour file per 12 samples
      }
      assertThat(committedOffset(services, config)).isEqualTo(values.size());
    }
  }

  private static String run(String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandLine commandLine = Gsb.commandLine();
      commandLine.setErr(new PrintWriter(err));
      assertThat(commandLine.execute(args)).as(err.toString()).isZero();
    } finally {
      System.setOut(stdout);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static ModelBundle currentBundle(EmbeddedServices services, String topic) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.stream().noneMatch(r -> r.key().equals(ModelTopic.CURRENT))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      return records.stream()
          .filter(r -> r.key().equals(ModelTopic.CURRENT))
          .map(r -> ModelTopic.decode(r.value()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no bundle under key current: " + records));
    }
  }

  private static long committedOffset(EmbeddedServices services, GammaConfig config) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup() + "-trainer");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      TopicPartition partition = new TopicPartition(config.samplesTopic(), 0);
      OffsetAndMetadata committed = consumer.committed(Set.of(partition)).get(partition);
      return committed == null ? -1 : committed.offset();
    }
  }
}
