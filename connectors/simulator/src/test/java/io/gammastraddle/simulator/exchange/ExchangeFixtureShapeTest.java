package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.CALL;
import static io.gammastraddle.simulator.exchange.FakeMarket.PERPETUAL;
import static io.gammastraddle.simulator.exchange.FakeMarket.PUT;
import static io.gammastraddle.simulator.exchange.FakeMarket.levels;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.simulator.JsonShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Results and user events have the fields of Deribit's real ones in {@code fixtures/deribit}: every
 * field present in all real examples of a kind is present, with a JSON type the real ones use;
 * other fields are only those the real examples or Deribit's API reference name. Integers and
 * floats count as one type, because Deribit's docs examples write whole quantities as integers
 * ({@code "amount":21}) where the live exchange writes floats ({@code "amount":5580.0} in the real
 * captures of ws_trades.json); counters and timestamps must be integers.
 */
class ExchangeFixtureShapeTest {
  private static final Set<String> INTEGER_FIELDS =
      Set.of("trade_seq", "tick_direction", "leverage", "id", "rate", "burst");

  /** Fields the docs' private/buy response lists that no fixture happens to show. */
  private static final Set<String> DOCUMENTED_ORDER_FIELDS = Set.of("cancel_reason");

  private static final Set<String> DOCUMENTED_TRADE_FIELDS =
      Set.of("contracts", "label", "api", "mmp", "risk_reducing");

  /** get_positions fields the docs mark "only for options" / "only for futures". */
  private static final Set<String> OPTION_ONLY_POSITION_FIELDS =
      Set.of("average_price_usd", "floating_profit_loss_usd", "gamma", "vega", "theta");

  private static final Set<String> FUTURE_ONLY_POSITION_FIELDS =
      Set.of(
          "estimated_liquidation_price",
          "interest_value",
          "leverage",
          "realized_funding",
          "size_currency");

  private static final List<JsonNode> orders = new ArrayList<>();
  private static final List<JsonNode> trades = new ArrayList<>();
  private static final List<JsonNode> positions = new ArrayList<>();
  private static final List<JsonNode> portfolios = new ArrayList<>();
  private static JsonNode summary;
  private static JsonNode cancelAllCount;

