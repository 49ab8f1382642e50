package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.websocket.AnsweringDeribitServer.Request;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResilientConnectionAuthenticationTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String SECRET = "s3cr3t-never-print-me";
  private static final Credentials CREDENTIALS = new Credentials("my-client-id", SECRET);

  private final List<Integer> reconnected = new CopyOnWriteArrayList<>();
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

  private static ResilientConnection.Settings authenticating() {
    return ResilientConnection.Settings.defaults()
        .withBackoff(new Backoff(Duration.ofMillis(20), 2, Duration.ofMillis(100), new Random(1)))
        .withCredentials(CREDENTIALS);
  }

  private ResilientConnection open() throws Exception {
    return open(authenticating());
  }

  private ResilientConnection open(ResilientConnection.Settings settings) throws Exception {
    connection =
        ResilientConnection.open(
            server.uri(), (frame, receivedNanos) -> {}, reconnected::add, settings);
    return connection;
  }

  private List<String> methodsOn(int connectionNumber) {
    return server.requests().stream()
        .filter(request -> request.connection() == connectionNumber)
        .map(Request::method)
        .toList();
  }

  private List<String> channelsOn(int connectionNumber, String method) {
    return server.requests(method).stream()
        .filter(request -> request.connection() == connectionNumber)
        .flatMap(request -> request.params().get("channels").valueStream())
        .map(JsonNode::asText)
        .toList();
  }

  @Test
  void authenticatesWithClientCredentialsAndAgainAfterEveryReconnect() throws Exception {
    open();
    connection.subscribe(List.of("user.orders.any.any.raw")).join();

    server.dropConnections();
    await().atMost(WAIT).until(() -> reconnected.size() == 1);

    List<Request> auths = server.requests("public/auth");
    assertThat(auths).extracting(Request::connection).containsExactly(1, 2);
    assertThat(auths)
        .allSatisfy(
            auth -> {
              assertThat(auth.params().get("grant_type").asText()).isEqualTo("client_credentials");
              assertThat(auth.params().get("client_id").asText()).isEqualTo("my-client-id");
              assertThat(auth.params().get("client_secret").asText()).isEqualTo(SECRET);
            });
    assertThat(methodsOn(2))
        .as("authenticated before resubscribing")
        .containsExactly("public/set_heartbeat", "public/auth", "public/subscribe");
  }

  @Test
  void subscribesPrivateChannelsWithPrivateSubscribeAfterAuthOnEveryConnection() throws Exception {
    open();
    assertThat(connection.subscribePrivate(List.of("user.orders.any.BTC.raw")).join())
        .containsExactly("user.orders.any.BTC.raw");
    connection.subscribe(List.of("book.BTC-PERPETUAL.100ms", "user.orders.any.BTC.raw")).join();

    server.dropConnections();
    await().atMost(WAIT).until(() -> reconnected.size() == 1);

    assertThat(channelsOn(1, "private/subscribe")).containsExactly("user.orders.any.BTC.raw");
    assertThat(channelsOn(1, "public/subscribe"))
        .as("a private channel asked for again stays private")
        .containsExactly("book.BTC-PERPETUAL.100ms");
    // The fake server refuses private/* before public/auth, as Deribit does.
    assertThat(methodsOn(2))
        .containsExactly(
            "public/set_heartbeat", "public/auth", "public/subscribe", "private/subscribe");
    assertThat(channelsOn(2, "public/subscribe")).containsExactly("book.BTC-PERPETUAL.100ms");
    assertThat(channelsOn(2, "private/subscribe")).containsExactly("user.orders.any.BTC.raw");
  }

  @Test
  void unsubscribesAndResubscribesAPrivateChannelWithThePrivateMethods() throws Exception {
    open();
    connection.subscribePrivate(List.of("user.portfolio.BTC", "user.trades.any.BTC.raw")).join();
    connection.subscribe(List.of("ticker.BTC-PERPETUAL.100ms")).join();

    assertThat(connection.resubscribe(List.of("user.portfolio.BTC", "ticker.BTC-PERPETUAL.100ms")))
        .succeedsWithin(WAIT)
        .asList()
        .containsExactlyInAnyOrder("user.portfolio.BTC", "ticker.BTC-PERPETUAL.100ms");
    assertThat(connection.unsubscribe(List.of("user.trades.any.BTC.raw")).join())
        .containsExactly("user.trades.any.BTC.raw");

    assertThat(channelsOn(1, "private/unsubscribe"))
        .containsExactly("user.portfolio.BTC", "user.trades.any.BTC.raw");
    assertThat(channelsOn(1, "private/subscribe"))
        .containsExactly("user.portfolio.BTC", "user.trades.any.BTC.raw", "user.portfolio.BTC");
    assertThat(channelsOn(1, "public/unsubscribe")).containsExactly("ticker.BTC-PERPETUAL.100ms");
    assertThat(connection.channels())
        .containsExactly("user.portfolio.BTC", "ticker.BTC-PERPETUAL.100ms");
  }

  @Test
  void privateChannelsNeedCredentials() throws Exception {
    open(authenticating().withCredentials(null));

    assertThat(catchThrowable(() -> connection.subscribePrivate(List.of("user.portfolio.BTC"))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(
            catchThrowable(
                () -> open(authenticating().withCredentials(null).withCancelOnDisconnect(true))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cancel-on-disconnect needs credentials");
  }

  @Test
  void enablesCancelOnDisconnectAfterEveryAuthenticationAndBeforeResubscribing() throws Exception {
    open(authenticating().withCancelOnDisconnect(true));
    connection.subscribe(List.of("book.BTC-PERPETUAL.100ms")).join();
    connection.subscribePrivate(List.of("user.orders.any.BTC.raw")).join();

    server.dropConnections();
    await().atMost(WAIT).until(() -> reconnected.size() == 1);

    assertThat(methodsOn(1))
        .startsWith("public/set_heartbeat", "public/auth", "private/enable_cancel_on_disconnect");
    assertThat(methodsOn(2))
        .containsExactly(
            "public/set_heartbeat",
            "public/auth",
            "private/enable_cancel_on_disconnect",
            "public/subscribe",
            "private/subscribe");
    assertThat(server.requests("private/enable_cancel_on_disconnect"))
        .hasSize(2)
        .allSatisfy(
            request ->
                assertThat(request.params().toString()).isEqualTo("{\"scope\":\"connection\"}"));
  }

  @Test
  void aRefusedCancelOnDisconnectFailsTheOpenAndReplacesALaterConnection() throws Exception {
    server.refuseNext("private/enable_cancel_on_disconnect", 11050, "bad_request");
    assertThat(catchThrowable(() -> open(authenticating().withCancelOnDisconnect(true))))
        .isInstanceOfSatisfying(
            DeribitRpcException.class, e -> assertThat(e.code()).isEqualTo(11050));

    open(authenticating().withCancelOnDisconnect(true));
    connection.subscribe(List.of("book.BTC-PERPETUAL.100ms")).join();
    server.refuseNext("private/enable_cancel_on_disconnect", 11050, "bad_request");
    server.dropConnections();
    await().atMost(WAIT).until(() -> reconnected.size() == 1);

    int last = server.connectionsAccepted();
    assertThat(last).as("the refused setup was replaced by one more connection").isEqualTo(4);
    assertThat(methodsOn(3))
        .as("nothing subscribed on a connection without cancel-on-disconnect")
        .containsExactly(
            "public/set_heartbeat", "public/auth", "private/enable_cancel_on_disconnect");
    assertThat(methodsOn(4)).endsWith("private/enable_cancel_on_disconnect", "public/subscribe");
  }

  @Test
  void refreshesTheTokenWithTheRefreshTokenBeforeItExpires() throws Exception {
    server.tokenLifetimeSeconds(1);
    long start = System.nanoTime();
    open();

    await().atMost(WAIT).until(() -> server.requests("public/auth").size() >= 3);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    List<Request> auths = server.requests("public/auth");
    String firstRefreshToken = "refresh-" + 2; // the fake server numbers tokens by request count
    assertThat(auths.get(1).params().get("grant_type").asText()).isEqualTo("refresh_token");
    assertThat(auths.get(1).params().get("refresh_token").asText()).isEqualTo(firstRefreshToken);
    assertThat(auths.get(2).params().get("refresh_token").asText())
        .as("each refresh uses the newest refresh token")
        .isNotEqualTo(firstRefreshToken)
        .startsWith("refresh-");
    assertThat(auths).extracting(Request::connection).containsOnly(1);
    assertThat(elapsedMillis).as("at 80%% of a 1 s lifetime, twice").isBetween(1_500L, 5_000L);
  }

  @Test
  void theSecretReachesNeitherLogsNorExceptionsNorToString() throws Exception {
    server.refuseNext("public/auth", 13004, "invalid_credentials");
    Throwable refused;
    String connectionText;
    try (CapturedLogs logs = CapturedLogs.capture()) {
      refused = catchThrowable(this::open);
      server.tokenLifetimeSeconds(1);
      open();
      server.refuseNext("public/auth", 13009, "unauthorized"); // the refresh
      await().atMost(WAIT).until(() -> reconnected.size() == 1);
      connectionText = connection.toString();

      assertThat(logs.text()).contains("refreshing the token failed").doesNotContain(SECRET);
    }

    assertThat(refused)
        .isInstanceOfSatisfying(
            DeribitRpcException.class, e -> assertThat(e.code()).isEqualTo(13004));
    StringWriter trace = new StringWriter();
    refused.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).contains("invalid_credentials").doesNotContain(SECRET);
    assertThat(connectionText).doesNotContain(SECRET);
    assertThat(server.requests("public/auth").stream().map(r -> r.json().toString()))
        .as("the secret did go to the server")
        .anyMatch(text -> text.contains(SECRET));
  }
}
