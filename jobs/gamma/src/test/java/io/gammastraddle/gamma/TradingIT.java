package io.gammastraddle.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.bridge.MarketDataBridge;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.strategy.TradingCache;
import io.gammastraddle.orders.Leg;
import io.gammastraddle.orders.OrderLabel;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;

/**
 * The trading loop in paper mode on real parts: the simulator over a real WebSocket (market and
 * paper exchange), the bridge with the account's channels, real Kafka and Redis, the job on Flink's
 * MiniCluster with the execution sink. Straddles are entered, hedged and exited; every label is
 * placed once.
 */
class TradingIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final String ACCOUNT = "gsb-paper";

  /**
   * Simulated seconds per second: features with an hour's memory need a few simulated minutes
   * before the forecast exists.
   */
  private static final double SPEED = 5;

  private static EmbeddedServices services;
  private static SimulatorServer simulator;
  private static MarketDataBridge bridge;
  private static GammaConfig config;

  @BeforeAll
  static void startServices() throws Exception {
    services = EmbeddedServices.start(new EmbeddedServices.Ports(0, 0));
    simulator =
        new SimulatorServer(
            new SimulatedMarket(21, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            SPEED);
    simulator.start();
    // Enter at any edge (the fallback's size), take the ask, close at once (every straddle is
    // within the exit's time before expiry) and hedge any delta above 0.01 coin.
    config =
        GammaConfig.from(
                Map.of(
                    "trading.enabled", "true",
                    "trading.venue", simulator.uri().toString(),
                    "trading.paper-account", ACCOUNT,
                    "strategy.min-edge", "-1000",
                    "orders.entry-policy", "ioc",
                    "exit.before-expiry", "100000h",
                    "hedge.band", "0.01"))
            .withServers(services.kafkaBootstrap(), services.redisHost(), services.redisPort());
    services.createTopics(config.topicPartitions(3), config.topicConfigs());
    bridge =
        new MarketDataBridge(
            MarketDataBridge.Config.defaults(simulator.uri(), services.kafkaBootstrap())
                .withUserChannels(new Credentials(ACCOUNT, "paper")));
    bridge.start();
  }

  @AfterAll
  static void stopServices() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
    if (simulator != null) {
      simulator.close();
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void entersHedgesAndExitsStraddlesPlacingEachLabelOnce() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(2_000);
    new GammaJob(config, KafkaEndpoints.create(config), KafkaEndpoints.trading(config)).build(env);
    JobClient job = env.executeAsync(GammaJob.NAME);
    try (JedisPooled redis = new JedisPooled(services.redisHost(), services.redisPort())) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                Set<Leg> filled = filledLegs(history("BTC"));
                assertThat(filled).contains(Leg.CALL, Leg.PUT, Leg.HEDGE);
                assertThat(filled).contains(Leg.EXIT_CALL, Leg.EXIT_PUT);
              });
      List<String> labels = labels(history("BTC"));
      labels.addAll(labels(call("private/get_open_orders_by_currency", Map.of("currency", "BTC"))));
      assertThat(labels).as("no label placed twice").doesNotHaveDuplicates();

      Map<String, String> positions = redis.hgetAll(TradingCache.POSITIONS + "BTC");
      assertThat(positions).containsKeys("open_straddles", "mode", "ts");
      assertThat(positions.get("mode")).isEqualTo("ACTIVE");
      assertThat(redis.hgetAll(TradingCache.GREEKS)).containsKeys("BTC.delta", "BTC.var");
    } finally {
      job.cancel().get();
    }
  }

  /** The legs of our filled orders (filled whole or in part). */
  private static Set<Leg> filledLegs(JsonNode orders) {
    Set<Leg> legs = new java.util.HashSet<>();
    for (JsonNode order : orders) {
      if (order.path("filled_amount").asDouble() > 0
          && order.path("label").asText().startsWith("gsb-")) {
        legs.add(OrderLabel.parse(order.get("label").asText()).leg());
      }
    }
    return legs;
  }

  private static List<String> labels(JsonNode orders) {
    List<String> labels = new ArrayList<>();
    orders.forEach(order -> labels.add(order.path("label").asText()));
    return labels;
  }

  /** Every closed order of the paper account in {@code currency}, newest first. */
  private static JsonNode history(String currency) throws Exception {
    return call(
        "private/get_order_history_by_currency",
        Map.of("currency", currency, "include_unfilled", true, "count", 10_000));
  }

  private static JsonNode call(String method, Map<String, ?> params) throws Exception {
    try (ResilientConnection account =
        ResilientConnection.open(
            simulator.uri(),
            (frame, nanos) -> {},
            reconnects -> {},
            ResilientConnection.Settings.defaults()
                .withCredentials(new Credentials(ACCOUNT, "paper")))) {
      return ResilientConnection.await(account.call(method, params));
    }
  }
}
