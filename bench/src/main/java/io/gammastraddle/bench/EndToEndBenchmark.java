package io.gammastraddle.bench;

import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.gamma.GammaJob;
import io.gammastraddle.gamma.KafkaEndpoints;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.features.FeatureJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end throughput (DESIGN section 12): N simulated Deribit messages are produced to a real
 * Kafka broker, then the real job reads them all (bounded source) and writes features to Kafka and
 * Redis; the time is from submission until the job has finished, so every feature reached its
 * sinks. In the same run a plain single-thread loop does the same decode, book and feature work on
 * the same messages. The job's features are read back from Kafka and must equal the loop's.
 */
public final class EndToEndBenchmark {

  private static final int MARKET_PARTITIONS = 4;

  private final int messages;
  private final long seed;
  private final int parallelism;
  private final String stateBackend;

  /**
   * @param stateBackend Flink's {@code state.backend.type}: {@code hashmap} or {@code rocksdb}
   */
  public EndToEndBenchmark(int messages, long seed, int parallelism, String stateBackend) {
    this.messages = messages;
    this.seed = seed;
    this.parallelism = parallelism;
    this.stateBackend = stateBackend;
  }

  /** What one run measured. */
  public record Result(
      int messages,
      int parallelism,
      String stateBackend,
      double plainSeconds,
      double kafkaReadSeconds,
      double jobSeconds,
      long jobNetRuntimeMillis,
      int vectors,
      int jobVectors,
      String firstDifference) {

    public boolean vectorsMatch() {
      return firstDifference.isEmpty();
    }

    public double plainRate() {
      return messages / plainSeconds;
    }

    public double jobRate() {
      return messages / jobSeconds;
    }

    public String report() {
      return String.format(
          "messages            %,d%n"
              + "plain loop          %,.0f msg/s (%.2f s, one thread)%n"
              + "kafka read only     %,.0f msg/s (%.2f s, one consumer, no decoding)%n"
              + "flink job           %,.0f msg/s (%.2f s from submit to finished, net runtime"
              + " %,d ms, parallelism %d, %s state)%n"
              + "ratio job/plain     %.2f%n"
              + "feature vectors     %,d from the loop, %,d from the job, equal: %s%s",
          messages,
          plainRate(),
          plainSeconds,
          messages / kafkaReadSeconds,
          kafkaReadSeconds,
          jobRate(),
          jobSeconds,
          jobNetRuntimeMillis,
          parallelism,
          stateBackend,
          jobRate() / plainRate(),
          vectors,
          jobVectors,
          vectorsMatch(),
          vectorsMatch() ? "" : "%nfirst difference    " + firstDifference);
    }
  }

  public Result run() throws Exception {
    MarketMessages input = MarketMessages.generate(messages, seed, 1_767_225_600_000L);
    GammaConfig defaults = GammaConfig.defaultConfig();

    // Once to warm the JIT, once measured.
    plainLoop(input, defaults);
    long plainStart = System.nanoTime();
    List<FeatureVector> expected = plainLoop(input, defaults);
    double plainSeconds = (System.nanoTime() - plainStart) / 1e9;

    try (EmbeddedServices services = EmbeddedServices.start(new EmbeddedServices.Ports(0, 0))) {
      GammaConfig config =
          defaults.withServers(
              services.kafkaBootstrap(), services.redisHost(), services.redisPort());
      services.createTopics(config.topicPartitions(MARKET_PARTITIONS), config.topicConfigs());
      produce(input, config);
      double kafkaReadSeconds = readAll(config);

      Configuration flink = new Configuration();
      flink.setString("state.backend.type", stateBackend);
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
      new GammaJob(config, KafkaEndpoints.create(config, OffsetsInitializer.earliest(), true))
          .build(env);
      long jobStart = System.nanoTime();
      JobExecutionResult result = env.execute(GammaJob.NAME + "-bench");
      double jobSeconds = (System.nanoTime() - jobStart) / 1e9;

      List<String> actual = readFeatures(config);
      return new Result(
          messages,
          parallelism,
          stateBackend,
          plainSeconds,
          kafkaReadSeconds,
          jobSeconds,
          result.getNetRuntime(),
          expected.size(),
          actual.size(),
          firstDifference(expected, actual));
    }
  }

  private static List<FeatureVector> plainLoop(MarketMessages input, GammaConfig config) {
    PlainPipeline pipeline = PlainPipeline.of(config);
    for (String value : input.values()) {
      pipeline.accept(value);
    }
    return pipeline.finish();
  }

  private static void produce(MarketMessages input, GammaConfig config) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < input.size(); i++) {
        producer.send(
            new ProducerRecord<>(config.marketTopic(), input.keys().get(i), input.values().get(i)));
      }
      producer.flush();
    }
  }

  /** Seconds one plain consumer takes to read the whole market topic: the broker's share. */
  private static double readAll(GammaConfig config) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < MARKET_PARTITIONS; p++) {
        partitions.add(new TopicPartition(config.marketTopic(), p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long start = System.nanoTime();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(200));
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static List<String> readFeatures(GammaConfig config) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(config.featuresTopic(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (consumer.position(partition) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      return values;
    }
  }

  /** Empty when the job wrote exactly the loop's vectors (in any order), else the first miss. */
  private static String firstDifference(List<FeatureVector> expected, List<String> actual) {
    List<String> expectedJson = new ArrayList<>();
    for (FeatureVector vector : expected) {
      expectedJson.add(FeatureJson.toJsonString(vector));
    }
    Set<String> actualSet = new HashSet<>(actual);
    for (String vector : expectedJson) {
      if (!actualSet.contains(vector)) {
        return "the job did not write " + vector;
      }
    }
    Set<String> expectedSet = new HashSet<>(expectedJson);
    for (String vector : actual) {
      if (!expectedSet.contains(vector)) {
        return "the job wrote " + vector;
      }
    }
    return actual.size() == expected.size() ? "" : "the job wrote duplicates";
  }
}
