package io.gammastraddle.bridge;

import static io.gammastraddle.deribit.chain.RecordedInstruments.option;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.deribit.chain.RecordedInstruments;
import io.gammastraddle.deribit.user.UserDecoder;
import io.gammastraddle.deribit.user.UserEvent;
import io.gammastraddle.deribit.websocket.AnsweringDeribitServer;
import io.gammastraddle.deribit.websocket.AnsweringDeribitServer.Request;
import io.gammastraddle.deribit.websocket.Backoff;
import io.gammastraddle.deribit.websocket.CapturedLogs;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.positions.ExchangePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge over a real WebSocket to a server answering like Deribit (instruments, index price,
 * subscriptions, auth), producing to Kafka's {@link MockProducer}.
 */
class MarketDataBridgeSessionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String BOOK = "book.BTC-PERPETUAL.100ms";
  private static final String TICKER = "ticker.BTC-PERPETUAL.100ms";
  private static final String INDEX = "deribit_price_index.btc_usd";
  private static final Instant IN_A_WEEK = Instant.now().plus(Duration.ofDays(7));
  private static final List<String> BOOKS = Fixtures.lines("ws_book_100ms.json");
  private static final String POSITIONS = "gsb.positions.BTC";
  private static final Credentials ACCOUNT = new Credentials("bridge-id", "bridge-secret");

  private final MockProducer<String, String> producer =
      new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
  private final AtomicReference<List<JsonNode>> options =
      new AtomicReference<>(List.of(option("BTC-8JAN30-60000-C", 60_000, IN_A_WEEK)));
  private AnsweringDeribitServer server;
  private MarketDataBridge bridge;

  @BeforeEach
  void startServer() throws Exception {
    server = AnsweringDeribitServer.started();
    server.answer(
        "public/get_instruments",
        params ->
            RecordedInstruments.resultJson(
                params.get("kind").asText().equals("future")
                    ? List.of(RecordedInstruments.perpetual())
                    : options.get()));
    server.answer(
        "public/get_index_price", "{\"index_price\":60000.0,\"estimated_delivery_price\":60000.0}");
    server.answer("private/get_positions", positionsResult());
    server.answer(
        "private/get_account_summary", recordedResult("rpc_private_get_account_summary.json"));
  }

  /** The recorded answer of private/get_positions: a long BTC-PERPETUAL of 50 USD at 7440.18. */
  private static String positionsResult() {
    return recordedResult("rpc_private_get_positions.json");
  }

  /** The {@code result} of a recorded answer (the fixture's second line). */
  private static String recordedResult(String fixture) {
    try {
      return JSON.readTree(Fixtures.lines(fixture).get(1)).get("result").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
    server.close();
  }

  private MarketDataBridge.Config config() {
    return MarketDataBridge.Config.defaults(server.uri(), "unused:9092")
        .withCurrencies(List.of("BTC"))
        .withConnection(
            ResilientConnection.Settings.defaults()
                .withBackoff(
                    new Backoff(Duration.ofMillis(20), 2, Duration.ofMillis(100), new Random(3))));
  }

  private MarketDataBridge started(MarketDataBridge.Config config) throws Exception {
    bridge = new MarketDataBridge(config, () -> producer);
    bridge.start();
    return bridge;
  }

  private void publish(String... frames) {
    long before = bridge.framesReceived();
    for (String frame : frames) {
      server.publish(frame);
    }
    await().atMost(WAIT).until(() -> bridge.framesReceived() == before + frames.length);
  }

  /** The recorded BTC-PERPETUAL snapshot (ws_book_100ms line 1) with change id {@code id}. */
  private static String snapshot(long id) {
    return BOOKS.get(0).replace("\"change_id\":31479596557", "\"change_id\":" + id);
  }

  /** The recorded BTC-PERPETUAL change (line 2) rewritten to link {@code prev} to {@code id}. */
  private static String change(long prev, long id) {
    return BOOKS
        .get(1)
        .replace("\"prev_change_id\":31479598064", "\"prev_change_id\":" + prev)
        .replace("\"change_id\":31479598217", "\"change_id\":" + id);
  }

  private static String notification(String channel) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\""
        + channel
        + "\",\"data\":{\"timestamp\":1700000000000}}}";
  }

  private List<String> channelsOf(String method) {
    return server.requests(method).stream()
        .flatMap(request -> request.params().get("channels").valueStream())
        .map(JsonNode::asText)
        .toList();
  }

  private List<ProducerRecord<String, String>> records(String topic) {
    return producer.history().stream().filter(record -> record.topic().equals(topic)).toList();
  }

  /** The user-topic records of the account's positions, in the order produced. */
  private List<ProducerRecord<String, String>> positionRecords() {
    return records(MarketDataBridge.Config.DEFAULT_USER_TOPIC).stream()
        .filter(record -> record.value().contains("\"channel\":\"" + POSITIONS + "\""))
        .toList();
  }

  /** Index of the first request of {@code method} on connection {@code connection}. */
  private int firstOnConnection(String method, int connection) {
    List<Request> requests = server.requests();
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).method().equals(method) && requests.get(i).connection() == connection) {
        return i;
      }
    }
    throw new AssertionError(method + " never sent on connection " + connection);
  }

  @Test
  void aBookGapIsCountedAndResubscribedWhileEveryFrameIsStillPublished() throws Exception {
    started(config().withIncludeOptions(false));
    String[] frames = {
      snapshot(100),
      change(100, 101),
      change(100, 101), // a duplicate: no gap
      change(105, 106), // 102..105 missing
      change(106, 107), // before the fresh snapshot
    };

    publish(frames);

    await().atMost(WAIT).until(() -> channelsOf("public/unsubscribe").contains(BOOK));
    await()
        .atMost(WAIT)
        .until(() -> channelsOf("public/subscribe").stream().filter(BOOK::equals).count() == 2);
    List<String> methods = server.requests().stream().map(Request::method).toList();
    assertThat(methods.subList(methods.lastIndexOf("public/unsubscribe"), methods.size()))
        .as("unsubscribed, then subscribed again")
        .containsExactly("public/unsubscribe", "public/subscribe");
    assertThat(channelsOf("public/unsubscribe")).containsExactly(BOOK);
    assertThat(bridge.bookGaps()).isEqualTo(1);
    assertThat(bridge.resyncs()).isZero();

    publish(snapshot(900), change(900, 901));

    assertThat(bridge.resyncs()).isEqualTo(1);
    assertThat(bridge.bookGaps()).isEqualTo(1);
    assertThat(records(MarketDataBridge.Config.DEFAULT_TOPIC))
        .as("every frame, verbatim, in order")
        .extracting(ProducerRecord::value)
        .map(value -> value.replaceFirst("^\\{\"recv_ts\":\\d+,", "{"))
        .containsExactly(
            params(frames[0]),
            params(frames[1]),
            params(frames[2]),
            params(frames[3]),
            params(frames[4]),
            params(snapshot(900)),
            params(change(900, 901)));
    assertThat(bridge.status().bookGaps()).isEqualTo(1);
    assertThat(server.requests("private/get_positions")).as("no user channels").isEmpty();
  }

  private static String params(String frame) {
    return Notifications.subscription(frame).json();
  }

  @Test
  void userNotificationsGoOnlyToTheUserTopicKeyedByOrderOrCurrency() throws Exception {
    started(config().withIncludeOptions(false).withUserChannels(ACCOUNT));
    // the account's summary and positions
    await().atMost(WAIT).until(() -> bridge.userRecordsProduced() == 2);

    assertThat(server.requests().stream().map(Request::method))
        .startsWith("public/set_heartbeat", "public/auth")
        .endsWith(
            "public/subscribe",
            "private/subscribe",
            "private/get_account_summary",
            "private/get_positions");
    assertThat(channelsOf("private/subscribe"))
        .containsExactly(
            "user.orders.any.BTC.raw", "user.trades.any.BTC.raw", "user.portfolio.btc");
    assertThat(channelsOf("public/subscribe")).noneMatch(UserChannels::isUser);

    String order = Fixtures.lines("ws_user_orders.json").get(0);
    String trades = Fixtures.lines("ws_user_trades.json").get(0);
    String portfolio = Fixtures.lines("ws_user_portfolio.json").get(0);
    String ticker = Fixtures.lines("ws_ticker_perpetual_100ms.json").get(0);
    publish(order, ticker, trades, portfolio);

    List<ProducerRecord<String, String>> notifications =
        records(MarketDataBridge.Config.DEFAULT_USER_TOPIC).subList(2, 5);
    assertThat(notifications)
        .extracting(ProducerRecord::key)
        .containsExactly("5", "4008965646", "BTC");
    assertThat(notifications)
        .extracting(ProducerRecord::value)
        .allMatch(value -> value.matches("\\{\"recv_ts\":\\d+,\"channel\":\"user\\..*"));
    assertThat(notifications.get(0).value()).endsWith(params(order).substring(1));
    assertThat(records(MarketDataBridge.Config.DEFAULT_TOPIC))
        .extracting(ProducerRecord::key)
        .containsExactly("BTC-PERPETUAL");
    assertThat(bridge.userRecordsProduced()).isEqualTo(5);
    assertThat(bridge.recordsProduced()).isEqualTo(6);
  }

  @Test
  void writesTheAccountsPositionsAfterSubscribingAndAgainAfterEveryReconnect() throws Exception {
    started(config().withIncludeOptions(false).withUserChannels(ACCOUNT));
    await().atMost(WAIT).until(() -> positionRecords().size() == 1);

    ProducerRecord<String, String> first = positionRecords().get(0);
    assertThat(first.key()).isEqualTo("BTC");
    assertThat(first.value())
        .matches("\\{\"recv_ts\":\\d+,\"channel\":\"gsb\\.positions\\.BTC\",\"data\":.*\\}")
        .endsWith(",\"data\":" + positionsResult() + "}");
    assertThat(server.requests("private/get_positions"))
        .extracting(request -> request.params().toString())
        .containsExactly("{\"currency\":\"BTC\"}");
    assertThat(firstOnConnection("private/get_positions", 1))
        .isGreaterThan(firstOnConnection("private/subscribe", 1));
    List<UserEvent> decoded = new ArrayList<>();
    new UserDecoder().decode(first.value(), decoded::add);
    assertThat(decoded.get(0).positions().positions())
        .containsExactly(new ExchangePosition("BTC-PERPETUAL", 50, 7440.18));
    // the summary comes first, as a portfolio notification: the equity before any change
    ProducerRecord<String, String> portfolio =
        records(MarketDataBridge.Config.DEFAULT_USER_TOPIC).get(0);
    assertThat(portfolio.value()).contains("\"channel\":\"user.portfolio.btc\"");
    List<UserEvent> account = new ArrayList<>();
    new UserDecoder().decode(portfolio.value(), account::add);
    assertThat(account.get(0).account().currency()).isEqualTo("BTC");
    assertThat(account.get(0).account().marginBalance()).isEqualTo(302.62729214);

    server.dropConnections();

    await().atMost(WAIT).until(() -> positionRecords().size() == 2);
    assertThat(bridge.reconnects()).isEqualTo(1);
    assertThat(firstOnConnection("private/get_positions", 2))
        .as("asked on the new connection once its user channels are subscribed again")
        .isGreaterThan(firstOnConnection("private/subscribe", 2));
    assertThat(positionRecords().get(1).key()).isEqualTo("BTC");
  }

  @Test
  void aRefusedPositionsRequestIsAskedAgainWhileMarketDataGoesOn() throws Exception {
    server.refuseNext("private/get_positions", 10000, "internal_server_error");
    String logs;
    try (CapturedLogs captured = CapturedLogs.capture()) {
      started(config().withIncludeOptions(false).withUserChannels(ACCOUNT));
      String ticker = Fixtures.lines("ws_ticker_perpetual_100ms.json").get(0);
      publish(ticker);

      await().atMost(WAIT).until(() -> positionRecords().size() == 1);
      logs = captured.text();
    }
    assertThat(server.requests("private/get_positions")).hasSize(2);
    assertThat(records(MarketDataBridge.Config.DEFAULT_TOPIC)).hasSize(1);
    assertThat(bridge.stopped()).isNotDone();
    assertThat(logs)
        .contains("the account state of BTC failed (1 in a row)")
        .contains("internal_server_error")
        .doesNotContain("bridge-secret");
  }

  @Test
  void followsNewlyListedOptionsAndDropsThoseNoLongerListed() throws Exception {
    String oldBook = "book.BTC-8JAN30-60000-C.100ms";
    String newBook = "book.BTC-15JAN30-61000-C.100ms";
    started(
        config()
            .withInstrumentRefresh(Duration.ofMillis(200))
            .withStalenessThreshold(Duration.ofMillis(300)));
    assertThat(bridge.marketChannels()).contains(oldBook);
    await().atMost(WAIT).until(() -> bridge.staleChannels().contains(oldBook));

    options.set(List.of(option("BTC-15JAN30-61000-C", 61_000, IN_A_WEEK.plus(Duration.ofDays(7)))));

    await().atMost(WAIT).until(() -> bridge.marketChannels().contains(newBook));
    assertThat(bridge.marketChannels()).doesNotContain(oldBook).contains(BOOK, INDEX);
    await().atMost(WAIT).until(() -> channelsOf("public/subscribe").contains(newBook));
    assertThat(channelsOf("public/unsubscribe"))
        .containsExactlyInAnyOrder(
            oldBook, "ticker.BTC-8JAN30-60000-C.100ms", "trades.BTC-8JAN30-60000-C.100ms");
    assertThat(bridge.staleChannels())
        .as("unsubscribed: no longer watched")
        .doesNotContain(oldBook);
  }

  @Test
  void anInstrumentStateNotificationListsTheInstrumentsAgainSoon() throws Exception {
    started(config().withInstrumentRefresh(Duration.ofHours(1)));
    assertThat(channelsOf("public/subscribe")).contains("instrument.state.option.BTC");
    options.set(List.of(option("BTC-15JAN30-61000-C", 61_000, IN_A_WEEK)));

    publish(
        "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
            + "\"instrument.state.option.BTC\",\"data\":{\"timestamp\":1700000000000,"
            + "\"state\":\"created\",\"instrument_name\":\"BTC-15JAN30-61000-C\"}}}");

    await()
        .atMost(WAIT)
        .until(() -> bridge.marketChannels().contains("book.BTC-15JAN30-61000-C.100ms"));
    assertThat(producer.history()).as("not market data").isEmpty();
  }

  @Test
  void aSilentChannelGoesStaleOnceAndRecoversWhenItDeliversAgain() throws Exception {
    String logs;
    try (CapturedLogs captured = CapturedLogs.capture()) {
      started(config().withIncludeOptions(false).withStalenessThreshold(Duration.ofMillis(300)));

      await().atMost(WAIT).until(() -> bridge.staleChannels().size() == 3);
      assertThat(bridge.staleChannels())
          .as("trades may be silent for hours: not watched")
          .containsExactly(BOOK, INDEX, TICKER);
      Thread.sleep(600); // more checks while still silent
      assertThat(bridge.staleEvents()).isEqualTo(3);

      publish(notification(TICKER), notification(TICKER));

      await().atMost(WAIT).until(() -> !bridge.staleChannels().contains(TICKER));
      assertThat(bridge.status().staleChannels()).isEqualTo(2);
      logs = captured.text();
    }
    assertThat(logs.split(TICKER + " is stale", -1)).hasSize(2);
    assertThat(logs.split(TICKER + " delivers again", -1)).hasSize(2);
  }
}
