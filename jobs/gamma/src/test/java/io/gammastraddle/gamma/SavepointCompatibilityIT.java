package io.gammastraddle.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.gamma.SimulatedFeed.MarketRecord;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.strategy.TradingCache;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.JedisPooled;

/**
 * The savepoints of earlier releases, kept under {@code src/test/resources/savepoints/RELEASE/}
 * (written by {@link SavepointFixtureGenerator}), still work with this build: the state reads back
 * through this build's descriptors and serializers as the facts the release recorded, and the whole
 * job graph restores from it on RocksDB, with no state left unclaimed, runs, checkpoints, and its
 * strategy reports the positions it saved.
 */
class SavepointCompatibilityIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final long SEED = 3;

  /** Simulated market after the restore: enough for every underlying's first status. */
  private static final Duration MARKET = Duration.ofSeconds(20);

  @TempDir Path checkpoints;
  @TempDir Path rocksDb;

  /** Every release's savepoint directory; a release adds one. */
  static Stream<Path> savepoints() throws Exception {
    Path root = Path.of(SavepointCompatibilityIT.class.getResource("/savepoints").toURI());
    try (Stream<Path> releases = Files.list(root)) {
      return releases.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("savepoints")
  void theStateReadsBackAsTheReleaseRecordedIt(Path savepoint) throws Exception {
    SavepointFacts expected = SavepointFacts.read(savepoint.resolve(SavepointFacts.FILE));

    SavepointFacts actual =
        SavepointFacts.read(
            StreamExecutionEnvironment.getExecutionEnvironment(),
            savepoint.toUri().toString(),
            KafkaEndpoints.trading(GammaConfig.from(Map.of("trading.enabled", "true")))
                .execution());

    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("savepoints")
  void theJobRestoresOnRocksDbChecksPointsAndReportsTheSavedPositions(
      Path savepoint, @InjectMiniCluster MiniCluster cluster) throws Exception {
    SavepointFacts expected = SavepointFacts.read(savepoint.resolve(SavepointFacts.FILE));
    // The market goes on where the savepoint left it, so no operator sees time go backwards.
    long resumeAt =
        expected.features().values().stream()
                .mapToLong(SavepointFacts.Features::lastTick)
                .max()
                .orElseThrow()
            + 1_000;
    try (EmbeddedServices services = EmbeddedServices.start(new EmbeddedServices.Ports(0, 0));
        SimulatorServer venue =
            new SimulatorServer(
                new SimulatedMarket(SEED, resumeAt), new InetSocketAddress("127.0.0.1", 0), 1);
        JedisPooled redis = new JedisPooled(services.redisHost(), services.redisPort())) {
      venue.start();
      GammaConfig config =
          GammaConfig.from(
                  Map.of("trading.enabled", "true", "trading.venue", venue.uri().toString()))
              .withServers(services.kafkaBootstrap(), services.redisHost(), services.redisPort());
      // The topics as the release's job had them: the savepoint's Kafka splits name partitions.
      services.createTopics(config.topicPartitions(3), config.topicConfigs());
      // Market data only, no bridge: the account's snapshot from a bridge would replace the
      // positions the strategy restored with this fresh account's (none).
      SimulatedMarket market = new SimulatedMarket(SEED, resumeAt);
      List<MarketRecord> records = SimulatedFeed.snapshots(market);
      records.addAll(SimulatedFeed.stepUntil(market, resumeAt + MARKET.toMillis()));
      SimulatedFeed.produce(config.kafkaBootstrap(), config.marketTopic(), records);

      JobClient job = restore(config, savepoint);
      try {
        for (Map.Entry<String, SavepointFacts.Strategy> saved : expected.strategies().entrySet()) {
          await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(500))
              .untilAsserted(
                  () -> {
                    failIfFailed(job);
                    Map<String, String> status =
                        redis.hgetAll(TradingCache.POSITIONS + saved.getKey());
                    assertThat(status).as("%s status", saved.getKey()).isNotEmpty();
                    assertThat(positions(saved.getKey(), status))
                        .isEqualTo(saved.getValue().positions());
                    assertThat(status)
                        .containsEntry(
                            "open_straddles", String.valueOf(saved.getValue().openStraddles()));
                  });
        }
        // Every task runs by now: the positions came through the whole graph.
        String checkpoint = cluster.triggerCheckpoint(job.getJobID()).get();
        assertThat(Path.of(URI.create(checkpoint)).resolve("_metadata")).exists();
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        try (Stream<Path> instances = Files.list(rocksDb)) {
          assertThat(instances).as("RocksDB's working directories").isNotEmpty();
        }
      } finally {
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
          job.cancel().get();
        }
      }
    }
  }

  /**
   * The release's job graph, from the savepoint: on RocksDB, the other backend than the fixture's
   * heap (canonical savepoints cross backends), and no state of the savepoint may go unclaimed (a
   * missing uid fails the restore). No restarts, so a failed restore fails the test with its cause.
   */
  private JobClient restore(GammaConfig config, Path savepoint) throws Exception {
    Configuration settings = new Configuration();
    settings.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
    settings.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
    settings.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    settings.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksDb.toString());
    settings.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    settings.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(settings);
    env.setParallelism(2);
    // Checkpoints only when the test asks for one.
    env.enableCheckpointing(Duration.ofHours(1).toMillis());
    new GammaJob(config, KafkaEndpoints.create(config), KafkaEndpoints.trading(config)).build(env);
    return env.executeAsync(GammaJob.NAME);
  }

  private static void failIfFailed(JobClient job) throws Exception {
    if (job.getJobStatus().get() == JobStatus.FAILED) {
      job.getJobExecutionResult().get(); // throws why
    }
  }

  /** The status fields that are positions: size by instrument of {@code underlying}. */
  private static Map<String, Double> positions(String underlying, Map<String, String> status) {
    Map<String, Double> sizes = new TreeMap<>();
    status.forEach(
        (field, value) -> {
          if (field.startsWith(underlying + "-")) {
            sizes.put(field, Double.parseDouble(value));
          }
        });
    return sizes;
  }
}
