package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator over a real socket, driven by the JDK's WebSocket client. */
class SimulatorServerIT {
  private static final Duration SHORT_HEARTBEAT_MINIMUM = Duration.ofMillis(200);
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static SimulatorServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server = startedServer(1.0, SHORT_HEARTBEAT_MINIMUM, ServerOptions.defaults().sendQueueLimit());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void answersPublicTestInDeribitsEnvelope() {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      JsonNode response = client.call("public/test");

      assertThat(response.get("jsonrpc").asText()).isEqualTo("2.0");
      assertThat(response.get("id").asInt()).isEqualTo(1);
      assertThat(response.at("/result/version").isTextual()).isTrue();
      assertThat(response.get("usOut").asLong())
          .isGreaterThanOrEqualTo(response.get("usIn").asLong());
      assertThat(response.get("usDiff").asLong())
          .isEqualTo(response.get("usOut").asLong() - response.get("usIn").asLong());
      assertThat(response.get("testnet").isBoolean()).isTrue();
    }
  }

  @Test
  void getTimeFollowsTheWallClockAtRealTimeSpeed() {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      long serverTime = client.call("public/get_time").get("result").asLong();

      assertThat((double) serverTime).isCloseTo(System.currentTimeMillis(), within(2_000.0));
    }
  }

  @Test
  void listsInstrumentsByCurrencyAndKind() {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      JsonNode btc = instruments(client, DeribitTestClient.params().put("currency", "BTC"));
      JsonNode ethOptions =
          instruments(
              client, DeribitTestClient.params().put("currency", "ETH").put("kind", "option"));
      JsonNode perpetuals =
          instruments(
              client, DeribitTestClient.params().put("currency", "any").put("kind", "future"));
      JsonNode expired =
          instruments(
              client, DeribitTestClient.params().put("currency", "BTC").put("expired", true));

      assertThat(btc).hasSize(23);
      assertThat(ethOptions).hasSize(22);
      ethOptions.forEach(
          option -> {
            assertThat(option.get("kind").asText()).isEqualTo("option");
            assertThat(option.get("instrument_name").asText()).startsWith("ETH-");
          });
      assertThat(names(perpetuals)).containsExactly("BTC-PERPETUAL", "ETH-PERPETUAL");
      assertThat(expired).isEmpty();
    }
  }

  @Test
  void unknownCurrencyIsAnInvalidParamsError() {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      JsonNode response =
          client.call("public/get_instruments", DeribitTestClient.params().put("currency", "XRP"));

      assertThat(response.at("/error/code").asInt()).isEqualTo(-32602);
      assertThat(response.at("/error/data/param").asText()).isEqualTo("currency");
    }
  }

  @Test
  void bookSubscriptionStartsWithASnapshotThenChainedChanges() throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      JsonNode response =
          subscribe(
              client,
              "book.BTC-PERPETUAL.100ms",
              "ticker.BTC-PERPETUAL.100ms",
              "deribit_price_index.btc_usd",
              "book.NO-SUCH-THING.100ms");

      assertThat(response.get("result"))
          .extracting(JsonNode::asText)
          .containsExactly(
              "book.BTC-PERPETUAL.100ms",
              "ticker.BTC-PERPETUAL.100ms",
              "deribit_price_index.btc_usd");
      List<JsonNode> books = new ArrayList<>();
      boolean tickerSeen = false;
      boolean indexSeen = false;
      while (books.size() < 6 || !tickerSeen || !indexSeen) {
        JsonNode notification = client.nextNotification(WAIT);
        assertThat(notification).as("notification within %s", WAIT).isNotNull();
        String channel = notification.at("/params/channel").asText();
        tickerSeen |= channel.equals("ticker.BTC-PERPETUAL.100ms");
        indexSeen |= channel.equals("deribit_price_index.btc_usd");
        if (channel.equals("book.BTC-PERPETUAL.100ms")) {
          books.add(notification.at("/params/data"));
        }
      }
      assertThat(books.get(0).get("type").asText()).isEqualTo("snapshot");
      for (int i = 1; i < books.size(); i++) {
        assertThat(books.get(i).get("type").asText()).isEqualTo("change");
        assertThat(books.get(i).get("prev_change_id").asLong())
            .isEqualTo(books.get(i - 1).get("change_id").asLong());
      }
    }
  }

  @Test
  void unsubscribeStopsNotifications() throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      subscribe(client, "deribit_price_index.eth_usd");
      assertThat(client.nextNotification(WAIT)).isNotNull();

      JsonNode response =
          client.call(
              "public/unsubscribe",
              channels(DeribitTestClient.params(), "deribit_price_index.eth_usd"));

      assertThat(response.get("result"))
          .extracting(JsonNode::asText)
          .containsExactly("deribit_price_index.eth_usd");
      // whatever was already on the wire before the response has arrived by now
      client.clearNotifications();
      assertThat(client.nextNotification(Duration.ofMillis(600))).isNull();
    }
  }

  @Test
  void heartbeatSendsTestRequestsAndDisconnectsASilentClient() throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      JsonNode response =
          client.call("public/set_heartbeat", DeribitTestClient.params().put("interval", 0.3));
      assertThat(response.get("result").asText()).isEqualTo("ok");

      JsonNode heartbeat = client.nextNotification(WAIT);

      assertThat(heartbeat.get("method").asText()).isEqualTo("heartbeat");
      assertThat(heartbeat.at("/params/type").asText()).isEqualTo("test_request");
      DeribitTestClient.Closing closing =
          client.closing().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
      assertThat(closing.reason()).contains("heartbeat");
    }
  }

  @Test
  void answeredHeartbeatsKeepTheConnectionOpen() throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      client.call("public/set_heartbeat", DeribitTestClient.params().put("interval", 0.3));
      int answered = 0;
      long end = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
      while (System.nanoTime() < end) {
        JsonNode notification = client.nextNotification(Duration.ofMillis(100));
        if (notification != null && notification.get("method").asText().equals("heartbeat")) {
          client.call("public/test");
          answered++;
        }
      }

      assertThat(answered).isGreaterThanOrEqualTo(3);
      assertThat(client.closing()).isNotDone();
      client.call("public/disable_heartbeat");
      // A heartbeat the server sent before it took the request can still be queued here: frames
      // arrive in order, so everything queued now came before the answer. After it, none may come.
      client.clearNotifications();
      assertThat(client.nextNotification(Duration.ofMillis(700))).isNull();
    }
  }

  @Test
  void heartbeatIntervalHasDeribitsTenSecondMinimum() throws IOException {
    try (SimulatorServer standard =
            new SimulatorServer(
                new SimulatedMarket(1, System.currentTimeMillis()),
                new InetSocketAddress("127.0.0.1", 0),
                1.0);
        DeribitTestClient client = connect(standard)) {
      JsonNode tooShort =
          client.call("public/set_heartbeat", DeribitTestClient.params().put("interval", 5));
      JsonNode minimum =
          client.call("public/set_heartbeat", DeribitTestClient.params().put("interval", 10));

      assertThat(tooShort.at("/error/code").asInt()).isEqualTo(-32602);
      assertThat(minimum.get("result").asText()).isEqualTo("ok");
    }
  }

  @Test
  void unknownMethodAndMalformedJsonGetJsonRpcErrors() throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      JsonNode unknown = client.call("public/no_such_method");
      client.sendText("{\"jsonrpc\":\"2.0\",\"id\":");
      JsonNode malformed = client.nextUnmatchedResponse(WAIT);

      assertThat(unknown.at("/error/code").asInt()).isEqualTo(-32601);
      assertThat(unknown.at("/error/message").asText()).isEqualTo("Method not found");
      assertThat(malformed.at("/error/code").asInt()).isEqualTo(-32700);
      assertThat(client.call("public/test").has("result")).as("still serving").isTrue();
    }
  }

  @Test
  void rejectsUpgradesOnOtherPaths() {
    URI wrongPath = URI.create("ws://127.0.0.1:" + server.port() + "/ws/api/v1");

    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(wrongPath, new WebSocket.Listener() {})
                    .join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(404));
  }

  @Test
  void portInUseFailsWithAMessageNamingThePort() {
    SimulatorServer second =
        new SimulatorServer(
            new SimulatedMarket(1, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", server.port()),
            1.0);

    assertThatThrownBy(second::start)
        .isInstanceOf(BindException.class)
        .hasMessageContaining("port " + server.port() + " is already in use")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void slowClientIsDisconnectedWhileOthersKeepReceiving() throws Exception {
    SimulatedMarket market = new SimulatedMarket(5, System.currentTimeMillis());
    try (SimulatorServer fast = startedServer(20.0, SHORT_HEARTBEAT_MINIMUM, 500);
        DeribitTestClient slowClient = connect(fast);
        DeribitTestClient healthyClient = connect(fast)) {
      subscribe(healthyClient, "deribit_price_index.btc_usd");
      slowClient.call(
          "public/subscribe",
          channels(DeribitTestClient.params(), market.channels().toArray(String[]::new)));
      slowClient.stopReading();

      await().atMost(Duration.ofSeconds(30)).until(() -> fast.sessionCount() == 1);

      healthyClient.clearNotifications();
      assertThat(healthyClient.nextNotification(WAIT))
          .as("healthy client still served")
          .isNotNull();
      slowClient.resumeReading();
      DeribitTestClient.Closing closing =
          slowClient.closing().orTimeout(30, TimeUnit.SECONDS).join();
      assertThat(closing.code()).isEqualTo(1013);
      assertThat(closing.reason()).isEqualTo("send queue overflow");
    }
  }

  @Test
  void closeStopsTheServersThreads() throws IOException {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    SimulatorServer temporary = startedServer(1.0, SHORT_HEARTBEAT_MINIMUM, 100);
    try (DeribitTestClient client = connect(temporary)) {
      subscribe(client, "deribit_price_index.btc_usd");
    }
    assertThat(serverThreadsStartedSince(before)).isNotEmpty();

    temporary.close();

    await().atMost(WAIT).until(() -> serverThreadsStartedSince(before).isEmpty());
  }

  private static List<Thread> serverThreadsStartedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && thread.isAlive())
        .filter(
            thread ->
                thread.getName().startsWith("gsb-simulator")
                    || thread.getName().startsWith("WebSocket")
                    || thread.getName().startsWith("connectionLostChecker"))
        .toList();
  }

  private static SimulatorServer startedServer(
      double speed, Duration heartbeatMinimum, int sendQueueLimit) throws IOException {
    SimulatorServer started =
        new SimulatorServer(
            new SimulatedMarket(42, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            ServerOptions.defaults()
                .withSpeed(speed)
                .withMinimumHeartbeat(heartbeatMinimum)
                .withSendQueueLimit(sendQueueLimit));
    started.start();
    return started;
  }

  private static DeribitTestClient connect(SimulatorServer target) throws IOException {
    if (target.port() == 0) {
      target.start();
    }
    return DeribitTestClient.connect(target.uri());
  }

  private static JsonNode subscribe(DeribitTestClient client, String... channels) {
    return client.call("public/subscribe", channels(DeribitTestClient.params(), channels));
  }

  private static ObjectNode channels(ObjectNode params, String... channels) {
    params.putArray("channels").addAll(List.of(channels).stream().map(params::textNode).toList());
    return params;
  }

  private static JsonNode instruments(DeribitTestClient client, ObjectNode params) {
    return client.call("public/get_instruments", params).get("result");
  }

  private static List<String> names(JsonNode instruments) {
    List<String> names = new ArrayList<>();
    instruments.forEach(i -> names.add(i.get("instrument_name").asText()));
    return names;
  }
}
