package io.gammastraddle.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.gamma.SimulatedFeed.MarketRecord;
import io.gammastraddle.gamma.alerts.AlertCache;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.scoring.ModelCache;
import io.gammastraddle.gamma.scoring.PredictionCache;
import io.gammastraddle.gamma.scoring.TrainedBundles;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.registry.ModelTopic;
import io.gammastraddle.simulator.SimulatedMarket;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Hot swap in a running job on a MiniCluster, with a real Kafka broker and Redis server: bundles
 * published to {@code gsb.models} replace each other without a restart; a model whose training data
 * look nothing like the live features falls back once the drift window fills, with an alert; a
 * thousand swaps leave the heap as it was.
 */
class ScoringIT {

  private static final Logger LOG = LoggerFactory.getLogger(ScoringIT.class);

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final long SWAP_AT = START + Duration.ofMinutes(2).toMillis();

  /** Past the 500-vector drift window (one vector per second and underlying, all taken). */
  private static final long END = START + Duration.ofMinutes(11).toMillis();

  private static final int SWAPS = 1_000;

  private static EmbeddedServices services;

  @BeforeAll
  static void startServices() throws Exception {
    services = EmbeddedServices.start(new EmbeddedServices.Ports(0, 0));
  }

  @AfterAll
  static void stopServices() throws Exception {
    if (services != null) {
      services.close();
    }
  }

  @Test
  void bundlesSwapInTheRunningJobAndDriftFallsBackWithAnAlert() throws Exception {
    GammaConfig config =
        GammaConfig.from(Map.of("scoring.drift-interval", "1s"))
            .withServers(services.kafkaBootstrap(), services.redisHost(), services.redisPort());
    services.createTopics(config.topicPartitions(1), config.topicConfigs());
    // Training data N(0, 1) in every feature: nothing like the simulator's features.
    ModelBundle first = TrainedBundles.train(START - 60_000, 600, 1);
    ModelBundle second = TrainedBundles.train(START, 600, 2);
    SimulatedMarket market = new SimulatedMarket(11, START);
    List<MarketRecord> beforeSwap = SimulatedFeed.snapshots(market);
    beforeSwap.addAll(SimulatedFeed.stepUntil(market, SWAP_AT));
    List<MarketRecord> afterSwap = SimulatedFeed.stepUntil(market, END);

    TrainedBundles.publish(config, List.of(first));
    SimulatedFeed.produce(config.kafkaBootstrap(), config.marketTopic(), beforeSwap);
    JobClient job = start(config);
    try (KafkaConsumer<String, String> predictions =
            services.consumerFromStart(List.of(config.predictionsTopic()));
        JedisPooled redis = new JedisPooled(services.redisHost(), services.redisPort())) {
      List<JsonNode> seen = new ArrayList<>();
      readUntil(predictions, seen, p -> version(p).equals(first.version()) && !fallback(p));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> first.version().equals(redis.hget(ModelCache.KEY, "version")));

      TrainedBundles.publish(config, List.of(second));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> second.version().equals(redis.hget(ModelCache.KEY, "version")));
      SimulatedFeed.produce(config.kafkaBootstrap(), config.marketTopic(), afterSwap);
      readUntil(predictions, seen, p -> fallback(p) && reason(p).contains("drifts"));

