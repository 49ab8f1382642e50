package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.book.BookState;
import io.gammastraddle.book.OrderBook;
import io.gammastraddle.deribit.chain.ChainSelection;
import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.market.MarketDecoder;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.deribit.websocket.DeribitClient;
import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.market.BookUpdate;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A mirror of a market over real sockets: an upstream simulator on a generated market stands in for
 * Deribit, and a second simulator serves a {@link MirrorMarket} of it.
 */
class MirrorMarketIT {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String PERPETUAL = "BTC-PERPETUAL";
  private static final String BOOK = "book.BTC-PERPETUAL.100ms";
  private static final List<String> CHANNELS =
      List.of(BOOK, "ticker.BTC-PERPETUAL.100ms", "deribit_price_index.btc_usd");
  // the nearest expiry, strikes within 2% of the index: 3 strikes of the simulator's daily series
  private static final ChainSelection CHAIN = new ChainSelection(1, 0, 0.02);

  private SimulatorServer upstream;
  private MirrorMarket market;
  private SimulatorServer mirror;
  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    upstream =
        new SimulatorServer(
            new SimulatedMarket(7, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            ServerOptions.defaults());
    upstream.start();
    market = MirrorMarket.open(upstream.uri(), List.of("BTC"), CHAIN);
    mirror =
        new SimulatorServer(
            market, new InetSocketAddress("127.0.0.1", 0), ServerOptions.defaults());
    mirror.start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
    mirror.close();
    market.close();
    upstream.close();
  }

  @Test
  void notificationsArePassedOnVerbatimAfterASnapshotTheyLinkTo() throws Exception {
    List<String> direct = listen(upstream.uri(), CHANNELS);
    await().atMost(WAIT).until(() -> books(direct).size() >= 2);
    List<String> mirrored = listen(mirror.uri(), CHANNELS);
    await().atMost(WAIT).until(() -> books(mirrored).size() >= 12);
    List<String> seen = List.copyOf(mirrored);
    String lastChange = books(seen).get(books(seen).size() - 1);
    await().atMost(WAIT).until(() -> direct.contains(lastChange));

    List<String> mirroredBooks = books(seen);
    assertThat(data(mirroredBooks.get(0)).path("type").asText()).isEqualTo("snapshot");
    List<String> passedOn = new ArrayList<>(seen);
    passedOn.remove(mirroredBooks.get(0));
    assertThat(Set.copyOf(direct)).containsAll(passedOn);
    assertThat(channels(passedOn)).containsAll(CHANNELS);
    Map<Long, OrderBook> mirrorBooks = rebuild(mirroredBooks);
    Map<Long, OrderBook> upstreamBooks = rebuild(books(direct));
    long lastChangeId = data(lastChange).path("change_id").asLong();
    assertThat(mirrorBooks).hasSize(mirroredBooks.size());
    assertThat(mirrorBooks.get(lastChangeId)).isEqualTo(upstreamBooks.get(lastChangeId));
  }

