package io.gammastraddle.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.gamma.SimulatedFeed.MarketRecord;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.simulator.SimulatedMarket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping the job with a savepoint and restoring it loses nothing: on the same seeded market
 * messages, a run interrupted by a savepoint writes exactly the feature vectors of an uninterrupted
 * run, on a real Kafka broker and Redis server with the real job graph on a MiniCluster.
 */
class SavepointIT {

  private static final Logger LOG = LoggerFactory.getLogger(SavepointIT.class);

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> UNDERLYINGS = List.of("BTC", "ETH");
  private static final long SEED = 5;
  private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  /**
   * The savepoint comes after 3 simulated minutes: by then every long-state feature has a value
   * (realized volatility needs two completed one-minute returns, the percentiles 60 ticks).
   */
  private static final long SAVEPOINT_AT = START + Duration.ofMinutes(3).toMillis();

  private static final long END = SAVEPOINT_AT + Duration.ofSeconds(90).toMillis();

  /**
   * The last tick compared. An unbounded run emits a tick only once a later event moves the
   * watermark past it, so the last ticks before {@link #END} never come; 10 s leaves room.
   */
  private static final long CUTOFF = END - 10_000;

  private static EmbeddedServices services;
  private static GammaConfig uninterrupted;
  private static GammaConfig restored;

  @TempDir static Path savepoints;

  @BeforeAll
  static void startServices() throws Exception {
    services = EmbeddedServices.start(new EmbeddedServices.Ports(0, 0));
    uninterrupted = config("uninterrupted");
    restored = config("restored");
  }

  @AfterAll
  static void stopServices() throws Exception {
    if (services != null) {
      services.close();
    }
  }

