package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.Fixtures;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeribitClientTest {

  private static final Instant RECEIVED = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
  private static final long RECEIVED_NANOS = 1_700_000_000_123_456_789L;

  private final List<String> notifications = new CopyOnWriteArrayList<>();
  private final List<Long> receiveTimes = new CopyOnWriteArrayList<>();
  private FakeDeribitServer server;
  private DeribitClient client;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeDeribitServer.started();
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private DeribitClient connect(DeribitClient.Options options) throws Exception {
    client =
        DeribitClient.connect(
            server.uri(),
            (frame, receivedNanos) -> {
              notifications.add(frame);
              receiveTimes.add(receivedNanos);
            },
            options.withClock(Clock.fixed(RECEIVED, ZoneOffset.UTC)));
    return client;
  }

  private DeribitClient connect() throws Exception {
    return connect(DeribitClient.Options.defaults());
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
    return future.handle((result, error) -> error).join();
  }

  @Test
  void sendsJsonRpcRequestsWithUniqueIdsAndMatchesOutOfOrderResponsesById() throws Exception {
    connect();

    CompletableFuture<JsonNode> time = client.call("public/get_time", Map.of());
    CompletableFuture<JsonNode> test = client.call("public/test", Map.of("expected_result", "x"));
    JsonNode first = server.nextRequest();
    JsonNode second = server.nextRequest();
    server.reply(second, "{\"version\":\"1.2.26\"}");
    server.reply(first, "1550147385946");

    assertThat(first.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(first.get("method").asText()).isEqualTo("public/get_time");
    assertThat(second.get("params").get("expected_result").asText()).isEqualTo("x");
    assertThat(first.get("id").asLong()).isNotEqualTo(second.get("id").asLong());
    assertThat(time.get(5, TimeUnit.SECONDS).asLong()).isEqualTo(1550147385946L);
    assertThat(test.get(5, TimeUnit.SECONDS).get("version").asText()).isEqualTo("1.2.26");
  }

  @Test
  void completesCallsWithDeribitErrorsCarryingCodeAndMessage() throws Exception {
    connect(DeribitClient.Options.defaults().withRateLimiter(limiterRetryingAfter(50)));
    List<String> recordedErrors = Fixtures.lines("rpc_errors.json");

    CompletableFuture<JsonNode> limited = client.call("public/subscribe", Map.of());
    server.replyWithRecorded(server.nextRequest(), recordedErrors.get(0));
    server.replyWithRecorded(server.nextRequest(), recordedErrors.get(0)); // the retry
    CompletableFuture<JsonNode> expired = client.call("private/buy", Map.of());
    server.replyWithRecorded(server.nextRequest(), recordedErrors.get(1));

    assertThat(failureOf(limited))
        .isInstanceOfSatisfying(
            DeribitRpcException.class,
            e -> {
              assertThat(e.code()).isEqualTo(10028);
              assertThat(e.errorMessage()).isEqualTo("too_many_requests");
              assertThat(e.method()).isEqualTo("public/subscribe");
              assertThat(e.data().isNull()).isTrue();
            })
        .hasMessage("public/subscribe failed: 10028 too_many_requests");
    assertThat(failureOf(expired))
        .isInstanceOfSatisfying(
            DeribitRpcException.class,
            e -> {
              assertThat(e.code()).isEqualTo(13009);
              assertThat(e.errorMessage()).isEqualTo("invalid_token");
              assertThat(e.data().get("reason").asText()).isEqualTo("token has expired");
            });
  }

  @Test
  void retriesARequestRefusedWithTooManyRequestsOnceAfterThePause() throws Exception {
    connect(DeribitClient.Options.defaults().withRateLimiter(limiterRetryingAfter(300)));

    CompletableFuture<JsonNode> call = client.call("public/get_instruments", Map.of("kind", "x"));
    JsonNode refused = server.nextRequest();
    long refusedAt = System.nanoTime();
    server.replyWithRecorded(refused, Fixtures.lines("rpc_errors.json").get(0));
    JsonNode retry = server.nextRequest();
    long retriedAfterMillis = (System.nanoTime() - refusedAt) / 1_000_000;
    server.reply(retry, "[]");

    assertThat(call.get(5, TimeUnit.SECONDS).isArray()).isTrue();
    assertThat(retry.get("method").asText()).isEqualTo("public/get_instruments");
    assertThat(retry.get("params")).isEqualTo(refused.get("params"));
    assertThat(retry.get("id").asLong()).isNotEqualTo(refused.get("id").asLong());
    assertThat(retriedAfterMillis).isGreaterThanOrEqualTo(250);
  }

  @Test
  void delaysRequestsBeyondTheBudgetInsteadOfBursting() throws Exception {
    // 3 requests of burst, then one every 100 ms.
    RequestRateLimiter.Budget budget = new RequestRateLimiter.Budget(3, 10, 1);
    connect(
        DeribitClient.Options.defaults()
            .withRateLimiter(
                new RequestRateLimiter(
                    new RequestRateLimiter.Limits(budget, budget, Duration.ZERO),
                    System::nanoTime)));
    long start = System.nanoTime();

    for (int i = 0; i < 6; i++) {
      client.call("public/test", Map.of());
    }
    List<Long> arrivalMillis = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      server.nextRequest();
      arrivalMillis.add((System.nanoTime() - start) / 1_000_000);
    }

    assertThat(arrivalMillis.get(2)).as("the burst goes at once").isLessThan(250);
    assertThat(arrivalMillis.get(5)).as("then 10 per second").isGreaterThanOrEqualTo(280);
  }

  private static RequestRateLimiter limiterRetryingAfter(long millis) {
    RequestRateLimiter.Limits defaults = RequestRateLimiter.Limits.deribitDefaults();
    return new RequestRateLimiter(
        new RequestRateLimiter.Limits(
            defaults.matchingEngine(), defaults.other(), Duration.ofMillis(millis)),
        System::nanoTime);
  }

  @Test
  void failsACallThatGetsNoResponseWithATimeoutNamingTheMethod() throws Exception {
    connect(DeribitClient.Options.defaults().withRequestTimeout(Duration.ofMillis(200)));

    CompletableFuture<JsonNode> ignored = client.call("public/get_instruments", Map.of());
    JsonNode request = server.nextRequest();

    assertThat(failureOf(ignored))
        .isInstanceOf(DeribitTimeoutException.class)
        .hasMessage("no response to public/get_instruments within 200 ms");
    server.reply(request, "[]");
    CompletableFuture<JsonNode> next = client.call("public/test", Map.of());
    server.reply(server.nextRequest(), "{}");
    assertThat(next.get(5, TimeUnit.SECONDS).isObject()).as("late reply ignored").isTrue();
  }

  @Test
  void reassemblesFragmentedFramesBeforeHandlingThem() throws Exception {
    connect();
    String trades = Fixtures.lines("ws_trades.json").get(4);
    String withAccent =
        "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\","
            + "\"params\":{\"channel\":\"x.é.y\",\"data\":{}}}";

    server.sendFragmented(trades, 7);
    server.sendFragmented(withAccent, 2);
    CompletableFuture<JsonNode> call = client.call("public/test", Map.of());
    server.sendFragmented(
        "{\"jsonrpc\":\"2.0\",\"id\":" + server.nextRequest().get("id") + ",\"result\":[1,2]}", 3);

    assertThat(call.get(5, TimeUnit.SECONDS).size()).isEqualTo(2);
    assertThat(notifications).containsExactly(trades, withAccent);
  }

  @Test
  void deliversEverySubscriptionFrameVerbatimWithTheClockTimeAndNothingElse() throws Exception {
    connect();
    List<String> frames =
        List.of(
            Fixtures.lines("ws_book_100ms.json").get(7),
            Fixtures.lines("ws_heartbeat.json").get(1),
            Fixtures.lines("ws_ticker_option_100ms.json").get(1),
            Fixtures.lines("rpc_public_test.json").get(1),
            Fixtures.lines("ws_deribit_price_index.json").get(0));

    frames.forEach(server::send);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(notifications)
                    .containsExactly(frames.get(0), frames.get(2), frames.get(4)));
    assertThat(receiveTimes).containsOnly(RECEIVED_NANOS);
  }

  @Test
  void answersEveryTestRequestWithPublicTestAndIgnoresPlainHeartbeats() throws Exception {
    connect();
    CompletableFuture<Void> enabled = client.enableHeartbeat(10);
    JsonNode setHeartbeat = server.nextRequest();
    server.replyWithRecorded(setHeartbeat, Fixtures.lines("rpc_public_set_heartbeat.json").get(1));
    enabled.get(5, TimeUnit.SECONDS);
    List<String> heartbeats = Fixtures.lines("ws_heartbeat.json");

    server.send(heartbeats.get(1));
    server.send(heartbeats.get(0));
    JsonNode answer = server.nextRequest();
    server.replyWithRecorded(answer, Fixtures.lines("rpc_public_test.json").get(1));

    assertThat(setHeartbeat.get("method").asText()).isEqualTo("public/set_heartbeat");
    assertThat(setHeartbeat.get("params").get("interval").asInt()).isEqualTo(10);
    assertThat(answer.get("method").asText()).isEqualTo("public/test");
    assertThat(server.requestWithin(300)).as("no answer to a plain heartbeat").isNull();
  }

  @Test
  void subscribesInChunksAndReturnsTheChannelsTheServerConfirmed() throws Exception {
    connect(DeribitClient.Options.defaults().withMaxChannelsPerSubscribe(2));
    List<String> channels = List.of("a.1", "b.2", "c.3", "d.4", "e.5");

    CompletableFuture<List<String>> subscribed = client.subscribe(channels);
    JsonNode first = server.nextRequest();
    server.reply(first, first.get("params").get("channels").toString());
    JsonNode second = server.nextRequest();
    server.reply(second, "[\"c.3\"]");
    JsonNode third = server.nextRequest();
    server.reply(third, third.get("params").get("channels").toString());

    assertThat(subscribed.get(5, TimeUnit.SECONDS)).containsExactly("a.1", "b.2", "c.3", "e.5");
    assertThat(List.of(first, second, third))
        .extracting(request -> request.get("method").asText())
        .containsOnly("public/subscribe");
    assertThat(third.get("params").get("channels").toString()).isEqualTo("[\"e.5\"]");

    CompletableFuture<List<String>> unsubscribed = client.unsubscribe(List.of("a.1"));
    JsonNode unsubscribe = server.nextRequest();
    server.reply(unsubscribe, "[\"a.1\"]");
    assertThat(unsubscribed.get(5, TimeUnit.SECONDS)).containsExactly("a.1");
    assertThat(unsubscribe.get("method").asText()).isEqualTo("public/unsubscribe");
  }

  @Test
  void keepsReadingWhenTheListenerThrows() throws Exception {
    client =
        DeribitClient.connect(
            server.uri(),
            (frame, receivedNanos) -> {
              if (frame.contains("btc_usd")) {
                throw new IllegalStateException("listener bug");
              }
              notifications.add(frame);
            },
            DeribitClient.Options.defaults());
    String index = Fixtures.lines("ws_deribit_price_index.json").get(0);
    String ticker = Fixtures.lines("ws_ticker_perpetual_100ms.json").get(0);

    server.send(index);
    server.send(ticker);

    await().atMost(Duration.ofSeconds(5)).until(() -> notifications.contains(ticker));
    assertThat(client.listenerErrors()).isEqualTo(1);
    assertThat(client.closed()).isNotDone();
  }

  @Test
  void failsPendingCallsAndTheClosedFutureWhenTheServerCloses() throws Exception {
    connect();
    CompletableFuture<JsonNode> pending = client.call("public/get_instruments", Map.of());
    server.nextRequest();

    server.closeConnection(1001, "going away");

    assertThat(failureOf(pending))
        .isInstanceOf(DeribitConnectionException.class)
        .hasMessageContaining("public/get_instruments")
        .hasMessageContaining("1001");
    assertThat(failureOf(client.closed())).isInstanceOf(DeribitConnectionException.class);
    assertThat(failureOf(client.call("public/test", Map.of())))
        .isInstanceOf(DeribitConnectionException.class)
        .hasMessageContaining("public/test");
  }

  @Test
  void closesNormallyCompletesTheClosedFutureAndFailsPendingCalls() throws Exception {
    connect();
    CompletableFuture<JsonNode> pending = client.call("public/get_instruments", Map.of());
    server.nextRequest();

    client.close();

    assertThat(client.closed()).isCompleted();
    assertThat(failureOf(pending)).isInstanceOf(DeribitConnectionException.class);
    assertThat(server.closeCode().get(5, TimeUnit.SECONDS)).as("a normal close").isEqualTo(1000);
  }

  @Test
  void refusesToConnectToAPortNobodyListensOn() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    URI nobody = URI.create("ws://127.0.0.1:" + freePort + "/ws/api/v2");

    assertThatThrownBy(
            () ->
                DeribitClient.connect(
                    nobody, (frame, receivedNanos) -> {}, DeribitClient.Options.defaults()))
        .isInstanceOf(DeribitConnectionException.class)
        .hasMessageContaining("cannot connect to ws://127.0.0.1:" + freePort);
  }
}
