package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gammastraddle.book.BookState;
import io.gammastraddle.book.OrderBook;
import io.gammastraddle.deribit.market.MarketDecoder;
import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.PriceGrid;
import io.gammastraddle.simulator.exchange.InstrumentSpec;
import io.gammastraddle.simulator.exchange.OptionGreeks;
import io.gammastraddle.simulator.exchange.PriceLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mirror's rebuilt market over real Deribit messages from the fixtures. */
class MirrorMarketViewTest {
  // before the fixture instruments' expiry on 27 Dec 2024
  private static final long NOW = 1_700_000_000_000L;
  private static final String PERPETUAL = "BTC-PERPETUAL";
  private static final String FUTURE = "BTC-27DEC24";
  private static final String OPTION = "BTC-27DEC24-100000-C";
  private static final String TICKED_OPTION = "BTC-30SEP22-60000-C";
  private static final String PERPETUAL_BOOK = "book.BTC-PERPETUAL.100ms";

  private final List<String> broken = new ArrayList<>();
  private final MirrorMarketView view = new MirrorMarketView(definitions(), broken::add, NOW);

  @Test
  void instrumentTermsComeFromTheDefinitions() {
    InstrumentSpec perpetual = MirrorMarketView.spec(definition(PERPETUAL));
    assertThat(perpetual)
        .isEqualTo(
            new InstrumentSpec(
                PERPETUAL,
                "BTC",
                InstrumentSpec.Kind.PERPETUAL,
                PriceGrid.flat(0.5),
                10,
                10,
                Long.MAX_VALUE,
                Double.NaN,
                null));
    assertThat(MirrorMarketView.spec(definition(FUTURE)))
        .isEqualTo(
            new InstrumentSpec(
                FUTURE,
                "BTC",
                InstrumentSpec.Kind.FUTURE,
                PriceGrid.flat(0.5),
                10,
                10,
                1_735_300_800_000L,
                Double.NaN,
                null));
    assertThat(MirrorMarketView.spec(definition(OPTION)))
        .isEqualTo(
            new InstrumentSpec(
                OPTION,
                "BTC",
                InstrumentSpec.Kind.OPTION,
                PriceGrid.flat(0.0005),
                0.1,
                1,
                1_735_300_800_000L,
                100_000,
                "call"));
  }

  @Test
  void optionTicksFollowTheDefinitionsTickSizeSteps() {
    ObjectNode stepped = ((ObjectNode) definition(OPTION)).deepCopy();
    stepped.put("tick_size", 0.0001);
    stepped
        .putArray("tick_size_steps")
        .addObject()
        .put("above_price", 0.005)
        .put("tick_size", 0.0005);

    PriceGrid grid = MirrorMarketView.spec(stepped).priceGrid();

    assertThat(grid).isEqualTo(PriceGrid.deribitOption());
    assertThat(grid.isOnTick(0.0049)).isTrue();
    assertThat(grid.isOnTick(0.0052)).isFalse();
  }

  @Test
  void anInstrumentIsTradableOnlyOnceItsMarkAndIndexHaveArrived() {
    assertThat(view.instrument(PERPETUAL)).isEmpty();
    applyLine("ws_ticker_perpetual_100ms.json", 0);
    assertThat(view.instrument(PERPETUAL)).isEmpty();

    applyLine("ws_deribit_price_index.json", 0);

    assertThat(view.instrument(PERPETUAL)).map(InstrumentSpec::name).contains(PERPETUAL);
    assertThat(view.markPrice(PERPETUAL)).isEqualTo(29932.79);
    assertThat(view.indexPrice("BTC")).isEqualTo(6521.17);
    assertThat(view.greeks(PERPETUAL)).isEmpty();
    assertThat(view.instrument("ETH-PERPETUAL")).isEmpty();
  }

  @Test
  void optionGreeksAndMarkComeFromItsTicker() {
    applyLine("ws_ticker_option_100ms.json", 0);

    assertThat(view.markPrice(TICKED_OPTION)).isEqualTo(0.0084);
    assertThat(view.greeks(TICKED_OPTION))
        .contains(new OptionGreeks(0.05785, 0.00001, 20.05335, -5.65962));
  }

  @Test
  void booksAreRebuiltBestFirstAndTheSnapshotLinksToTheNextChange() throws Exception {
    applyLine("ws_book_100ms.json", 0);
    assertThat(view.bids(PERPETUAL))
        .containsExactly(
            new PriceLevel(37240.0, 20), new PriceLevel(37237.0, 14270), new PriceLevel(37233, 50));
    assertThat(view.asks(PERPETUAL).get(0)).isEqualTo(new PriceLevel(37240.5, 14240));

    String snapshot = view.bookSnapshot(PERPETUAL);
    JsonNode data = Fixtures.parse(snapshot).at("/params/data");
    assertThat(Fixtures.parse(snapshot).at("/params/channel").asText()).isEqualTo(PERPETUAL_BOOK);
    assertThat(data.path("type").asText()).isEqualTo("snapshot");
    assertThat(data.path("change_id").asLong()).isEqualTo(31_479_596_557L);
    assertThat(data.at("/bids/0").toString()).isEqualTo("[\"new\",37240.0,20.0]");

    String change = change(31_479_596_557L, 31_479_596_600L, "[[\"change\",37240.0,30.0]]");
    view.apply(Notifications.subscription(change), 0);
    // a client that subscribed now rebuilds what the mirror has from the snapshot and the change
    BookState client = BookState.next(null, decodedBook(snapshot)).state();
    BookState.Step next = BookState.next(client, decodedBook(change));

    assertThat(next.outcome()).isEqualTo(BookState.Outcome.APPLIED);
    OrderBook rebuilt = next.state().book();
    assertThat(view.bids(PERPETUAL).get(0)).isEqualTo(new PriceLevel(37240.0, 30));
    assertThat(levels(rebuilt.bids().prices(), rebuilt.bids().amounts()))
        .isEqualTo(view.bids(PERPETUAL));
    assertThat(levels(rebuilt.asks().prices(), rebuilt.asks().amounts()))
        .isEqualTo(view.asks(PERPETUAL));
    assertThat(BookState.next(null, decodedBook(view.bookSnapshot(PERPETUAL))).state().book())
        .isEqualTo(rebuilt);
  }

