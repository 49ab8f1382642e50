package io.gammastraddle.gamma;

import static org.awaitility.Awaitility.await;

import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.scoring.ModelCache;
import io.gammastraddle.gamma.scoring.TrainedBundles;
import io.gammastraddle.gamma.strategy.TradingCache;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.registry.ModelTopic;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;

/**
 * Writes the savepoint fixture of a release for {@link SavepointCompatibilityIT}: runs the whole
 * job with trading in paper mode ({@link PaperVenue}: Kafka, Redis, the simulator and its paper
 * exchange, the bridge) and a model bundle, until every stateful operator has state and the
 * strategy holds a straddle the exchange agrees on; then stops the job with a savepoint in Flink's
 * canonical format (restorable on any state backend) and keeps it, with its facts ({@link
 * SavepointFacts}, checked against the exchange and the model published), in {@code
 * src/test/resources/savepoints/RELEASE/}.
 *
 * <p>Run it from the repository's root at release time, with the release's version (the fixture
 * goes to {@code jobs/gamma/src/test/resources/savepoints/0.2.0/}; it takes a few minutes):
 *
 * <pre>
 * ./mvnw -pl jobs/gamma test-compile exec:exec -Dsavepoint.release=0.2.0
 * </pre>
 */
public final class SavepointFixtureGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(SavepointFixtureGenerator.class);

  private static final Path FIXTURES = Path.of("src/test/resources/savepoints");

  private static final long SEED = 8;
  private static final List<String> UNDERLYINGS = List.of("BTC", "ETH");

  /**
   * Slower than the trading tests' market: a job that keeps up holds about one decision interval of
   * events waiting for their tick, and those are most of the savepoint's size.
   */
  private static final double SPEED = 2;

  /**
   * Paper trading as the tests run it, with one straddle at a time held until take-profit or
   * stop-loss (not exited at once) and hedged at the default band (not at every move), training
   * candidates every 10 s and drift samples every second, so the labels and scoring operators have
   * state within a short run.
   */
  private static final Map<String, String> SETTINGS =
      Map.of(
          "exit.before-expiry", "12h",
          "hedge.band", "0.1",
          "risk.max-open-straddles", "1",
          "labels.horizon", "10m",
          "labels.candidate-interval", "10s",
          "scoring.drift-interval", "1s");

  private SavepointFixtureGenerator() {}

  /**
   * @param args the release, e.g. {@code 0.2.0}
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1 || args[0].isBlank()) {
      System.err.println("usage: SavepointFixtureGenerator RELEASE");
      System.exit(2);
    }
    Path fixture = FIXTURES.resolve(args[0]);
    if (Files.exists(fixture)) {
      System.err.println(fixture.toAbsolutePath() + " exists; a release's fixture never changes");
      System.exit(2);
    }
    // Kafka's and Flink's lingering threads would keep the JVM alive: exit explicitly.
    try {
      generate(fixture);
    } catch (Throwable e) {
      LOG.error("no fixture written", e);
      System.exit(1);
    }
    System.exit(0);
  }

  private static void generate(Path fixture) throws Exception {
    try (PaperVenue venue = PaperVenue.start(SEED, SPEED, SETTINGS);
        JedisPooled redis =
            new JedisPooled(venue.services.redisHost(), venue.services.redisPort())) {
      GammaConfig config = venue.config;
      ModelBundle bundle = TrainedBundles.train(System.currentTimeMillis(), 600, 1);
      TrainedBundles.publish(config, List.of(bundle));
      TradingEndpoints trading = KafkaEndpoints.trading(config);
      Path checkpoints = Files.createTempDirectory("gsb-checkpoints");
      StreamExecutionEnvironment env = TradingLoopIT.environment(2_000);
      Configuration storage = new Configuration();
      storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
      env.configure(storage);
      new GammaJob(config, KafkaEndpoints.create(config), trading).build(env);
      JobClient job = env.executeAsync(GammaJob.NAME);

      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> holdsAStraddleTheExchangeAgreesOn(venue, redis, bundle));
      Path savepoints = Files.createTempDirectory("gsb-savepoints");
      String savepoint =
          job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
              .get();
      LOG.info("savepoint {}", savepoint);

      SavepointFacts facts =
          SavepointFacts.read(
              StreamExecutionEnvironment.getExecutionEnvironment(), savepoint, trading.execution());
      check(facts, venue, bundle);

      copy(Path.of(URI.create(savepoint)), fixture);
      facts.write(fixture.resolve(SavepointFacts.FILE));
      LOG.info("{}: {} bytes, facts {}", fixture.toAbsolutePath(), size(fixture), facts);
    }
  }

  /**
   * The strategy holds a BTC straddle, enters nothing, and agrees with the exchange on every
   * position, with no order working there that could fill while the job stops.
   */
  private static boolean holdsAStraddleTheExchangeAgreesOn(
      PaperVenue venue, JedisPooled redis, ModelBundle bundle) throws Exception {
    if (!bundle.version().equals(redis.hget(ModelCache.KEY, "version"))) {
      return false;
    }
    for (String underlying : UNDERLYINGS) {
      Map<String, String> status = redis.hgetAll(TradingCache.POSITIONS + underlying);
      LOG.info("{} status {}", underlying, status);
      Map<String, Double> held = new HashMap<>();
      status.forEach(
          (field, size) -> {
            if (field.startsWith(underlying + "-")) {
              held.put(field, Double.parseDouble(size));
            }
          });
      if (!"false".equals(status.get("entering"))
          || !venue.openOrders(underlying).isEmpty()
          || !held.equals(venue.positions(underlying))) {
        return false;
      }
    }
    return !"0".equals(redis.hget(TradingCache.POSITIONS + "BTC", "open_straddles"));
  }

  /** The facts read back from the savepoint must be those the running system showed. */
  private static void check(SavepointFacts facts, PaperVenue venue, ModelBundle bundle)
      throws Exception {
    List<String> problems = new ArrayList<>();
    if (facts.strategies().get("BTC").openStraddles() == 0) {
      problems.add("no straddle held in BTC");
    }
    for (String underlying : UNDERLYINGS) {
      Map<String, Double> saved = facts.strategies().get(underlying).positions();
      if (!saved.equals(venue.positions(underlying))) {
        problems.add(
            underlying
                + " positions "
                + saved
                + " but the exchange has "
                + venue.positions(underlying)
                + " (an order filled between the check and the savepoint: run again)");
      }
    }
    if (!bundle.version().equals(facts.models().get(ModelTopic.CURRENT))) {
      problems.add("models " + facts.models() + ", published " + bundle.version());
    }
    List<String> placed = new ArrayList<>(venue.labels("BTC"));
    placed.addAll(venue.labels("ETH"));
    if (facts.placedLabels().isEmpty() || !placed.containsAll(facts.placedLabels())) {
      problems.add("placed labels " + facts.placedLabels() + ", the exchange has " + placed);
    }
    for (String underlying : UNDERLYINGS) {
      SavepointFacts.Features features = facts.features().get(underlying);
      if (features == null
          || features.basisObservations() == 0
          || features.volObservations() == 0
          || features.gammaObservations() == 0
          || facts.driftVectors().getOrDefault(underlying, 0) == 0
          || facts.chainQuotes().getOrDefault(underlying, 0) == 0
          || facts.openCandidates().getOrDefault(underlying, 0) == 0
          || facts.books().getOrDefault(underlying, 0) == 0) {
        problems.add("operators without state for " + underlying + ": " + facts);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    Files.createDirectories(to.getParent());
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(from.relativize(file).toString()));
      }
    }
  }

  private static long size(Path directory) throws Exception {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }
}