      assertSwitchedOnceToTheSecondVersion(seen, first, second);
      LOG.info(
          "a prediction of the second bundle: {}",
          seen.stream()
              .filter(p -> version(p).equals(second.version()) && !fallback(p))
              .findFirst()
              .orElseThrow());
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      JsonNode drifted =
          seen.stream().filter(p -> reason(p).contains("drifts")).findFirst().orElseThrow();
      assertThat(version(drifted)).isEqualTo(second.version());
      String underlying = drifted.get("underlying").asText();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Map<String, String> cached = redis.hgetAll(PredictionCache.KEY_PREFIX + underlying);
                assertThat(cached).containsEntry("fallback", "true");
                assertThat(cached.get("reason")).contains("drifts");
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          redis.xrange(AlertCache.KEY, (StreamEntryID) null, null, 100).stream()
                              .map(StreamEntry::getFields))
                      .anySatisfy(
                          alert -> {
                            assertThat(alert).containsEntry("type", "model_fallback");
                            assertThat(alert.get("message")).contains("drifts");
                          }));
      try (KafkaConsumer<String, String> alerts =
          services.consumerFromStart(List.of(config.alertsTopic()))) {
        List<JsonNode> alertLog = new ArrayList<>();
        readUntil(
            alerts,
            alertLog,
            a ->
                a.get("type").asText().equals("model_fallback")
                    && a.get("message").asText().contains("drifts"));
      }

      assertThousandSwapsKeepTheHeap(config, second, redis);
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get();
    }
  }

  /** Each underlying's predictions name the first version, then only the second. */
  private static void assertSwitchedOnceToTheSecondVersion(
      List<JsonNode> seen, ModelBundle first, ModelBundle second) {
    for (String underlying : List.of("BTC", "ETH")) {
      List<String> versions =
          seen.stream()
              .filter(p -> p.get("underlying").asText().equals(underlying))
              .map(ScoringIT::version)
              .toList();
      int switchedAt = versions.indexOf(second.version());
      assertThat(switchedAt).as("%s switched to the second bundle", underlying).isPositive();
      assertThat(versions.subList(0, switchedAt)).as(underlying).containsOnly(first.version());
      assertThat(versions.subList(switchedAt, versions.size()))
          .as(underlying)
          .containsOnly(second.version());
    }
  }

  /**
   * A thousand distinct bundles in a row: each is parsed and checked, and the operator keeps only
   * the latest, so the heap after them (after collection) is about what it was before. Keeping each
   * bundle would cost its JSON and its parsed trees a thousand times over.
   */
  private static void assertThousandSwapsKeepTheHeap(
      GammaConfig config, ModelBundle bundle, JedisPooled redis) throws Exception {
    long bundleBytes = ModelTopic.encode(bundle).length;
    long before = usedHeapAfterCollection();
    List<ModelBundle> swaps = new ArrayList<>();
    for (int i = 0; i < SWAPS; i++) {
      swaps.add(bundle.withVersion(bundle.version() + "-" + i));
    }
    String last = swaps.get(SWAPS - 1).version();
    TrainedBundles.publish(config, swaps);
    swaps.clear();
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> last.equals(redis.hget(ModelCache.KEY, "version")));
    long after = usedHeapAfterCollection();
    LOG.info(
        "heap {} MB before {} swaps of {} KB bundles, {} MB after",
        before >> 20,
        SWAPS,
        bundleBytes >> 10,
        after >> 20);
    assertThat(after - before)
        .as("heap growth over %d swaps of %d-byte bundles", SWAPS, bundleBytes)
        .isLessThan(SWAPS * bundleBytes / 4);
  }

  /**
   * Publishes {@code count} renamed copies of {@code bundle} and waits until the last is in use.
   */
  private static void swap(
      GammaConfig config, ModelBundle bundle, String name, int count, JedisPooled redis)
      throws Exception {
    List<ModelBundle> swaps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      swaps.add(bundle.withVersion(bundle.version() + "-" + name + "-" + i));
    }
    String last = swaps.get(count - 1).version();
    TrainedBundles.publish(config, swaps);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> last.equals(redis.hget(ModelCache.KEY, "version")));
  }

  private static long usedHeapAfterCollection() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static JobClient start(GammaConfig config) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(1_000);
    new GammaJob(config, KafkaEndpoints.create(config)).build(env);
    return env.executeAsync(GammaJob.NAME);
  }

  private static void readUntil(
      KafkaConsumer<String, String> consumer,
      List<JsonNode> seen,
      java.util.function.Predicate<JsonNode> wanted) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ZERO)
        .until(
            () -> {
              boolean found = false;
              for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                JsonNode value = JSON.readTree(record.value());
                seen.add(value);
                found |= wanted.test(value);
              }
              return found;
            });
  }

  private static String version(JsonNode prediction) {
    return prediction.get("model_version").asText();
  }

  private static boolean fallback(JsonNode prediction) {
    return prediction.get("fallback").asBoolean();
  }

  private static String reason(JsonNode prediction) {
    return prediction.get("reason").asText();
  }
}
