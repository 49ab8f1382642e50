package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.websocket.AnsweringDeribitServer.Request;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResilientConnectionTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<String> notifications = new CopyOnWriteArrayList<>();
  private final List<Integer> reconnected = new CopyOnWriteArrayList<>();
  private final List<Throwable> lost = new CopyOnWriteArrayList<>();
  private final ResilientConnection.Listener listener =
      new ResilientConnection.Listener() {
        @Override
        public void onReconnected(int reconnects) {
          reconnected.add(reconnects);
        }

        @Override
        public void onConnectionLost(Throwable cause) {
          lost.add(cause);
        }
      };

  private AnsweringDeribitServer server;
  private ResilientConnection connection;

  @BeforeEach
  void startServer() throws Exception {
    server = AnsweringDeribitServer.started();
  }

  @AfterEach
  void stop() throws Exception {
    if (connection != null) {
      connection.close();
    }
    server.close();
  }

  private static ResilientConnection.Settings fastSettings() {
    return ResilientConnection.Settings.defaults()
        .withBackoff(new Backoff(Duration.ofMillis(20), 2, Duration.ofMillis(200), new Random(42)));
  }

  private ResilientConnection open(URI uri, ResilientConnection.Settings settings)
      throws Exception {
    connection =
        ResilientConnection.open(
            uri, (frame, receivedNanos) -> notifications.add(frame), listener, settings);
    return connection;
  }

  private static String notification(String channel, int n) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\""
        + channel
        + "\",\"data\":{\"n\":"
        + n
        + "}}}";
  }

  private List<String> channelsSubscribedOn(int connectionNumber) {
    return server.requests("public/subscribe").stream()
        .filter(request -> request.connection() == connectionNumber)
        .flatMap(
            request -> StreamSupport.stream(request.params().get("channels").spliterator(), false))
        .map(JsonNode::asText)
        .toList();
  }

  @Test
  void reconnectsAfterTheServerDropsResubscribesTheSameChannelsAndNotificationsResume()
      throws Exception {
    open(server.uri(), fastSettings());
    connection.subscribe(List.of("book.BTC-PERPETUAL.100ms", "ticker.BTC-PERPETUAL.100ms")).join();
    connection
        .subscribe(List.of("ticker.BTC-PERPETUAL.100ms", "trades.BTC-PERPETUAL.100ms"))
        .join();
    server.publish(notification("book.BTC-PERPETUAL.100ms", 1));
    await().atMost(WAIT).until(() -> notifications.size() == 1);

    server.dropConnections();

    await().atMost(WAIT).until(() -> reconnected.equals(List.of(1)));
    assertThat(lost).singleElement().isInstanceOf(DeribitConnectionException.class);
    assertThat(server.connectionsAccepted()).isEqualTo(2);
    assertThat(server.requests().stream().filter(r -> r.connection() == 2).map(Request::method))
        .containsExactly("public/set_heartbeat", "public/subscribe");
    assertThat(channelsSubscribedOn(2))
        .containsExactly(
            "book.BTC-PERPETUAL.100ms", "ticker.BTC-PERPETUAL.100ms", "trades.BTC-PERPETUAL.100ms");
    assertThat(connection.reconnects()).isEqualTo(1);
    assertThat(connection.isConnected()).isTrue();

    server.publish(notification("book.BTC-PERPETUAL.100ms", 2));
    await().atMost(WAIT).until(() -> notifications.size() == 2);
    assertThat(notifications.get(1)).contains("\"n\":2");
  }

  @Test
  void subscribingAChannelAgainSendsNothing() throws Exception {
    open(server.uri(), fastSettings());

    List<String> first = connection.subscribe(List.of("a.1", "b.2")).get(5, TimeUnit.SECONDS);
    List<String> again = connection.subscribe(List.of("b.2", "a.1")).get(5, TimeUnit.SECONDS);
    List<String> more = connection.subscribe(List.of("c.3", "a.1")).get(5, TimeUnit.SECONDS);

    assertThat(first).containsExactly("a.1", "b.2");
    assertThat(again).isEmpty();
    assertThat(more).containsExactly("c.3");
    assertThat(channelsSubscribedOn(1)).containsExactly("a.1", "b.2", "c.3");
    assertThat(connection.channels()).containsExactly("a.1", "b.2", "c.3");
  }

  @Test
  void resubscribeUnsubscribesAndSubscribesAgainOnlyTheChannelsHeld() throws Exception {
    open(server.uri(), fastSettings());
    connection.subscribe(List.of("book.BTC-PERPETUAL.100ms", "book.ETH-PERPETUAL.100ms")).join();

    List<String> confirmed =
        connection
            .resubscribe(List.of("book.ETH-PERPETUAL.100ms", "book.NOT-HELD.100ms"))
            .get(5, TimeUnit.SECONDS);

    assertThat(confirmed).containsExactly("book.ETH-PERPETUAL.100ms");
    assertThat(server.requests().stream().map(Request::method))
        .endsWith("public/unsubscribe", "public/subscribe");
    assertThat(server.requests("public/unsubscribe"))
        .singleElement()
        .satisfies(
            request ->
                assertThat(request.params().get("channels").toString())
                    .isEqualTo("[\"book.ETH-PERPETUAL.100ms\"]"));
    assertThat(channelsSubscribedOn(1))
        .containsExactly(
            "book.BTC-PERPETUAL.100ms", "book.ETH-PERPETUAL.100ms", "book.ETH-PERPETUAL.100ms");
    assertThat(connection.channels())
        .containsExactly("book.BTC-PERPETUAL.100ms", "book.ETH-PERPETUAL.100ms");
    assertThat(connection.resubscribe(List.of("book.NOT-HELD.100ms")).join()).isEmpty();
  }

  @Test
  void anUnsubscribedChannelIsNotResubscribedAfterAReconnect() throws Exception {
    open(server.uri(), fastSettings());
    connection.subscribe(List.of("a.1", "b.2")).join();
    assertThat(connection.unsubscribe(List.of("a.1", "z.9")).join()).containsExactly("a.1");

    server.dropConnections();

    await().atMost(WAIT).until(() -> reconnected.size() == 1);
    assertThat(channelsSubscribedOn(2)).containsExactly("b.2");
  }

  @Test
  void replacesAConnectionThatFallsSilent() throws Exception {
    server.heartbeatEvery(Duration.ofMillis(50));
    ResilientConnection.Settings settings =
        fastSettings().withSilenceTimeout(Duration.ofMillis(400));
    // A reconnect may reach the server while it is still silent: its set_heartbeat then times
    // out, which must lead to yet another attempt.
    open(
        server.uri(),
        settings.withOptions(settings.options().withRequestTimeout(Duration.ofMillis(500))));
    connection.subscribe(List.of("a.1")).join();
    Thread.sleep(600);
    assertThat(connection.reconnects()).as("heartbeats keep it alive").isZero();

    server.silent(true);
    await().atMost(WAIT).until(() -> !lost.isEmpty());
    server.silent(false);

    await().atMost(WAIT).until(() -> !reconnected.isEmpty());
    assertThat(lost.get(0)).hasMessageContaining("no frame for");
    int latest = server.connectionsAccepted();
    assertThat(latest).isGreaterThanOrEqualTo(2);
    await()
        .atMost(WAIT)
        .until(() -> channelsSubscribedOn(server.connectionsAccepted()).size() == 1);
  }

  @Test
  void keepsTryingWhileTheServerIsDownAndReconnectsWhenItIsBack() throws Exception {
    int port = server.getPort();
    open(server.uri(), fastSettings());
    connection.subscribe(List.of("a.1")).join();

    server.close();
    await().atMost(WAIT).until(() -> !lost.isEmpty());
    Thread.sleep(500); // several attempts fail meanwhile
    assertThat(reconnected).isEmpty();
    server = AnsweringDeribitServer.startedOn(port);

    await().atMost(WAIT).until(() -> reconnected.equals(List.of(1)));
    assertThat(channelsSubscribedOn(1)).containsExactly("a.1");
    assertThat(lost).hasSize(1);
  }

  @Test
  void failsToOpenWhenNobodyListens() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }

    assertThatThrownBy(
            () -> open(URI.create("ws://127.0.0.1:" + freePort + "/ws/api/v2"), fastSettings()))
        .isInstanceOf(DeribitConnectionException.class);
    connection = null;
  }
}
