package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

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

  private ResilientConnection open() throws Exception {
    connection =
        ResilientConnection.open(
            server.uri(),
            (frame, receivedNanos) -> {},
            reconnected::add,
            ResilientConnection.Settings.defaults()
                .withBackoff(
                    new Backoff(Duration.ofMillis(20), 2, Duration.ofMillis(100), new Random(1)))
                .withCredentials(CREDENTIALS));
    return connection;
  }

  private List<String> methodsOn(int connectionNumber) {
    return server.requests().stream()
        .filter(request -> request.connection() == connectionNumber)
        .map(Request::method)
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