  @Test
  void getInstrumentsListsTheChosenChainWithTheUpstreamDefinitions() throws Exception {
    DeribitClient client = client(mirror.uri());
    DeribitClient reference = client(upstream.uri());

    JsonNode listed =
        ResilientConnection.await(client.call("public/get_instruments", Map.of("currency", "BTC")));

    Map<String, JsonNode> upstreamDefinitions = new HashMap<>();
    for (String kind : List.of("future", "option")) {
      ResilientConnection.await(
              reference.call("public/get_instruments", Map.of("currency", "BTC", "kind", kind)))
          .forEach(d -> upstreamDefinitions.put(d.path("instrument_name").asText(), d));
    }
    double index =
        ResilientConnection.await(
                reference.call("public/get_index_price", Map.of("index_name", "btc_usd")))
            .path("index_price")
            .asDouble();
    List<JsonNode> options = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode definition : listed) {
      String name = definition.path("instrument_name").asText();
      names.add(name);
      assertThat(definition).isEqualTo(upstreamDefinitions.get(name));
      if (definition.path("kind").asText().equals("option")) {
        options.add(definition);
      }
    }
    assertThat(names).contains(PERPETUAL);
    assertThat(options).hasSizeGreaterThanOrEqualTo(2);
    assertThat(options.stream().map(o -> o.path("expiration_timestamp").asLong()).distinct())
        .hasSize(1);
    // 2% at the start, a little more for the index's moves since
    assertThat(options)
        .allSatisfy(
            o -> assertThat(Math.abs(o.path("strike").asDouble() / index - 1)).isLessThan(0.025));
    Set<String> bookChannels = new HashSet<>();
    names.forEach(name -> bookChannels.add("book." + name + ".100ms"));
    assertThat(market.channels()).containsAll(bookChannels);
  }

  @Test
  void aMarketBuyOnTheMirrorFillsAtTheUpstreamBestAsk() throws Exception {
    List<String> direct = listen(upstream.uri(), List.of(BOOK));
    await().atMost(WAIT).until(() -> books(direct).size() >= 3);
    ResilientConnection trader =
        ResilientConnection.open(
            mirror.uri(),
            (frame, nanos) -> {},
            reconnects -> {},
            ResilientConnection.Settings.defaults()
                .withCredentials(new Credentials("alice", "alice-secret")));
    clients.add(trader);

    JsonNode bought =
        ResilientConnection.await(
            trader.call(
                "private/buy",
                Map.of("instrument_name", PERPETUAL, "amount", 10, "type", "market")));

    assertThat(bought.at("/order/order_state").asText()).isEqualTo("filled");
    assertThat(bought.path("trades")).hasSize(1);
    double price = bought.at("/trades/0/price").asDouble();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(rebuild(books(direct)).values())
                    .anySatisfy(book -> assertThat(book.asks().prices()[0]).isEqualTo(price)));
  }

  @Test
  void aBookThatMissesChangesUpstreamIsResubscribedAndItsSnapshotReachesSubscribers()
      throws Exception {
    List<String> mirrored = listen(mirror.uri(), List.of(BOOK));
    await().atMost(WAIT).until(() -> books(mirrored).size() >= 2);

    upstream.faults().skipChangeIds(PERPETUAL, 2);

    await().atMost(WAIT).until(() -> snapshotIndexes(mirrored).size() >= 2);
    int fresh = snapshotIndexes(mirrored).get(1);
    await().atMost(WAIT).until(() -> mirrored.size() > fresh + 1);
    assertThat(upstream.faults().count(Fault.SKIPPED_CHANGE)).isEqualTo(2);
    assertThat(data(mirrored.get(fresh + 1)).path("prev_change_id").asLong())
        .isEqualTo(data(mirrored.get(fresh)).path("change_id").asLong());
  }

  /** A client of {@code uri} subscribed to {@code channels}; returns the frames it receives. */
  private List<String> listen(URI uri, List<String> channels) throws Exception {
    List<String> frames = new CopyOnWriteArrayList<>();
    DeribitClient client =
        DeribitClient.connect(
            uri, (frame, nanos) -> frames.add(frame), DeribitClient.Options.defaults());
    clients.add(client);
    ResilientConnection.await(client.subscribe(channels));
    return frames;
  }

  private DeribitClient client(URI uri) throws Exception {
    DeribitClient client =
        DeribitClient.connect(uri, (frame, nanos) -> {}, DeribitClient.Options.defaults());
    clients.add(client);
    return client;
  }

  private static List<String> books(List<String> frames) {
    return frames.stream()
        .filter(frame -> Notifications.subscription(frame).channel().equals(BOOK))
        .toList();
  }

  private static List<Integer> snapshotIndexes(List<String> bookFrames) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < bookFrames.size(); i++) {
      if (data(bookFrames.get(i)).path("type").asText().equals("snapshot")) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  private static Set<String> channels(List<String> frames) {
    Set<String> channels = new HashSet<>();
    frames.forEach(frame -> channels.add(Notifications.subscription(frame).channel()));
    return channels;
  }

  private static JsonNode data(String frame) {
    return Fixtures.parse(frame).at("/params/data");
  }

  /** The book after each update, by change id, as a client rebuilds it; fails on a gap. */
  private static Map<Long, OrderBook> rebuild(List<String> bookFrames)
      throws MalformedMessageException {
    MarketDecoder decoder = new MarketDecoder();
    List<BookUpdate> updates = new ArrayList<>();
    for (String frame : bookFrames) {
      decoder.decode(
          Notifications.subscription(frame).withReceiveTime(0), event -> updates.add(event.book()));
    }
    Map<Long, OrderBook> books = new LinkedHashMap<>();
    BookState state = null;
    for (BookUpdate update : updates) {
      BookState.Step step = BookState.next(state, update);
      assertThat(step.outcome()).isEqualTo(BookState.Outcome.APPLIED);
      state = step.state();
      books.put(update.changeId(), state.book());
    }
    return books;
  }
}
