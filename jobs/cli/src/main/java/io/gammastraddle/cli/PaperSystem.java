package io.gammastraddle.cli;

import io.gammastraddle.bridge.MarketDataBridge;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.gamma.GammaJob;
import io.gammastraddle.gamma.KafkaEndpoints;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.simulator.MarketSource;
import io.gammastraddle.simulator.ServerOptions;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The paper-trading system in this JVM, as the demo and the tick-to-order benchmark run it: a real
 * Kafka broker and Redis server, the simulator serving a market with its paper exchange, the bridge
 * feeding Kafka with the market and the paper account's channels, and the job on a local Flink
 * cluster (flink-conf settings) trading on the simulator, unless it is to run on a cluster the user
 * submits it to. Closing stops them in reverse order.
 */
final class PaperSystem implements AutoCloseable {

  /**
   * @param ports Kafka's and Redis's ports (0: any free port)
   * @param simulatorPort the simulator's port (0: any free port)
   * @param settings the job's settings; {@code trading.venue} is set to the simulator
   * @param flinkConf the Flink configuration directory
   * @param flinkSettings Flink settings over the directory's (ports, for example)
   * @param job where the job runs
   */
  record Options(
      EmbeddedServices.Ports ports,
      int simulatorPort,
      Map<String, String> settings,
      Path flinkConf,
      Map<String, String> flinkSettings,
      JobPlacement job) {}

  /** Where the job runs: on a local cluster in this JVM, or on a cluster the user submits to. */
  enum JobPlacement {
    /** In this JVM, with Flink's web dashboard. */
    LOCAL_WITH_DASHBOARD,
    /** In this JVM, without the dashboard. */
    LOCAL,
    /** Not started here: submitted to a Flink cluster ({@code gsb submit}). */
    CLUSTER
  }

  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private EmbeddedServices services;
  private GammaConfig config;
  private SimulatorServer simulator;
  private MarketDataBridge bridge;
  private JobClient job;

  private PaperSystem() {}

  /** Starts everything on {@code market}, which the simulator steps from then on. */
  static PaperSystem start(Options options, MarketSource market) throws Exception {
    PaperSystem system = new PaperSystem();
    try {
      system.startAll(options, market);
      return system;
    } catch (Exception e) {
      system.close();
      throw e;
    }
  }

  private void startAll(Options options, MarketSource market) throws Exception {
    services = EmbeddedServices.start(options.ports());
    running.push(services);
    simulator =
        new SimulatorServer(
            market,
            new InetSocketAddress("127.0.0.1", options.simulatorPort()),
            ServerOptions.defaults());
    simulator.start();
    running.push(simulator);
    Map<String, String> settings = new LinkedHashMap<>(options.settings());
    settings.put("trading.venue", simulator.uri().toString());
    config =
        GammaConfig.from(settings)
            .withServers(services.kafkaBootstrap(), services.redisHost(), services.redisPort());
    services.createTopics(config.topicPartitions(4), config.topicConfigs());

    bridge =
        new MarketDataBridge(
            MarketDataBridge.Config.defaults(simulator.uri(), services.kafkaBootstrap())
                // the paper account's orders, trades and portfolio, for the strategy
                .withUserChannels(new Credentials(config.trading().paperAccount(), "paper")));
    bridge.start();
    running.push(bridge);
    if (options.job() != JobPlacement.CLUSTER) {
      startJob(options);
    }
  }

  private void startJob(Options options) throws Exception {
    Map<String, String> flinkSettings = new LinkedHashMap<>(options.flinkSettings());
    Path data = services.dataDirectory();
    flinkSettings.put(
        "execution.checkpointing.dir", data.resolve("checkpoints").toUri().toString());
    flinkSettings.put(
        "execution.checkpointing.savepoint-dir", data.resolve("savepoints").toUri().toString());
    var flink = LocalFlink.configuration(options.flinkConf(), flinkSettings);
    StreamExecutionEnvironment env =
        options.job() == JobPlacement.LOCAL_WITH_DASHBOARD
            ? LocalFlink.environment(flink)
            : StreamExecutionEnvironment.createLocalEnvironment(flink);
    new GammaJob(
            config,
            KafkaEndpoints.create(config)
                .withWebhooksOf(System.getenv(), config.alerts().telegramApi()),
            KafkaEndpoints.trading(config))
        .build(env);
    job = env.executeAsync(GammaJob.NAME);
    running.push(() -> job.cancel().get(30, TimeUnit.SECONDS));
  }

  EmbeddedServices services() {
    return services;
  }

  /** The job's settings, pointing at the embedded servers and the simulator. */
  GammaConfig config() {
    return config;
  }

  SimulatorServer simulator() {
    return simulator;
  }

  MarketDataBridge bridge() {
    return bridge;
  }

  /** The job's client, or null when the job runs on a cluster. */
  JobClient job() {
    return job;
  }

  /** Stops what started, the job first; every part is stopped even if one fails. */
  @Override
  public void close() throws Exception {
    Exception failure = null;
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
