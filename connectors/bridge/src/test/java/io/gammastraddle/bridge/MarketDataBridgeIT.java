package io.gammastraddle.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.websocket.Backoff;
import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bridge between the real simulator (over a WebSocket) and a real Kafka broker. */
class MarketDataBridgeIT {

  private static final String TOPIC = MarketDataBridge.Config.DEFAULT_TOPIC;
  private static final String CLOSING_TOPIC = "bridge.it.closing";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedServices services;
  private static SimulatorServer simulator;

  @BeforeAll
  static void startServers() throws Exception {
    services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree());
    services.createTopics(Map.of(TOPIC, 3, CLOSING_TOPIC, 1));
    simulator =
        new SimulatorServer(
            new SimulatedMarket(42, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            1.0);
    simulator.start();
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (simulator != null) {
      simulator.close();
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void producesEveryNotificationKeyedByInstrumentWithItsParamsAndRecvTs() throws Exception {
    long startedNanos = System.currentTimeMillis() * 1_000_000L;
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    MarketDataBridge bridge =
        new MarketDataBridge(
            MarketDataBridge.Config.defaults(simulator.uri(), services.kafkaBootstrap()));

    try (KafkaConsumer<String, String> consumer = services.consumerFromStart(List.of(TOPIC))) {
      try (bridge) {
        bridge.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ZERO)
            .until(
                () -> {
                  consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                  return hasRecordsForEveryKindOfKey(records);
                });
      }
      assertThat(bridge.stopped()).isCompleted();
      assertThat(bridge.sendErrors()).isZero();
      assertThat(bridge.framesReceived()).isGreaterThanOrEqualTo(bridge.recordsProduced());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= bridge.recordsProduced();
              });
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }

    assertThat(records.size())
        .as("each acknowledged record exactly once")
        .isEqualTo(bridge.recordsProduced());
    Map<String, Integer> partitionByKey = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      JsonNode value = JSON.readTree(record.value());
      String channel = value.get("channel").asText();
      assertThat(record.value()).startsWith("{\"recv_ts\":");
      assertThat(value.get("recv_ts").asLong())
          .isBetween(startedNanos, System.currentTimeMillis() * 1_000_000L);
      assertThat(channel).matches("(book|ticker|trades)\\..+\\.100ms|deribit_price_index\\..+");
      assertThat(record.key()).isEqualTo(Notifications.channelKey(channel));
      assertThat(value.get("data")).as(record.value()).isNotNull();
      assertThat(partitionByKey.computeIfAbsent(record.key(), key -> record.partition()))
          .as("one partition per key")
          .isEqualTo(record.partition());
    }
    assertThat(partitionByKey).containsKeys("BTC-PERPETUAL", "ETH-PERPETUAL", "btc_usd", "eth_usd");
    assertThat(partitionByKey.keySet()).anyMatch(MarketDataBridgeIT::isOption);
  }

  @Test
  void stopsAndReportsTheFailureWhenKafkaRefusesARecord() throws Exception {
    MarketDataBridge bridge =
        new MarketDataBridge(
            MarketDataBridge.Config.defaults(simulator.uri(), services.kafkaBootstrap())
                .withTopic("not a valid topic name")
                .withIncludeOptions(false));

    try (bridge) {
      bridge.start();

      await().atMost(Duration.ofSeconds(30)).until(() -> bridge.stopped().isDone());
      assertThat(bridge.stopped())
          .failsWithin(Duration.ZERO)
          .withThrowableThat()
          .withCauseInstanceOf(InvalidTopicException.class);
      assertThat(bridge.sendErrors()).isPositive();
      assertThat(bridge.recordsProduced()).isZero();
    }
  }

  @Test
  void reconnectsAndKeepsProducingWhenTheWebSocketIsLost() throws Exception {
    SimulatorServer closingSimulator = simulatorOn(0, 7);
    int port = closingSimulator.port();
    MarketDataBridge bridge =
        new MarketDataBridge(
            MarketDataBridge.Config.defaults(closingSimulator.uri(), services.kafkaBootstrap())
                .withTopic(CLOSING_TOPIC)
                .withIncludeOptions(false)
                .withConnection(
                    ResilientConnection.Settings.defaults()
                        .withBackoff(
                            new Backoff(
                                Duration.ofMillis(50), 2, Duration.ofMillis(500), new Random(7)))));

    try (bridge) {
      bridge.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> bridge.recordsProduced() > 0);
      closingSimulator.close();
      Thread.sleep(300); // some reconnect attempts fail meanwhile
      long producedWhileDown = bridge.recordsProduced();

      try (SimulatorServer restarted = simulatorOn(port, 8)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> bridge.reconnects() == 1);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> bridge.recordsProduced() > producedWhileDown + 10);
      }
      assertThat(bridge.stopped()).isNotDone();
      assertThat(bridge.sendErrors()).isZero();
    }
  }

  private static SimulatorServer simulatorOn(int port, long seed) throws Exception {
    SimulatorServer server =
        new SimulatorServer(
            new SimulatedMarket(seed, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", port),
            1.0);
    server.start();
    return server;
  }

  private static boolean hasRecordsForEveryKindOfKey(List<ConsumerRecord<String, String>> records) {
    List<String> keys = records.stream().map(ConsumerRecord::key).distinct().toList();
    return keys.containsAll(List.of("BTC-PERPETUAL", "ETH-PERPETUAL", "btc_usd", "eth_usd"))
        && keys.stream().anyMatch(MarketDataBridgeIT::isOption)
        && records.stream()
            .anyMatch(r -> r.key().equals("BTC-PERPETUAL") && r.value().contains("\"trades."));
  }

  private static boolean isOption(String key) {
    return key.matches("(BTC|ETH)-\\d{1,2}[A-Z]{3}\\d{2}-\\d+-[CP]");
  }
}
