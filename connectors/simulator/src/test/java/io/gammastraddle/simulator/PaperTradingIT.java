package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.websocket.Backoff;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.deribit.websocket.DeribitClient;
import io.gammastraddle.deribit.websocket.DeribitRpcException;
import io.gammastraddle.deribit.websocket.RequestRateLimiter;
import io.gammastraddle.deribit.websocket.RequestRateLimiter.Budget;
import io.gammastraddle.deribit.websocket.RequestRateLimiter.Limits;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The paper exchange over a real WebSocket, driven by the project's own client library:
 * authentication and token refresh, orders, user channels, cancel-on-disconnect and rate limits.
 */
class PaperTradingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PERPETUAL = "BTC-PERPETUAL";

  private SimulatorServer server;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
    server.close();
  }

  @Test
  void anOrderFillsAndOnlyItsAccountHearsItOnTheUserChannels() throws Exception {
    start(ServerOptions.defaults());
    List<JsonNode> mine = new CopyOnWriteArrayList<>();
    List<JsonNode> theirs = new CopyOnWriteArrayList<>();
    ResilientConnection trader = connect("alice", mine, ResilientConnection.Settings.defaults());
    ResilientConnection other = connect("bob", theirs, ResilientConnection.Settings.defaults());
    List<String> userChannels =
        List.of("user.orders.any.BTC.raw", "user.trades.any.BTC.raw", "user.portfolio.btc");
    assertThat(ResilientConnection.await(trader.subscribePrivate(userChannels)))
        .containsExactlyElementsOf(userChannels);
    ResilientConnection.await(other.subscribePrivate(userChannels));

    JsonNode bought =
        ResilientConnection.await(
            trader.call(
                "private/buy",
                Map.of(
                    "instrument_name",
                    PERPETUAL,
                    "amount",
                    100,
                    "type",
                    "market",
                    "label",
                    "gsb-BTC-1-perp")));

    assertThat(bought.at("/order/order_state").asText()).isEqualTo("filled");
    assertThat(bought.at("/order/label").asText()).isEqualTo("gsb-BTC-1-perp");
    assertThat(bought.path("trades")).isNotEmpty();
    double fillPrice = bought.at("/trades/0/price").asDouble();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                channels(mine)
                    .containsAll(
                        List.of(
                            "user.orders.any.BTC.raw",
                            "user.trades.any.BTC.raw",
                            "user.portfolio.btc")));
    JsonNode orderNotification = first(mine, "user.orders.any.BTC.raw");
    assertThat(orderNotification.at("/data/label").asText()).isEqualTo("gsb-BTC-1-perp");
    assertThat(first(mine, "user.trades.any.BTC.raw").at("/data/0/price").asDouble())
        .isEqualTo(fillPrice);

    JsonNode byLabel =
        ResilientConnection.await(
            trader.call(
                "private/get_order_state_by_label",
                Map.of("currency", "BTC", "label", "gsb-BTC-1-perp")));
    assertThat(byLabel).hasSize(1);
    JsonNode positions =
        ResilientConnection.await(
            trader.call("private/get_positions", Map.of("currency", "BTC", "kind", "future")));
    assertThat(positions.findValues("size").stream().mapToDouble(JsonNode::asDouble).sum())
        .isEqualTo(100.0);
    JsonNode othersPositions =
        ResilientConnection.await(
            other.call("private/get_positions", Map.of("currency", "BTC", "kind", "future")));
    assertThat(othersPositions.findValues("size").stream().mapToDouble(JsonNode::asDouble).sum())
        .isZero();
    assertThat(channels(theirs)).doesNotContain("user.orders.any.BTC.raw");
  }

  @Test
  void privateRequestsNeedAuthenticationAndAnExpiredTokenIsRefusedUntilRefreshed()
      throws Exception {
    start(ServerOptions.defaults().withTokenLifetime(Duration.ofSeconds(2)));
    DeribitClient anonymous =
        DeribitClient.connect(server.uri(), (frame, nanos) -> {}, DeribitClient.Options.defaults());
    clients.add(anonymous);
    assertThatThrownBy(
            () ->
                ResilientConnection.await(
                    anonymous.call("private/get_account_summary", Map.of("currency", "BTC"))))
        .isInstanceOfSatisfying(
            DeribitRpcException.class, refused -> assertThat(refused.code()).isEqualTo(13009));

    // the connection refreshes at 80% of the 2 s lifetime: every call keeps working past it
    ResilientConnection trader =
        connect("carol", new ArrayList<>(), ResilientConnection.Settings.defaults());
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int calls = 0;
    while (System.nanoTime() < end) {
      JsonNode summary =
          ResilientConnection.await(
              trader.call("private/get_account_summary", Map.of("currency", "BTC")));
      assertThat(summary.path("currency").asText()).isEqualTo("BTC");
      calls++;
      Thread.sleep(200);
    }
    assertThat(calls).isGreaterThan(10);
  }

  @Test
  void cancelOnDisconnectCancelsTheRestingOrdersOfThatConnectionOnly() throws Exception {
    start(ServerOptions.defaults());
    ResilientConnection guarded =
        connect("dave", new ArrayList<>(), fastReconnect().withCancelOnDisconnect(true));
    ResilientConnection unguarded = connect("erin", new ArrayList<>(), fastReconnect());
    double farBelow = Math.floor(btcIndex() * 0.8);
    for (ResilientConnection connection : List.of(guarded, unguarded)) {
      JsonNode order =
          ResilientConnection.await(
              connection.call(
                  "private/buy",
                  Map.of(
                      "instrument_name",
                      PERPETUAL,
                      "amount",
                      10,
                      "type",
                      "limit",
                      "price",
                      farBelow)));
      assertThat(order.at("/order/order_state").asText()).isEqualTo("open");
    }

    server.faults().dropConnections();
    await().atMost(Duration.ofSeconds(10)).until(() -> guarded.reconnects() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> unguarded.reconnects() == 1);

    assertThat(openOrders(guarded)).isEmpty();
    assertThat(openOrders(unguarded)).hasSize(1);
  }

  @Test
  void aClientPacedByItsLimiterIsNeverRefusedWhileABurstIsRefusedThenTerminated() throws Exception {
    // bursts of 5 and 10 requests per second back, for both kinds of request
    Budget small = new Budget(2_500, 5_000, 500);
    Limits limits = new Limits(small, small, Duration.ofMillis(200));
    start(ServerOptions.defaults().withRateLimits(limits));

    DeribitClient paced =
        DeribitClient.connect(
            server.uri(),
            (frame, nanos) -> {},
            DeribitClient.Options.defaults()
                .withRateLimiter(new RequestRateLimiter(limits, System::nanoTime)));
    clients.add(paced);
    for (int i = 0; i < 25; i++) {
      ResilientConnection.await(paced.call("public/get_time", Map.of()));
    }

    // a client that ignores the limit: each request the moment the last is answered, each
    // refusal answered by more. One at a time, so that the client is never writing when the
    // server ends the session (a write then fails with a broken pipe, before the close is read).
    DeribitTestClient bursting = DeribitTestClient.connect(server.uri());
    clients.add(bursting);
    List<CompletableFuture<JsonNode>> burst = new ArrayList<>();
    for (int i = 0; i < 60 && !bursting.closing().isDone(); i++) {
      CompletableFuture<JsonNode> answer;
      try {
        answer = bursting.request("public/get_time", DeribitTestClient.params());
      } catch (CompletionException closedMeanwhile) {
        break; // the close frame came in just before this request, which is not sent
      }
      burst.add(answer);
      CompletableFuture.anyOf(answer, bursting.closing()).get(5, TimeUnit.SECONDS);
    }
    // the server answers what it reads until it ends the session; frames arrive in order, so
    // every answer is in once the close is
    DeribitTestClient.Closing closing = bursting.closing().get(5, TimeUnit.SECONDS);
    assertThat(closing.reason()).contains("too_many_requests");
    List<JsonNode> answers =
        burst.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
    long refused = answers.stream().filter(a -> a.at("/error/code").asInt() == 10028).count();
    assertThat(answers.size() - refused)
        .as("accepted: the burst allowance and its refill")
        .isBetween(5L, 7L);
    assertThat(refused).isEqualTo(RateMeter.REFUSALS_BEFORE_TERMINATION + 1);
    assertThat(paced.closed()).isNotDone();
  }

  private void start(ServerOptions options) throws Exception {
    server =
        new SimulatorServer(
            new SimulatedMarket(3, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            options);
    server.start();
  }

  private ResilientConnection connect(
      String clientId, List<JsonNode> notifications, ResilientConnection.Settings settings)
      throws Exception {
    ResilientConnection connection =
        ResilientConnection.open(
            server.uri(),
            (frame, nanos) -> notifications.add(params(frame)),
            reconnects -> {},
            settings.withCredentials(new Credentials(clientId, clientId + "-secret")));
    clients.add(connection);
    return connection;
  }

  private static JsonNode params(String frame) {
    try {
      return JSON.readTree(frame).get("params");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ResilientConnection.Settings fastReconnect() {
    return ResilientConnection.Settings.defaults()
        .withBackoff(new Backoff(Duration.ofMillis(50), 2, Duration.ofMillis(500), new Random(1)));
  }

  private double btcIndex() throws Exception {
    DeribitClient reader =
        DeribitClient.connect(server.uri(), (frame, nanos) -> {}, DeribitClient.Options.defaults());
    clients.add(reader);
    return ResilientConnection.await(
            reader.call("public/get_index_price", Map.of("index_name", "btc_usd")))
        .path("index_price")
        .asDouble();
  }

  private static JsonNode openOrders(ResilientConnection connection) throws Exception {
    return ResilientConnection.await(
        connection.call("private/get_open_orders_by_currency", Map.of("currency", "BTC")));
  }

  private static List<String> channels(List<JsonNode> notifications) {
    return notifications.stream().map(params -> params.path("channel").asText()).toList();
  }

  private static JsonNode first(List<JsonNode> notifications, String channel) {
    return notifications.stream()
        .filter(params -> params.path("channel").asText().equals(channel))
        .findFirst()
        .orElseThrow();
  }
}
