package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.PERPETUAL;
import static io.gammastraddle.simulator.exchange.FakeMarket.levels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Taker fills against the visible book (BTC-PERPETUAL asks 60,000 x 1000 and 60,010 x 2000 USD,
 * bids 59,999.5 x 1000 and 59,990 x 2000) and maker fills of resting orders on later steps.
 */
class OrderMatchingTest {
  private static final double TAKER = 0.0005;

  private final FakeMarket market = new FakeMarket();
  private final PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
  private final Trader trader = new Trader(exchange, "alice");

  @Test
  void marketBuyWalksTheAsksAndPaysTakerFeesOnEachLevel() {
    JsonNode result =
        trader.call(
            "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1500, "type", "market");

    JsonNode order = result.get("order");
    assertThat(order.get("order_state").asText()).isEqualTo("filled");
    assertThat(order.get("filled_amount").asDouble()).isEqualTo(1500);
    assertThat(order.get("average_price").asDouble())
        .isCloseTo((1000 * 60_000 + 500 * 60_010) / 1500.0, within(1e-9));
    JsonNode trades = result.get("trades");
    assertThat(trades).hasSize(2);
    assertTrade(trades.get(0), 60_000, 1000, "T");
    assertTrade(trades.get(1), 60_010, 500, "T");
    double fees = TAKER * (1000 / 60_000.0 + 500 / 60_010.0);
    assertThat(trades.get(0).get("fee").asDouble() + trades.get(1).get("fee").asDouble())
        .isCloseTo(fees, within(1e-15));
    assertThat(trader.summary("BTC").get("balance").asDouble()).isCloseTo(10 - fees, within(1e-12));
  }

  @Test
  void marketOrderLargerThanTheBookIsCancelledAfterTakingEveryLevel() {
    JsonNode order =
        trader
            .call(
                "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 4000, "type", "market")
            .get("order");

    assertThat(order.get("order_state").asText()).isEqualTo("cancelled");
    assertThat(order.get("filled_amount").asDouble()).isEqualTo(3000);
    assertThat(order.get("price").asDouble()).isEqualTo(60_010);
  }

  @Test
  void immediateOrCancelFillsWithinItsLimitAndCancelsTheRest() {
    JsonNode result =
        trader.call(
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            1500,
            "price",
            60_000,
            "time_in_force",
            "immediate_or_cancel");

    assertThat(result.at("/order/order_state").asText()).isEqualTo("cancelled");
    assertThat(result.at("/order/filled_amount").asDouble()).isEqualTo(1000);
    assertThat(result.get("trades")).hasSize(1);
    assertThat(openOrders()).isEmpty();
  }

  @Test
  void fillOrKillTradesNothingUnlessItFillsCompletely() {
    JsonNode killed =
        trader.call(
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            3500,
            "price",
            60_010,
            "time_in_force",
            "fill_or_kill");
    assertThat(killed.at("/order/order_state").asText()).isEqualTo("cancelled");
    assertThat(killed.at("/order/filled_amount").asDouble()).isZero();
    assertThat(killed.get("trades")).isEmpty();
    assertThat(position()).isNull();

    JsonNode filled =
        trader.call(
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            3000,
            "price",
            60_010,
            "time_in_force",
            "fill_or_kill");
    assertThat(filled.at("/order/order_state").asText()).isEqualTo("filled");
    assertThat(filled.get("trades")).hasSize(2);
  }

  @Test
  void marketableLimitOrderTakesWhatItCanAndRestsTheRest() {
    JsonNode result =
        trader.call(
            "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1500, "price", 60_005);

    assertThat(result.at("/order/order_state").asText()).isEqualTo("open");
    assertThat(result.at("/order/filled_amount").asDouble()).isEqualTo(1000);
    assertThat(result.get("trades")).hasSize(1);
    assertThat(openOrders()).hasSize(1);
    assertThat(position().get("size").asDouble()).isEqualTo(1000);
  }

  @Test
  void goodTilDayRestsLikeGoodTilCancelledAndContractsGiveTheAmount() {
    JsonNode order =
        trader
            .call(
                "private/buy",
                "instrument_name",
                "BTC-PERPETUAL",
                "contracts",
                50,
                "price",
                59_000,
                "time_in_force",
                "good_til_day")
            .get("order");

    assertThat(order.get("amount").asDouble()).isEqualTo(500);
    assertThat(order.get("contracts").asDouble()).isEqualTo(50);
    assertThat(order.get("time_in_force").asText()).isEqualTo("good_til_day");
    assertThat(order.get("order_state").asText()).isEqualTo("open");
  }

  @Test
  void restingBuyFillsAsMakerAtItsOwnPriceWhenTheAsksComeDown() {
    String orderId =
        trader
            .call("private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 500, "price", 59_995)
            .at("/order/order_id")
            .asText();
    assertThat(exchange.onMarketStep()).noneMatch(e -> e.type() == UserEvent.Type.TRADES);

    market.book(PERPETUAL, levels(59_990, 1000), levels(59_995, 200, 60_000, 1000));
    List<UserEvent> events = exchange.onMarketStep();

    JsonNode trades = dataOf(events, UserEvent.Type.TRADES);
    assertThat(trades).hasSize(1);
    assertTrade(trades.get(0), 59_995, 200, "M");
    assertThat(trades.get(0).get("fee").asDouble()).isZero();
    assertThat(dataOf(events, UserEvent.Type.ORDERS).get("filled_amount").asDouble())
        .isEqualTo(200);

    market.book(PERPETUAL, levels(59_980, 1000), levels(59_985, 5000));
    events = exchange.onMarketStep();

    assertTrade(dataOf(events, UserEvent.Type.TRADES).get(0), 59_995, 300, "M");
    JsonNode order = trader.call("private/get_order_state", "order_id", orderId);
    assertThat(order.get("order_state").asText()).isEqualTo("filled");
    assertThat(order.get("average_price").asDouble()).isEqualTo(59_995);
    assertThat(position().get("size").asDouble()).isEqualTo(500);
  }

  @Test
  void restingSellFillsWhenTheBidsTouchItsPrice() {
    trader.call("private/sell", "instrument_name", "BTC-PERPETUAL", "amount", 300, "price", 60_005);
    market.book(PERPETUAL, levels(60_005, 100, 60_000, 1000), levels(60_010, 1000));

    JsonNode trades = dataOf(exchange.onMarketStep(), UserEvent.Type.TRADES);

    assertTrade(trades.get(0), 60_005, 100, "M");
    assertThat(trades.get(0).get("direction").asText()).isEqualTo("sell");
    assertThat(position().get("size").asDouble()).isEqualTo(-100);
  }

  private void assertTrade(JsonNode trade, double price, double amount, String liquidity) {
    assertThat(trade.get("price").asDouble()).isEqualTo(price);
    assertThat(trade.get("amount").asDouble()).isEqualTo(amount);
    assertThat(trade.get("liquidity").asText()).isEqualTo(liquidity);
    assertThat(trade.get("fee_currency").asText()).isEqualTo("BTC");
  }

  private JsonNode openOrders() {
    return trader.call("private/get_open_orders_by_currency", "currency", "BTC");
  }

  private JsonNode position() {
    for (JsonNode position : trader.call("private/get_positions", "currency", "BTC")) {
      if (position.get("instrument_name").asText().equals(PERPETUAL.name())) {
        return position;
      }
    }
    return null;
  }

  static JsonNode dataOf(List<UserEvent> events, UserEvent.Type type) {
    return events.stream()
        .filter(event -> event.type() == type)
        .map(event -> Trader.parse(event.data()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " event in " + events));
  }
}