  @Test
  void aJobRestoredFromASavepointWritesTheFeaturesOfAnUninterruptedRun() throws Exception {
    SimulatedMarket market = new SimulatedMarket(SEED, START);
    List<MarketRecord> firstPart = SimulatedFeed.snapshots(market);
    firstPart.addAll(SimulatedFeed.stepUntil(market, SAVEPOINT_AT));
    List<MarketRecord> secondPart = SimulatedFeed.stepUntil(market, END);
    LOG.info("{} + {} market messages", firstPart.size(), secondPart.size());

    produce(uninterrupted, firstPart);
    produce(uninterrupted, secondPart);
    NavigableMap<Tick, List<JsonNode>> expected;
    JobClient job = start(uninterrupted, null);
    try (FeatureLog log = new FeatureLog(uninterrupted)) {
      log.readUntil(CUTOFF);
      expected = log.upTo(CUTOFF);
      LOG.info("uninterrupted run: {} ticks up to the cutoff", expected.size());
    } finally {
      job.cancel().get();
    }

    NavigableMap<Tick, List<JsonNode>> actual;
    long lastTickBeforeSavepoint;
    try (FeatureLog log = new FeatureLog(restored)) {
      produce(restored, firstPart);
      JobClient beforeSavepoint = start(restored, null);
      log.readUntil(SAVEPOINT_AT - 2_000);
      String savepoint =
          beforeSavepoint
              .stopWithSavepoint(
                  false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
              .get();
      lastTickBeforeSavepoint = log.readToEnd();
      LOG.info("savepoint {} after tick {}", savepoint, lastTickBeforeSavepoint);

      produce(restored, secondPart);
      JobClient afterSavepoint = start(restored, savepoint);
      try {
        log.readUntil(CUTOFF);
        actual = log.upTo(CUTOFF);
      } finally {
        afterSavepoint.cancel().get();
      }
    }

    assertEachTickHasOneVectorHoweverOftenWritten(expected);
    assertEachTickHasOneVectorHoweverOftenWritten(actual);
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    for (Tick tick : expected.keySet()) {
      assertThat(actual.get(tick).get(0))
          .as("features of %s at tick %d", tick.underlying(), tick.timestamp())
          .isEqualTo(expected.get(tick).get(0));
    }
    assertRestoredStateShows(actual.tailMap(new Tick(lastTickBeforeSavepoint, "~"), false));
  }

  /**
   * Enough ticks after the restore, and features that only have values when state survived: the
   * percentiles need 60 earlier ticks, realized volatility two completed minutes, the order books
   * their snapshots (sent once, at the start).
   */
  private static void assertRestoredStateShows(NavigableMap<Tick, List<JsonNode>> afterRestore) {
    for (String underlying : UNDERLYINGS) {
      List<JsonNode> vectors =
          afterRestore.entrySet().stream()
              .filter(tick -> tick.getKey().underlying().equals(underlying))
              .map(tick -> tick.getValue().get(0))
              .toList();
      assertThat(vectors).as("%s ticks after the restore", underlying).hasSizeGreaterThan(60);
      JsonNode first = vectors.get(0);
      for (String feature :
          List.of(
              FeatureSchema.BASIS_PCT,
              FeatureSchema.VOL_PCT,
              FeatureSchema.VWAP_DEV,
              FeatureSchema.REALIZED_VOL,
              FeatureSchema.BOOK_IMBALANCE)) {
        assertThat(first.get(feature).isNumber())
            .as("%s %s at the first tick after the restore: %s", underlying, feature, first)
            .isTrue();
      }
    }
  }

  /** At least once: a vector may be written twice around the savepoint, but never differently. */
  private static void assertEachTickHasOneVectorHoweverOftenWritten(
      NavigableMap<Tick, List<JsonNode>> vectors) {
    for (Map.Entry<Tick, List<JsonNode>> tick : vectors.entrySet()) {
      assertThat(new HashSet<>(tick.getValue())).as("vectors of %s", tick.getKey()).hasSize(1);
    }
  }

  /** Each run reads its own market topic and writes its own features topic. */
  private static GammaConfig config(String run) throws InterruptedException {
    GammaConfig config =
        GammaConfig.from(
                Map.of(
                    "topics.market", "market-" + run,
                    "topics.features", "features-" + run,
                    "kafka.group", "gamma-" + run))
            .withServers(services.kafkaBootstrap(), services.redisHost(), services.redisPort());
    // One partition: the watermark is the minimum over partitions, so with several an idle or
    // slow one would make the two runs see different late events.
    services.createTopics(config.topicPartitions(1), config.topicConfigs());
    return config;
  }

  private static void produce(GammaConfig config, List<MarketRecord> records) throws Exception {
    SimulatedFeed.produce(config.kafkaBootstrap(), config.marketTopic(), records);
  }

  private static JobClient start(GammaConfig config, String savepoint) throws Exception {
    Configuration settings = new Configuration();
    if (savepoint != null) {
      settings.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(settings);
    env.setParallelism(2);
    // The Kafka sink flushes at checkpoints.
    env.enableCheckpointing(1_000);
    new GammaJob(config, KafkaEndpoints.create(config)).build(env);
    return env.executeAsync(GammaJob.NAME);
  }

  /** A decision tick of one underlying; ordered by time. */
  private record Tick(long timestamp, String underlying) {

    static final Comparator<Tick> ORDER =
        Comparator.comparingLong(Tick::timestamp).thenComparing(Tick::underlying);
  }

  /** Everything a run wrote to its features topic so far: the {@code features} object by tick. */
  private static final class FeatureLog implements AutoCloseable {

    private final TopicPartition partition;
    private final KafkaConsumer<String, String> consumer;
    private final NavigableMap<Tick, List<JsonNode>> vectors = new TreeMap<>(Tick.ORDER);

    FeatureLog(GammaConfig config) {
      Properties properties = new Properties();
      properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
      consumer =
          new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
      partition = new TopicPartition(config.featuresTopic(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
    }

    /** Reads until every underlying has a vector at {@code tick} or later. */
    void readUntil(long tick) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                read();
                return UNDERLYINGS.stream().allMatch(u -> lastTick(u) >= tick);
              });
    }

    /** Reads what the topic holds now and returns the last tick read. */
    long readToEnd() {
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        read();
      }
      return vectors.lastKey().timestamp();
    }

    NavigableMap<Tick, List<JsonNode>> upTo(long tick) {
      return new TreeMap<>(vectors.headMap(new Tick(tick, "~"), true));
    }

    private void read() {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        try {
          JsonNode vector = JSON.readTree(record.value());
          Tick tick = new Tick(vector.get("ts").asLong(), vector.get("underlying").asText());
          vectors.computeIfAbsent(tick, t -> new ArrayList<>()).add(vector.get("features"));
        } catch (Exception e) {
          throw new AssertionError("not a feature vector: " + record.value(), e);
        }
      }
    }

    private long lastTick(String underlying) {
      return vectors.descendingKeySet().stream()
          .filter(tick -> tick.underlying().equals(underlying))
          .findFirst()
          .map(Tick::timestamp)
          .orElse(Long.MIN_VALUE);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
