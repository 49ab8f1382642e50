package io.gammastraddle.cli;

import io.gammastraddle.deribit.chain.ChainSelection;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.embedded.LocalPorts;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.labels.SampleJson;
import io.gammastraddle.live.LivePage;
import io.gammastraddle.simulator.MarketSource;
import io.gammastraddle.simulator.MirrorMarket;
import io.gammastraddle.simulator.SimulatedMarket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gsb demo}: the whole system in one JVM on its embedded default: a real Kafka broker, a
 * real Redis server, the Deribit simulator, the bridge and the Flink job on a local cluster with
 * its web dashboard and Prometheus endpoint, in paper mode. Meanwhile, on its own thread, a first
 * model is trained on a simulated history and published, so predictions come from a model within
 * minutes ({@link BootstrapModel}), then the trainer ({@link TrainerLoop}) retrains on that history
 * and the job's own samples every ten minutes. A live page ({@link LivePage}) shows the job's live
 * cache in Redis with charts.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs everything embedded: Kafka, Redis, simulator, bridge and the Flink job.")
final class DemoCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
  private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
  private static final List<String> UNDERLYINGS = List.of("BTC", "ETH");

  /**
   * The demo labels and retrains on minutes rather than the defaults' hours, so that a session sees
   * samples and retraining: a 10-minute horizon with a candidate every 5 s (as the bootstrap
   * history's), the drift window spaced as those samples, the trainer every 10 minutes. It trades
   * in paper mode on the simulator's paper account.
   */
  static final Map<String, String> SETTINGS =
      Map.of(
          "labels.horizon", "10m",
          "labels.candidate-interval", "5s",
          "scoring.drift-interval", "5s",
          "trainer.train-every", "10m",
          "trading.enabled", "true",
          "trading.mode", "paper",
          // The simulated books rarely trade through a resting bid within the order timeout, so
          // the demo's entries take the ask (within the slippage cap) instead of resting.
          "orders.entry-policy", "ioc",
          // The simulator prices implied volatility well above what it realizes (ATM implied about
          // 55% against 38% realized in a session), so a positive edge does not come; the demo
          // enters up to 25 points below, to show the loop.
          "strategy.min-edge", "-25");

  @Option(names = "--duration", description = "Stop after this many seconds (default: run).")
  Long durationSeconds;

  @Option(names = "--seed", description = "Simulated market seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(
      names = "--market",
      description =
          "sim: the generated market (default); deribit: the simulator mirrors Deribit's public"
              + " feed, so paper trading runs on real prices (needs internet).")
  String market = "sim";

  @Option(names = "--kafka-port", description = "Kafka port (default: ${DEFAULT-VALUE}).")
  int kafkaPort = 9092;

  @Option(names = "--redis-port", description = "Redis port (default: ${DEFAULT-VALUE}).")
  int redisPort = 6379;

  @Option(names = "--web-port", description = "Flink dashboard port (default: ${DEFAULT-VALUE}).")
  int webPort = 8081;

  @Option(
      names = "--prometheus-port",
      description = "Prometheus metrics port (default: ${DEFAULT-VALUE}).")
  int prometheusPort = 9249;

  @Option(names = "--sim-port", description = "Simulator port (default: ${DEFAULT-VALUE}).")
  int simPort = 8765;

  @Option(names = "--live-port", description = "Live page port (default: ${DEFAULT-VALUE}).")
  int livePort = 8090;

  @Option(names = "--flink-conf", description = "Flink configuration directory.")
  Path flinkConf = LocalFlink.defaultConfDir();

  @Option(
      names = "--no-bootstrap",
      description =
          "Do not train the first model on a simulated history: predictions use the fallback"
              + " parameters until a model is published.")
  boolean noBootstrap;

  @Option(
      names = "--job-on-cluster",
      description =
          "Start everything but the job, and print the ./gsb submit command that runs it on the"
              + " cluster of ./gsb cluster start.")
  boolean jobOnCluster;

  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  @Override
  public Integer call() throws Exception {
    if (durationSeconds != null && durationSeconds <= 0) {
      throw new IllegalArgumentException("--duration must be positive, got " + durationSeconds);
    }
    if (!market.equals("sim") && !market.equals("deribit")) {
      throw new IllegalArgumentException("--market must be sim or deribit, got " + market);
    }
    // Every port is checked before anything starts, so a clash costs nothing to fix.
    LocalPorts.requireFree("Kafka", kafkaPort);
    LocalPorts.requireFree("Redis", redisPort);
    if (!jobOnCluster) {
      LocalPorts.requireFree("Flink web dashboard", webPort);
      LocalPorts.requireFree("Prometheus", prometheusPort);
    }
    LocalPorts.requireFree("Simulator", simPort);
    LocalPorts.requireFree("Live page", livePort);

    try (StopSignal stop = StopSignal.install("gsb-demo-stop")) {
      try {
        DemoStatus status = start();
        Long deadline =
            durationSeconds == null ? null : System.nanoTime() + durationSeconds * 1_000_000_000L;
        while (!stop.await(untilNextStatus(deadline), TimeUnit.NANOSECONDS)) {
          System.out.println(status.line());
          if (deadline != null && System.nanoTime() - deadline >= 0) {
            break;
          }
          status.failIfJobEnded();
        }
        System.out.println("Stopping.");
        if (jobOnCluster) {
          System.out.println(
              "The job on the cluster keeps running without these servers: ./gsb flink list,"
                  + " then ./gsb flink cancel JOB_ID (or ./gsb cluster stop)");
        }
        return 0;
      } finally {
        stopAll();
      }
    }
  }

  /** Nanoseconds to the next status line: the status period, or less when the end is nearer. */
  private static long untilNextStatus(Long deadline) {
    long period = STATUS_EVERY.toNanos();
    return deadline == null ? period : Math.max(0, Math.min(period, deadline - System.nanoTime()));
  }

  private DemoStatus start() throws Exception {
    MarketSource source;
    long liveStart = System.currentTimeMillis();
    if (market.equals("deribit")) {
      System.out.println(
          "Mirroring Deribit's public feed from " + MirrorMarket.DERIBIT_URL + "...");
      MirrorMarket mirror =
          MirrorMarket.open(
              URI.create(MirrorMarket.DERIBIT_URL), UNDERLYINGS, ChainSelection.defaults());
      running.push(mirror);
      source = mirror;
    } else {
      source = new SimulatedMarket(seed, liveStart);
    }
    System.out.println(
        "Starting Kafka, Redis, the simulator, the bridge"
            + (jobOnCluster ? " (the job goes to the cluster)..." : " and the job..."));
    PaperSystem system =
        PaperSystem.start(
            new PaperSystem.Options(
                new EmbeddedServices.Ports(kafkaPort, redisPort),
                simPort,
                SETTINGS,
                flinkConf,
                Map.of(
                    "rest.port", String.valueOf(webPort),
                    "metrics.reporter.prom.port", String.valueOf(prometheusPort)),
                jobOnCluster
                    ? PaperSystem.JobPlacement.CLUSTER
                    : PaperSystem.JobPlacement.LOCAL_WITH_DASHBOARD),
            source);
    running.push(system);
    GammaConfig config = system.config();
    EmbeddedServices services = system.services();
    startModels(config, market.equals("sim") && !noBootstrap, liveStart, services.dataDirectory());

    DemoStatus status = new DemoStatus(system.bridge(), system.job(), config);
    running.push(status);
    LivePage livePage =
        LivePage.start(livePort, services.redisHost(), services.redisPort(), UNDERLYINGS);
    running.push(livePage);

    System.out.println();
    System.out.println(
        "Gamma Straddle demo is running (paper mode, "
            + (market.equals("deribit")
                ? "Deribit's market mirrored"
                : "simulated market, seed " + seed)
            + ")");
    System.out.println("  Live page        " + livePage.uri());
    if (jobOnCluster) {
      System.out.println("  Submit the job   " + submitCommand(system));
    } else {
      System.out.println("  Flink dashboard  http://localhost:" + webPort);
      System.out.println("  Prometheus       http://localhost:" + prometheusPort + "/metrics");
    }
    System.out.println("  Kafka            " + services.kafkaBootstrap());
    System.out.println(
        "  Redis            redis-cli -p " + services.redisPort() + " HGETALL gsb:features:BTC");
    System.out.println("  Simulator        " + system.simulator().uri());
    System.out.println("Ctrl-C stops everything.");
    System.out.println();
    return status;
  }

  /** The {@code ./gsb submit} that runs the job on this demo's servers, with its settings. */
  private static String submitCommand(PaperSystem system) {
    GammaConfig config = system.config();
    Map<String, String> settings = new TreeMap<>(SETTINGS);
    settings.put("kafka.bootstrap", config.kafkaBootstrap());
    settings.put("redis.host", config.redisHost());
    settings.put("redis.port", String.valueOf(config.redisPort()));
    settings.put("trading.venue", config.trading().venue());
    StringBuilder command = new StringBuilder("./gsb submit");
    settings.forEach(
        (name, value) -> command.append(" --set ").append(name).append('=').append(value));
    return command.toString();
  }

  /**
   * On its own thread, so the rest of the demo goes on meanwhile: the bootstrap model trained and
   * published (when {@code bootstrap}: only on the simulated market, since a model of the simulator
   * would be no guide to Deribit's market), then the trainer, its dataset seeded with the
   * bootstrap's history, until the demo stops. The job picks each bundle up when it arrives.
   *
   * @param liveStart where the live market starts, so where the bootstrap's history ends
   */
  private void startModels(
      GammaConfig config, boolean bootstrap, long liveStart, Path dataDirectory) {
    Path registry = dataDirectory.resolve("registry");
    Thread thread =
        new Thread(
            () -> {
              List<String> history =
                  bootstrap ? bootstrapHistory(config, liveStart, registry) : List.of();
              try (TrainerLoop trainer =
                  new TrainerLoop(
                      config,
                      dataDirectory.resolve("trainer"),
                      registry,
                      seed,
                      line -> System.out.println("trainer: " + line))) {
                trainer.addSamples(history);
                trainer.run(() -> Thread.currentThread().isInterrupted());
              } catch (InterruptException stopped) {
                // the demo is stopping
              } catch (RuntimeException e) {
                LOG.warn("The trainer failed", e);
                System.out.println("trainer: failed (" + e + "); no more retraining");
              }
            },
            "gsb-demo-models");
    // A daemon, so a stop while LightGBM trains does not wait for it.
    thread.setDaemon(true);
    thread.start();
    running.push(thread::interrupt);
  }

  /** Trains and publishes the bootstrap model; returns its history as gsb.samples values. */
  private List<String> bootstrapHistory(GammaConfig config, long liveStart, Path registry) {
    try {
      BootstrapModel.History history =
          new BootstrapModel(config, BootstrapModel.Settings.demo(config))
              .run(seed, liveStart, registry, System.out::println);
      return history.samples().stream()
          .map(sample -> new String(SampleJson.toJson(sample), StandardCharsets.UTF_8))
          .toList();
    } catch (CancellationException stopped) {
      return List.of(); // the demo is stopping
    } catch (Exception e) {
      LOG.warn("The bootstrap model failed", e);
      System.out.println("bootstrap: failed (" + e + "); predictions use the fallback");
      return List.of();
    }
  }

  private void stopAll() {
    while (!running.isEmpty()) {
      AutoCloseable part = running.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed: {}", part, e.toString());
      }
    }
  }
}
