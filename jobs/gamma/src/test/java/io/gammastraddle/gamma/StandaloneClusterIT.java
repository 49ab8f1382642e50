package io.gammastraddle.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.cluster.ClusterRest;
import io.gammastraddle.cluster.StandaloneCluster;
import io.gammastraddle.embedded.LocalPorts;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.scoring.TrainedBundles;
import io.gammastraddle.registry.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;

/**
 * The job jar ({@code gamma-straddle-job.jar}) on a standalone cluster of Flink's own jars, as
 * users run it: submitted through Flink's CLI frontend, watched over the REST API, and upgraded by
 * a stop with savepoint and a resubmission from it at another parallelism ({@code flink stop
 * --savepointPath}, {@code flink run -p 1 -s}). The trading loop trades on real parts ({@link
 * PaperVenue}) throughout.
 */
class StandaloneClusterIT {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneClusterIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
  private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

  @TempDir Path directory;

  @Test
  void aRescalingUpgradeThroughASavepointKeepsPositionsPercentilesModelAndPlacesEachOrderOnce()
      throws Exception {
    // The default exit, not the eager trading's immediate one: a straddle stays open until its
    // take-profit or stop-loss, so one is open when the job is stopped.
    try (PaperVenue venue =
            PaperVenue.start(
                17,
                PaperVenue.SPEED,
                Map.of("exit.before-expiry", GammaConfig.DEFAULTS.get("exit.before-expiry")));
        JedisPooled redis =
            new JedisPooled(venue.services.redisHost(), venue.services.redisPort());
        TopicReader features = new TopicReader(venue, venue.config.featuresTopic());
        TopicReader predictions = new TopicReader(venue, venue.config.predictionsTopic());
        TopicReader orders = new TopicReader(venue, venue.config.trading().ordersTopic())) {
      ModelBundle model = TrainedBundles.train(System.currentTimeMillis(), 600, 5);
      TrainedBundles.publish(venue.config, List.of(model));
      StandaloneCluster cluster =
          new StandaloneCluster(
              directory.resolve("cluster"), StandaloneCluster.flinkClasspath(projectHome()));
      try {
        cluster.start(projectHome().resolve("flink-conf"), clusterSettings());
        ClusterRest rest = new ClusterRest(cluster.restAddress());
        rest.awaitTaskManagers(1, Duration.ofSeconds(90), cluster.logDirectory().toString());

        String first = submit(cluster, venue, 2, null);
        awaitRunning(rest, first);
        // Trading, with a straddle open at the exchange, percentiles known and the model scoring.
        List<JsonNode> vectorsBefore = new ArrayList<>();
        List<JsonNode> predictionsBefore = new ArrayList<>();
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofSeconds(2))
            .untilAsserted(
                () -> {
                  vectorsBefore.addAll(features.read());
                  predictionsBefore.addAll(predictions.read());
                  assertThat(optionLegs(venue.positions("BTC")))
                      .as(() -> "open options; alerts: " + PaperVenue.recentAlerts(redis))
                      .isNotEmpty();
                  assertThat(lastBtc(vectorsBefore).path("features").path("vol_pct").isNumber())
                      .as("vol_pct known before the upgrade")
                      .isTrue();
                  assertThat(lastBtc(predictionsBefore).path("model_version").asText())
                      .isEqualTo(model.version());
                });

        String savepoint = stopWithSavepoint(cluster, first);
        assertThat(rest.jobState(first)).contains("FINISHED");
        LOG.info("savepoint {}", savepoint);
        // Everything the first job committed, so what is read from here on is the second's.
        features.read();
        predictions.read();

        // Rescaled on the way: keyed state is redistributed over the new parallelism.
        String second = submit(cluster, venue, 1, savepoint);
        awaitRunning(rest, second);
        List<JsonNode> vectorsAfter = new ArrayList<>();
        List<JsonNode> predictionsAfter = new ArrayList<>();
        await()
            .atMost(Duration.ofMinutes(2))
            .untilAsserted(
                () -> {
                  vectorsAfter.addAll(features.read());
                  predictionsAfter.addAll(predictions.read());
                  assertThat(firstBtc(vectorsAfter)).isNotNull();
                  assertThat(firstBtc(predictionsAfter)).isNotNull();
                });
        // A fresh state would rank nothing for the first minute of ticks (too few samples).
        assertThat(firstBtc(vectorsAfter).path("features").path("vol_pct").isNumber())
            .as("the restored percentile windows rank the first tick: %s", firstBtc(vectorsAfter))
            .isTrue();
        // The models topic is read on from the savepoint's offsets, past the bundle: only the
        // restored broadcast state knows the model.
        assertThat(firstBtc(predictionsAfter).path("model_version").asText())
            .isEqualTo(model.version());
        // A fresh strategy would hold nothing (the bridge reported positions once, at its start)
        // while the exchange holds the straddle.
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () ->
                    assertThat(PaperVenue.heldByStrategy(redis, "BTC"))
                        .isNotEmpty()
                        .isEqualTo(venue.positions("BTC")));

        try (var instances = Files.list(rocksDb())) {
          assertThat(instances).as("the restored job's RocksDB instances").isNotEmpty();
        }

        // Stopped again, so no order is on its way: the exchange's orders and the audit log agree.
        stopWithSavepoint(cluster, second);
        List<String> placed = venue.labels("BTC");
        assertThat(placed).as("no label placed twice").doesNotHaveDuplicates();
        Set<String> decided = new HashSet<>();
        for (JsonNode order : orders.read()) {
          if (order.path("kind").asText().equals("PLACE")
              && order.path("instrument").asText().startsWith("BTC")) {
            decided.add(order.path("label").asText());
          }
        }
        assertThat(placed).as("every order at the exchange was decided").isSubsetOf(decided);
        assertThat(decided).as("no decided order lost").isSubsetOf(placed);
      } finally {
        cluster.stop(Duration.ofSeconds(30));
      }
    }
  }

  /** Free ports and private directories, so the test runs beside anything on this machine. */
  private Map<String, String> clusterSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("rest.port", String.valueOf(LocalPorts.pickFree()));
    settings.put("jobmanager.rpc.port", String.valueOf(LocalPorts.pickFree()));
    settings.put("metrics.reporter.prom.port", LocalPorts.pickFree() + "," + LocalPorts.pickFree());
    settings.put("execution.checkpointing.interval", "2s");
    settings.put(
        "execution.checkpointing.dir", directory.resolve("checkpoints").toUri().toString());
    settings.put(
        "execution.checkpointing.savepoint-dir",
        directory.resolve("savepoints").toUri().toString());
    return settings;
  }

  /**
   * {@code flink run -d} at {@code parallelism} (from {@code savepoint} when given); returns the
   * job's id.
   */
  private String submit(
      StandaloneCluster cluster, PaperVenue venue, int parallelism, String savepoint)
      throws Exception {
    List<String> arguments =
        new ArrayList<>(List.of("run", "--detached", "--parallelism", "" + parallelism));
    if (savepoint != null) {
      // The job's own state backend over the cluster's heap: a canonical savepoint moves across.
      arguments.addAll(
          List.of(
              "-Dstate.backend.type=rocksdb",
              "-Dstate.backend.rocksdb.localdir=" + rocksDb(),
              "--fromSavepoint",
              savepoint));
    }
    arguments.add(projectHome().resolve("jobs/gamma/target/gamma-straddle-job.jar").toString());
    venue.settings.forEach((name, value) -> arguments.addAll(List.of("--set", name + "=" + value)));
    return find(JOB_ID, flink(cluster, arguments));
  }

  private String stopWithSavepoint(StandaloneCluster cluster, String job) throws Exception {
    return find(
        SAVEPOINT,
        flink(
            cluster,
            List.of("stop", "--savepointPath", directory.resolve("savepoints").toString(), job)));
  }

  /** Runs Flink's CLI frontend; returns what it printed, failing if it failed. */
  private String flink(StandaloneCluster cluster, List<String> arguments) throws Exception {
    Path output = Files.createTempFile(directory, "flink-cli", ".out");
    int exit =
        cluster
            .flinkCli(arguments)
            .redirectOutput(output.toFile())
            .redirectErrorStream(true)
            .start()
            .waitFor();
    String printed = Files.readString(output);
    assertThat(exit).as("flink %s exit code; it printed:%n%s", arguments, printed).isZero();
    return printed;
  }

  private Path rocksDb() {
    return directory.resolve("rocksdb");
  }

  private static String find(Pattern pattern, String printed) {
    Matcher matcher = pattern.matcher(printed);
    assertThat(matcher.find()).as("%s in:%n%s", pattern, printed).isTrue();
    return matcher.group(1);
  }

  private static void awaitRunning(ClusterRest rest, String job) {
    await()
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(() -> assertThat(rest.jobState(job)).contains("RUNNING"));
  }

  private static JsonNode lastBtc(List<JsonNode> records) {
    JsonNode last = null;
    for (JsonNode record : records) {
      if (record.path("underlying").asText().equals("BTC")) {
        last = record;
      }
    }
    return last == null ? JSON.createObjectNode() : last;
  }

  private static JsonNode firstBtc(List<JsonNode> records) {
    return records.stream()
        .filter(record -> record.path("underlying").asText().equals("BTC"))
        .findFirst()
        .orElse(null);
  }

  private static Map<String, Double> optionLegs(Map<String, Double> positions) {
    Map<String, Double> options = new HashMap<>(positions);
    options.keySet().removeIf(instrument -> instrument.endsWith("PERPETUAL"));
    return options;
  }

  private static Path projectHome() {
    return Path.of(System.getProperty("gsb.home", "../.."));
  }

  /** What the job committed to a topic, read as JSON from its start (read_committed). */
  private static final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    TopicReader(PaperVenue venue, String topic) {
      Properties properties = new Properties();
      properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, venue.services.kafkaBootstrap());
      properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      consumer =
          new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /** The records committed since the last call, up to the topic's current end. */
    List<JsonNode> read() throws IOException {
      List<JsonNode> records = new ArrayList<>();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
          records.add(JSON.readTree(record.value()));
        }
      }
      return records;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
