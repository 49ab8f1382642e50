package io.gammastraddle.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.chain.ChainSelection;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The account's orders, trades and portfolio flow from the simulator's paper exchange through the
 * bridge into {@code deribit.user.raw} on a real Kafka broker, keyed by order label, and never into
 * the market topic.
 */
class UserChannelsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LABEL = "gsb-BTC-7-call";

  @Test
  void ordersOfTheAccountReachTheUserTopicKeyedByLabel() throws Exception {
    Credentials account = new Credentials("bridge-it", "bridge-it-secret");
    try (EmbeddedServices services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree());
        SimulatorServer simulator =
            new SimulatorServer(
                new SimulatedMarket(9, System.currentTimeMillis()),
                new InetSocketAddress("127.0.0.1", 0),
                1.0)) {
      services.createTopics(Map.of("market.it", 1, "user.it", 1));
      simulator.start();
      MarketDataBridge.Config config =
          MarketDataBridge.Config.defaults(simulator.uri(), services.kafkaBootstrap())
              .withTopic("market.it")
              .withUserTopic("user.it")
              .withChain(ChainSelection.perpetualsOnly())
              .withUserChannels(account);
      try (MarketDataBridge bridge = new MarketDataBridge(config);
          ResilientConnection trader =
              ResilientConnection.open(
                  simulator.uri(),
                  (frame, nanos) -> {},
                  reconnects -> {},
                  ResilientConnection.Settings.defaults().withCredentials(account));
          KafkaConsumer<String, String> users = services.consumerFromStart(List.of("user.it"));
          KafkaConsumer<String, String> market = services.consumerFromStart(List.of("market.it"))) {
        bridge.start();
        JsonNode bought =
            ResilientConnection.await(
                trader.call(
                    "private/buy",
                    Map.of(
                        "instrument_name",
                        "BTC-PERPETUAL",
                        "amount",
                        50,
                        "type",
                        "market",
                        "label",
                        LABEL)));
        String orderId = bought.at("/order/order_id").asText();

        List<ConsumerRecord<String, String>> userRecords = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  users.poll(Duration.ofMillis(200)).forEach(userRecords::add);
                  return channels(userRecords)
                      .containsAll(
                          List.of(
                              "user.orders.any.BTC.raw",
                              "user.trades.any.BTC.raw",
                              "user.portfolio.btc"));
                });
        ConsumerRecord<String, String> order = first(userRecords, "user.orders.any.BTC.raw");
        assertThat(order.key()).isEqualTo(LABEL);
        JsonNode value = JSON.readTree(order.value());
        assertThat(value.at("/data/order_id").asText()).isEqualTo(orderId);
        assertThat(value.get("recv_ts").asLong()).isPositive();
        assertThat(first(userRecords, "user.trades.any.BTC.raw").key()).isEqualTo(LABEL);
        assertThat(first(userRecords, "user.portfolio.btc").key()).isEqualTo("BTC");
        assertThat(bridge.userRecordsProduced()).isGreaterThanOrEqualTo(3);

        List<ConsumerRecord<String, String>> marketRecords = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  market.poll(Duration.ofMillis(200)).forEach(marketRecords::add);
                  return marketRecords.size() > 20;
                });
        assertThat(channels(marketRecords)).noneMatch(channel -> channel.startsWith("user."));
      }
    }
  }

  private static List<String> channels(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(UserChannelsIT::channel).toList();
  }

  private static String channel(ConsumerRecord<String, String> record) {
    try {
      return JSON.readTree(record.value()).path("channel").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ConsumerRecord<String, String> first(
      List<ConsumerRecord<String, String>> records, String channel) {
    return records.stream().filter(r -> channel(r).equals(channel)).findFirst().orElseThrow();
  }
}