  @BeforeAll
  static void trade() {
    FakeMarket market = new FakeMarket();
    PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
    Trader trader = new Trader(exchange, "alice");
    List<UserEvent> events = new ArrayList<>();

    orderResult(
        trader.call(
            "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1500, "type", "market"));
    events.addAll(trader.lastEvents());
    orderResult(
        trader.call("private/buy", "instrument_name", CALL.name(), "amount", 1, "type", "market"));
    events.addAll(trader.lastEvents());
    JsonNode resting =
        trader.call(
            "private/sell",
            "instrument_name",
            PUT.name(),
            "amount",
            1,
            "price",
            0.03,
            "label",
            "gsb-BTC-1-put",
            "post_only",
            true);
    orderResult(resting);
    events.addAll(trader.lastEvents());
    String limit =
        trader
            .call("private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 500, "price", 59_000)
            .at("/order/order_id")
            .asText();
    orderResult(trader.call("private/edit", "order_id", limit, "amount", 600, "price", 59_500));
    events.addAll(trader.lastEvents());
    orders.add(trader.call("private/cancel", "order_id", limit));
    events.addAll(trader.lastEvents());
    market.book(PUT, levels(0.03, 5), levels(0.031, 5)).mark(PERPETUAL, 60_100);
    events.addAll(exchange.onMarketStep());

    for (UserEvent event : events) {
      JsonNode data = Trader.parse(event.data());
      switch (event.type()) {
        case ORDERS -> orders.add(data);
        case TRADES -> data.forEach(trades::add);
        case PORTFOLIO -> portfolios.add(data);
      }
    }
    trader.call("private/get_positions", "currency", "BTC").forEach(positions::add);
    summary = trader.summary("BTC");
    trader.call("private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 10, "price", 50_000);
    cancelAllCount = trader.call("private/cancel_all");
  }

  private static void orderResult(JsonNode result) {
    orders.add(result.get("order"));
    result.get("trades").forEach(trades::add);
  }

  @Test
  void scenarioProducedEveryKindOfObject() {
    assertThat(orders).hasSizeGreaterThan(8);
    assertThat(trades).anyMatch(trade -> trade.get("liquidity").asText().equals("M"));
    assertThat(trades).anyMatch(trade -> trade.get("liquidity").asText().equals("T"));
    assertThat(positions).anyMatch(kind("option")).anyMatch(kind("future"));
    assertThat(portfolios).isNotEmpty();
  }

  @Test
  void ordersHaveTheShapeOfDeribitsOrders() {
    List<JsonNode> real = new ArrayList<>();
    for (String file :
        List.of("rpc_private_buy.json", "rpc_private_sell.json", "rpc_private_edit.json")) {
      results(file).forEach(result -> real.add(result.get("order")));
    }
    real.addAll(results("rpc_private_cancel.json"));
    for (JsonNode line : lines("ws_user_orders.json")) {
      JsonNode data = line.at("/params/data");
      if (data.isArray()) {
        data.forEach(real::add);
      } else {
        real.add(data);
      }
    }
    assertSameShape("order", real, orders, DOCUMENTED_ORDER_FIELDS, Set.of());
  }

  @Test
  void tradesHaveTheShapeOfDeribitsUserTrades() {
    List<JsonNode> real = new ArrayList<>();
    for (String file : List.of("rpc_private_buy.json", "rpc_private_sell.json")) {
      results(file).forEach(result -> result.get("trades").forEach(real::add));
    }
    lines("ws_user_trades.json").forEach(line -> line.at("/params/data").forEach(real::add));
    assertSameShape("trade", real, trades, DOCUMENTED_TRADE_FIELDS, Set.of());
  }

  @Test
  void futurePositionsHaveTheShapeOfDeribitsPositions() {
    List<JsonNode> real = new ArrayList<>();
    results("rpc_private_get_positions.json").forEach(result -> result.forEach(real::add));
    assertSameShape("future position", real, select(positions, kind("future")), Set.of(), Set.of());
  }

  @Test
  void optionPositionsHaveTheDocumentedOptionFields() {
    List<JsonNode> real = new ArrayList<>();
    results("rpc_private_get_positions.json").forEach(result -> result.forEach(real::add));
    List<JsonNode> options = select(positions, kind("option"));
    assertSameShape(
        "option position", real, options, OPTION_ONLY_POSITION_FIELDS, FUTURE_ONLY_POSITION_FIELDS);
    assertThat(options)
        .allSatisfy(
            position ->
                assertThat(OPTION_ONLY_POSITION_FIELDS)
                    .allMatch(field -> position.path(field).isNumber()));
  }

  @Test
  void accountSummaryHasTheShapeOfDeribitsExtendedSummary() {
    assertSameShape(
        "account summary",
        results("rpc_private_get_account_summary.json"),
        List.of(summary),
        Set.of(),
        Set.of());
  }

  @Test
  void portfolioEventsHaveTheShapeOfDeribitsPortfolioNotifications() {
    List<JsonNode> real = new ArrayList<>();
    lines("ws_user_portfolio.json").forEach(line -> real.add(line.at("/params/data")));
    assertSameShape("portfolio", real, portfolios, Set.of(), Set.of());
  }

  @Test
  void cancelAllCountsLikeDeribit() {
    JsonNode real = results("rpc_private_cancel_all.json").get(0);
    assertThat(real.isIntegralNumber()).isTrue();
    assertThat(cancelAllCount.isIntegralNumber()).isTrue();
    assertThat(cancelAllCount.asInt()).isEqualTo(1);
  }

  private static void assertSameShape(
      String kind,
      List<JsonNode> real,
      List<JsonNode> generated,
      Set<String> documentedExtras,
      Set<String> notApplicable) {
    assertThat(real).as("real %s examples", kind).isNotEmpty();
    assertThat(generated).as("generated %ss", kind).isNotEmpty();
    List<JsonShape> realFields = real.stream().map(JsonShape::of).toList();
    JsonShape required = JsonShape.common(realFields);
    JsonShape allowed = JsonShape.union(realFields);
    Set<String> violations = new TreeSet<>();
    for (JsonNode object : generated) {
      JsonShape fields = JsonShape.of(object);
      for (String path : required.paths()) {
        if (!fields.paths().contains(path)
            && !notApplicable.contains(relative(path))
            && !insideEmptyArray(path, fields)) {
          violations.add("missing " + path);
        }
      }
      for (String path : fields.paths()) {
        Set<String> types = fields.types(path);
        if (documentedExtras.contains(relative(path))) {
          continue;
        }
        if (!allowed.paths().contains(path)) {
          violations.add("unknown " + path);
        } else if (!compatible(types, allowed.types(path))) {
          violations.add(path + " is " + types + ", real " + allowed.types(path));
        }
        if (integral(path) && !types.equals(Set.of("integer"))) {
          violations.add(path + " must be an integer, is " + types);
        }
      }
    }
    assertThat(violations).as("%s differences from Deribit's", kind).isEmpty();
  }

  /** {@code $.order_id} -> {@code order_id}: the sets above name fields from the root. */
  private static String relative(String path) {
    return path.startsWith("$.") ? path.substring("$.".length()) : path;
  }

  private static boolean compatible(Set<String> types, Set<String> realTypes) {
    return types.stream()
        .allMatch(
            type ->
                realTypes.contains(type)
                    || (isNumber(type)
                        && realTypes.stream().anyMatch(ExchangeFixtureShapeTest::isNumber)));
  }

  private static boolean isNumber(String type) {
    return type.equals("integer") || type.equals("float");
  }

  private static boolean integral(String path) {
    String field = path.substring(path.lastIndexOf('.') + 1);
    return field.endsWith("timestamp") || INTEGER_FIELDS.contains(field);
  }

  private static boolean insideEmptyArray(String path, JsonShape fields) {
    int element = path.lastIndexOf("[]");
    return element >= 0 && !fields.paths().contains(path.substring(0, element + 2));
  }

  private static List<JsonNode> lines(String file) {
    return Fixtures.lines(file).stream().map(Trader::parse).toList();
  }

  /** The {@code result} of each response line of a fixture file. */
  private static List<JsonNode> results(String file) {
    return lines(file).stream()
        .filter(line -> line.has("result"))
        .map(line -> line.get("result"))
        .toList();
  }

  private static Predicate<JsonNode> kind(String kind) {
    return position -> position.path("kind").asText().equals(kind);
  }

  private static List<JsonNode> select(List<JsonNode> objects, Predicate<JsonNode> filter) {
    return objects.stream().filter(filter).toList();
  }
}
