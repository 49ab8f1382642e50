package io.gammastraddle.gamma;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.bridge.MarketDataBridge;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.gamma.alerts.AlertCache;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.strategy.TradingCache;
import io.gammastraddle.orders.Leg;
import io.gammastraddle.orders.OrderLabel;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

/**
 * Real parts for paper-trading tests: Kafka and Redis, the simulator over a real WebSocket (market
 * at {@link #SPEED} simulated seconds per second, and the paper exchange), the bridge with the
 * paper account's channels, and the job's settings ({@link GammaConfig#EAGER_TRADING}) pointing at
 * all of them. The account is looked at from outside on connections of its own.
 */
final class PaperVenue implements AutoCloseable {

  static final String ACCOUNT = "gsb-paper";

  /** Features with an hour's memory need a few simulated minutes before the forecast exists. */
  static final double SPEED = 5;

  final EmbeddedServices services;
  final SimulatorServer simulator;
  final MarketDataBridge bridge;
  final GammaConfig config;

  /** The settings {@link #config} is made of, servers included, for a job started elsewhere. */
  final Map<String, String> settings;

  private PaperVenue(
      EmbeddedServices services,
      SimulatorServer simulator,
      MarketDataBridge bridge,
      Map<String, String> settings) {
    this.services = services;
    this.simulator = simulator;
    this.bridge = bridge;
    this.settings = Map.copyOf(settings);
    this.config = GammaConfig.from(settings);
  }

  static PaperVenue start(long seed) throws Exception {
    return start(seed, SPEED, Map.of());
  }

  /**
   * A venue whose market runs at {@code speed} and whose job settings are {@link
   * GammaConfig#EAGER_TRADING} with {@code overrides}.
   */
  static PaperVenue start(long seed, double speed, Map<String, String> overrides) throws Exception {
    EmbeddedServices services = EmbeddedServices.start(new EmbeddedServices.Ports(0, 0));
    SimulatorServer simulator =
        new SimulatorServer(
            new SimulatedMarket(seed, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            speed);
    simulator.start();
    Map<String, String> settings = new LinkedHashMap<>(GammaConfig.EAGER_TRADING);
    settings.putAll(overrides);
    settings.put("trading.venue", simulator.uri().toString());
    settings.put("trading.paper-account", ACCOUNT);
    settings.put("kafka.bootstrap", services.kafkaBootstrap());
    settings.put("redis.host", services.redisHost());
    settings.put("redis.port", String.valueOf(services.redisPort()));
    GammaConfig config = GammaConfig.from(settings);
    services.createTopics(config.topicPartitions(3), config.topicConfigs());
    MarketDataBridge bridge =
        new MarketDataBridge(
            MarketDataBridge.Config.defaults(simulator.uri(), services.kafkaBootstrap())
                .withUserChannels(new Credentials(ACCOUNT, "paper")));
    bridge.start();
    return new PaperVenue(services, simulator, bridge, settings);
  }

  /** Every closed order of the account in {@code currency}, newest first. */
  JsonNode history(String currency) throws Exception {
    return call(
        "private/get_order_history_by_currency",
        Map.of("currency", currency, "include_unfilled", true, "count", 10_000));
  }

  JsonNode openOrders(String currency) throws Exception {
    return call("private/get_open_orders_by_currency", Map.of("currency", currency));
  }

  /** The account's open positions in {@code currency}: size by instrument. */
  Map<String, Double> positions(String currency) throws Exception {
    Map<String, Double> sizes = new HashMap<>();
    for (JsonNode position : call("private/get_positions", Map.of("currency", currency))) {
      double size = position.path("size").asDouble();
      if (size != 0) {
        sizes.put(position.path("instrument_name").asText(), size);
      }
    }
    return sizes;
  }

  /** The labels of every order the account placed in {@code currency}, closed or open. */
  List<String> labels(String currency) throws Exception {
    List<String> labels = new ArrayList<>();
    history(currency).forEach(order -> labels.add(order.path("label").asText()));
    openOrders(currency).forEach(order -> labels.add(order.path("label").asText()));
    return labels;
  }

  /** The legs of our orders that filled, whole or in part. */
  static Set<Leg> filledLegs(JsonNode orders) {
    Set<Leg> legs = new HashSet<>();
    for (JsonNode order : orders) {
      String label = order.path("label").asText();
      if (order.path("filled_amount").asDouble() > 0 && label.startsWith("gsb-")) {
        legs.add(OrderLabel.parse(label).leg());
      }
    }
    return legs;
  }

  /** The job's latest alerts, to say why nothing traded when a test waits in vain. */
  static String recentAlerts(JedisPooled redis) {
    return redis.xrevrange(AlertCache.KEY, (StreamEntryID) null, (StreamEntryID) null, 5).stream()
        .map(entry -> entry.getFields().get("type") + ": " + entry.getFields().get("message"))
        .toList()
        .toString();
  }

  /**
   * The strategy's positions in {@code underlying} as it last wrote them to Redis, by instrument.
   */
  static Map<String, Double> heldByStrategy(JedisPooled redis, String underlying) {
    Map<String, Double> sizes = new HashMap<>();
    redis
        .hgetAll(TradingCache.POSITIONS + underlying)
        .forEach(
            (field, value) -> {
              if (field.startsWith(underlying + "-")) {
                sizes.put(field, Double.parseDouble(value));
              }
            });
    return sizes;
  }

  private JsonNode call(String method, Map<String, ?> params) throws Exception {
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

  @Override
  public void close() throws Exception {
    bridge.close();
    simulator.close();
    services.close();
  }
}