  @Test
  void aChangeThatDoesNotLinkHidesTheBookAndIsReportedOnceUntilASnapshot() {
    applyLine("ws_book_100ms.json", 0);

    view.apply(Notifications.subscription(change(1, 31_479_596_600L, "[]")), 0);
    view.apply(Notifications.subscription(change(31_479_596_600L, 31_479_596_700L, "[]")), 0);

    assertThat(broken).containsExactly(PERPETUAL_BOOK);
    assertThat(view.bids(PERPETUAL)).isEmpty();
    assertThat(view.asks(PERPETUAL)).isEmpty();

    applyLine("ws_book_100ms.json", 0);
    assertThat(view.bids(PERPETUAL)).hasSize(3);
  }

  @Test
  void aLostConnectionHidesEveryBookUntilItsNextSnapshot() {
    applyLine("ws_book_100ms.json", 0);

    view.connectionLost();

    assertThat(view.bids(PERPETUAL)).isEmpty();
    applyLine("ws_book_100ms.json", 0);
    assertThat(view.asks(PERPETUAL)).hasSize(3);
  }

  @Test
  void definitionsAreListedByCurrencyAndKindUntilTheyExpire() {
    assertThat(names(view.definitions("BTC", "option"))).containsExactly(OPTION, TICKED_OPTION);
    assertThat(names(view.definitions("any", "future"))).containsExactly(PERPETUAL, FUTURE);
    assertThat(names(view.definitions("any", null))).hasSize(4);
    assertThat(view.definitions("ETH", null)).isEmpty();
    assertThat(Fixtures.parse(view.definitions("BTC", "option").get(0)))
        .isEqualTo(definition(OPTION));

    view.advanceTo(1_735_300_800_000L);

    assertThat(names(view.definitions("any", null))).containsExactly(PERPETUAL);
  }

  @Test
  void aSnapshotBeforeAnyDataIsEmptyAndAnUnknownInstrumentIsRefused() {
    JsonNode data = Fixtures.parse(view.bookSnapshot(PERPETUAL)).at("/params/data");

    assertThat(data.path("change_id").asLong()).isZero();
    assertThat(data.path("bids")).isEmpty();
    assertThatThrownBy(() -> view.bookSnapshot("ETH-PERPETUAL"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The fixture's perpetual, dated future and option, plus the option the ticker fixture is on. */
  private static List<JsonNode> definitions() {
    ArrayNode listed =
        (ArrayNode) Fixtures.lines("rpc_public_get_instruments.json").get(2).get("result");
    List<JsonNode> definitions = new ArrayList<>();
    listed.forEach(
        definition -> {
          if (!definition.path("kind").asText().equals("future_combo")) {
            definitions.add(definition);
          }
        });
    ObjectNode ticked = ((ObjectNode) definition(OPTION)).deepCopy();
    ticked.put("instrument_name", TICKED_OPTION).put("strike", 60_000.0);
    definitions.add(ticked);
    return definitions;
  }

  private static JsonNode definition(String name) {
    for (JsonNode definition :
        Fixtures.lines("rpc_public_get_instruments.json").get(2).get("result")) {
      if (definition.path("instrument_name").asText().equals(name)) {
        return definition;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private void applyLine(String fixture, int line) {
    String frame = io.gammastraddle.deribit.Fixtures.lines(fixture).get(line);
    view.apply(Notifications.subscription(frame), 0);
  }

  private static String change(long previous, long changeId, String bids) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\""
        + PERPETUAL_BOOK
        + "\",\"data\":{\"type\":\"change\",\"timestamp\":1622627433500,\"prev_change_id\":"
        + previous
        + ",\"instrument_name\":\"BTC-PERPETUAL\",\"change_id\":"
        + changeId
        + ",\"bids\":"
        + bids
        + ",\"asks\":[]}}}";
  }

  private static BookUpdate decodedBook(String frame) throws Exception {
    List<BookUpdate> books = new ArrayList<>();
    new MarketDecoder()
        .decode(
            Notifications.subscription(frame).withReceiveTime(0), event -> books.add(event.book()));
    return books.get(0);
  }

  private static List<PriceLevel> levels(double[] prices, double[] amounts) {
    List<PriceLevel> levels = new ArrayList<>();
    for (int i = 0; i < prices.length; i++) {
      levels.add(new PriceLevel(prices[i], amounts[i]));
    }
    return levels;
  }

  private static List<String> names(List<String> definitions) {
    return definitions.stream()
        .map(json -> Fixtures.parse(json).path("instrument_name").asText())
        .toList();
  }
}
