package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each injected fault, observed by the JDK's WebSocket client over a real socket. */
class SimulatorFaultsIT {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String BOOK = "book.BTC-PERPETUAL.100ms";
  private static final String INDEX = "deribit_price_index.btc_usd";

  private SimulatorServer server;
  private Faults faults;

  @BeforeEach
  void startServer() throws IOException {
    server =
        new SimulatorServer(
            new SimulatedMarket(42, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            ServerOptions.defaults().withMinimumHeartbeat(Duration.ofMillis(200)));
    server.start();
    faults = server.faults();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void droppedConnectionsCloseEveryClientPromptlyWith1011() {
    try (DeribitTestClient first = DeribitTestClient.connect(server.uri());
        DeribitTestClient second = DeribitTestClient.connect(server.uri())) {
      subscribe(first, INDEX);
      second.call("public/test");

      faults.dropConnections();

      for (DeribitTestClient client : List.of(first, second)) {
        DeribitTestClient.Closing closing = client.closing().orTimeout(1, TimeUnit.SECONDS).join();
        assertThat(closing.code()).isEqualTo(1011);
      }
      assertThat(faults.count(Fault.DROPPED_CONNECTION)).isEqualTo(2);
      await().atMost(WAIT).until(() -> server.sessionCount() == 0);
    }
  }

  @Test
  void refusedConnectionsFailTheUpgradeUntilTheRefusalEnds() {
    faults.refuseConnections(Duration.ofMillis(600));

    assertThatThrownBy(() -> DeribitTestClient.connect(server.uri()))
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(WebSocketHandshakeException.class);
    assertThat(faults.count(Fault.REFUSED_CONNECTION)).isEqualTo(1);
    await()
        .pollInterval(Duration.ofMillis(100))
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
                return client.call("public/test").has("result");
              }
            });
  }

  @Test
  void rejectNextAnswersTheNextRequestsOfTheMethodWithTheErrorThenNormally() {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      faults.rejectNext("public/get_time", 10028, "too_many_requests", 2);

      JsonNode first = client.call("public/get_time");
      JsonNode otherMethod = client.call("public/test");
      JsonNode second = client.call("public/get_time");
      JsonNode third = client.call("public/get_time");

      for (JsonNode rejected : List.of(first, second)) {
        assertThat(rejected.at("/error/code").asInt()).isEqualTo(10028);
        assertThat(rejected.at("/error/message").asText()).isEqualTo("too_many_requests");
        assertThat(rejected.has("usIn")).isTrue();
      }
      assertThat(second.get("id").asInt()).isEqualTo(3);
      assertThat(otherMethod.has("result")).isTrue();
      assertThat(third.get("result").isNumber()).isTrue();
      assertThat(faults.count(Fault.REJECTED_REQUEST)).isEqualTo(2);
    }
  }

  @Test
  void skippedChangeIdsLeaveAGapAndAResubscriptionGivesALinkingSnapshot()
      throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      subscribe(client, BOOK);
      JsonNode first = nextBook(client);
      assertThat(first.get("type").asText()).isEqualTo("snapshot");
      faults.skipChangeIds("BTC-PERPETUAL", 3);

      List<JsonNode> changes = new ArrayList<>(List.of(first));
      changes.addAll(books(client, 6));

      List<Integer> gaps = new ArrayList<>();
      for (int i = 1; i < changes.size(); i++) {
        if (changes.get(i).get("prev_change_id").asLong()
            != changes.get(i - 1).get("change_id").asLong()) {
          gaps.add(i);
        }
      }
      assertThat(gaps).hasSize(1);
      assertThat(faults.count(Fault.SKIPPED_CHANGE)).isEqualTo(3);

      client.call("public/unsubscribe", channels(BOOK));
      subscribe(client, BOOK);
      JsonNode snapshot = nextBook(client);
      while (!snapshot.get("type").asText().equals("snapshot")) {
        snapshot = nextBook(client);
      }
      assertThat(nextBook(client).get("prev_change_id").asLong())
          .isEqualTo(snapshot.get("change_id").asLong());
    }
  }

  @Test
  void duplicateSendsSomeNotificationsTwice() throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      subscribe(client, BOOK);
      nextBook(client);
      faults.duplicate(0.5);

      List<Long> changeIds = changeIds(books(client, 12));

      long repeats = changeIds.size() - changeIds.stream().distinct().count();
      assertThat(repeats).isPositive();
      assertThat(changeIds).as("each duplicate follows its original").isSorted();
      assertThat(faults.count(Fault.DUPLICATED_NOTIFICATION)).isGreaterThanOrEqualTo(repeats);
    }
  }

  @Test
  void reorderSwapsSomeNotificationsWithTheNextFrame() throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      subscribe(client, BOOK);
      nextBook(client);
      faults.reorder(0.5);

      List<Long> changeIds = changeIds(books(client, 12));

      assertThat(changeIds).doesNotHaveDuplicates();
      assertThat(changeIds).as("some change before an older one").isNotEqualTo(sorted(changeIds));
      assertThat(faults.count(Fault.REORDERED_NOTIFICATION)).isPositive();
    }
  }

  @Test
  void stoppedHeartbeatsSendNoTestRequestsAndLeavePublicTestUnanswered()
      throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      client.call("public/set_heartbeat", DeribitTestClient.params().put("interval", 0.3));
      assertThat(client.nextNotification(WAIT).get("method").asText()).isEqualTo("heartbeat");
      client.call("public/test");

      faults.stopHeartbeats();
      CompletableFuture<JsonNode> unanswered =
          client.request("public/test", DeribitTestClient.params());

      assertThat(client.nextNotification(Duration.ofMillis(1_000))).isNull();
      assertThat(unanswered).isNotDone();
      assertThat(client.closing()).as("connection stays open").isNotDone();
      assertThat(faults.count(Fault.WITHHELD_HEARTBEAT)).isGreaterThanOrEqualTo(2);
      assertThat(faults.count(Fault.UNANSWERED_TEST)).isEqualTo(1);

      faults.resumeHeartbeats();
      assertThat(client.nextNotification(WAIT).get("method").asText()).isEqualTo("heartbeat");
    }
  }

  @Test
  void silenceSendsNothingWhileTheConnectionStaysOpen() throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      subscribe(client, INDEX);
      assertThat(client.nextNotification(WAIT)).isNotNull();

      faults.silence();
      await().atMost(WAIT).until(() -> faults.count(Fault.SILENCED_FRAME) > 0);
      CompletableFuture<JsonNode> unanswered = client.request("public/get_time", params());
      // what left before the silence has arrived by now
      Thread.sleep(200);
      client.clearNotifications();

      assertThat(client.nextNotification(Duration.ofMillis(600))).isNull();
      assertThat(unanswered).isNotDone();
      assertThat(client.closing()).isNotDone();

      faults.endSilence();
      assertThat(client.nextNotification(WAIT)).isNotNull();
      assertThat(client.call("public/test").has("result")).isTrue();
    }
  }

  @Test
  void delayHoldsEveryFrameBackAtLeastTheDelayAndKeepsTheOrder() throws InterruptedException {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      Duration delay = Duration.ofMillis(300);
      faults.delay(delay);

      long start = System.nanoTime();
      client.call("public/test");
      Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
      subscribe(client, BOOK);
      List<JsonNode> books = books(client, 5);

      assertThat(roundTrip).isGreaterThanOrEqualTo(delay);
      assertThat(books.get(0).get("type").asText()).isEqualTo("snapshot");
      for (int i = 1; i < books.size(); i++) {
        assertThat(books.get(i).get("prev_change_id").asLong())
            .isEqualTo(books.get(i - 1).get("change_id").asLong());
      }
      assertThat(faults.count(Fault.DELAYED_FRAME)).isGreaterThanOrEqualTo(7);
    }
  }

  @Test
  void clearDisarmsEveryFaultAndKeepsTheCounts() {
    try (DeribitTestClient client = DeribitTestClient.connect(server.uri())) {
      faults.rejectNext("public/test", 13009, "invalid_token", 5);
      assertThat(client.call("public/test").at("/error/code").asInt()).isEqualTo(13009);

      faults.clear();

      assertThat(client.call("public/test").has("result")).isTrue();
      assertThat(faults.count(Fault.REJECTED_REQUEST)).isEqualTo(1);
    }
  }

  private static JsonNode subscribe(DeribitTestClient client, String channel) {
    return client.call("public/subscribe", channels(channel));
  }

  private static ObjectNode params() {
    return DeribitTestClient.params();
  }

  private static ObjectNode channels(String channel) {
    ObjectNode params = params();
    params.putArray("channels").add(channel);
    return params;
  }

  /** The data of the next {@link #BOOK} notification. */
  private static JsonNode nextBook(DeribitTestClient client) throws InterruptedException {
    while (true) {
      JsonNode notification = client.nextNotification(WAIT);
      assertThat(notification).as("book notification within %s", WAIT).isNotNull();
      if (notification.at("/params/channel").asText().equals(BOOK)) {
        return notification.at("/params/data");
      }
    }
  }

  private static List<JsonNode> books(DeribitTestClient client, int count)
      throws InterruptedException {
    List<JsonNode> books = new ArrayList<>(count);
    while (books.size() < count) {
      books.add(nextBook(client));
    }
    return books;
  }

  private static List<Long> changeIds(List<JsonNode> books) {
    return books.stream().map(book -> book.get("change_id").asLong()).toList();
  }

  private static List<Long> sorted(List<Long> values) {
    return values.stream().sorted().toList();
  }
}
