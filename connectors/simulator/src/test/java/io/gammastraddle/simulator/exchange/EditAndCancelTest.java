package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.CALL;
import static io.gammastraddle.simulator.exchange.OrderMatchingTest.dataOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Editing, cancelling and looking up orders. */
class EditAndCancelTest {
  private final FakeMarket market = new FakeMarket();
  private final PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
  private final Trader trader = new Trader(exchange, "alice");

  @Test
  void editChangesAmountAndPriceOfARestingOrder() {
    String id = trader.buy("BTC-PERPETUAL", 500, 59_000, "");

    JsonNode result = trader.call("private/edit", "order_id", id, "amount", 800, "price", 59_500);

    JsonNode order = result.get("order");
    assertThat(order.get("order_id").asText()).isEqualTo(id);
    assertThat(order.get("amount").asDouble()).isEqualTo(800);
    assertThat(order.get("price").asDouble()).isEqualTo(59_500);
    assertThat(order.get("replaced").asBoolean()).isTrue();
    assertThat(order.get("order_state").asText()).isEqualTo("open");
    assertThat(result.get("trades")).isEmpty();
    assertThat(dataOf(trader.lastEvents(), UserEvent.Type.ORDERS).get("amount").asDouble())
        .isEqualTo(800);
  }

  @Test
  void editThatCrossesTakesLiquidityAtOnce() {
    String id = trader.buy("BTC-PERPETUAL", 500, 59_000, "");

    JsonNode result = trader.call("private/edit", "order_id", id, "amount", 500, "price", 60_000);

    assertThat(result.at("/order/order_state").asText()).isEqualTo("filled");
    assertThat(result.get("trades"))
        .singleElement()
        .satisfies(
            trade -> {
              assertThat(trade.get("price").asDouble()).isEqualTo(60_000);
              assertThat(trade.get("liquidity").asText()).isEqualTo("T");
            });
  }

  @Test
  void crossingEditOfAPostOnlyOrderWithRejectPostOnlyCancelsIt() {
    String id =
        trader
            .call(
                "private/buy",
                "instrument_name",
                "BTC-PERPETUAL",
                "amount",
                500,
                "price",
                59_000,
                "post_only",
                true,
                "reject_post_only",
                true)
            .at("/order/order_id")
            .asText();

    DeribitError error =
        trader.refused("private/edit", "order_id", id, "amount", 500, "price", 60_000);

    assertThat(error.code()).isEqualTo(11054);
    JsonNode cancelled = dataOf(trader.lastEvents(), UserEvent.Type.ORDERS);
    assertThat(cancelled.get("order_state").asText()).isEqualTo("cancelled");
    assertThat(cancelled.get("cancel_reason").asText()).isEqualTo("edit_post_only_reject");
    assertThat(openOrders("BTC")).isEmpty();
  }

  @Test
  void crossingEditOfAPostOnlyOrderIsRepricedInsideTheSpread() {
    String id =
        trader
            .call(
                "private/buy",
                "instrument_name",
                "BTC-PERPETUAL",
                "amount",
                500,
                "price",
                59_000,
                "post_only",
                true)
            .at("/order/order_id")
            .asText();

    JsonNode order =
        trader.call("private/edit", "order_id", id, "amount", 500, "price", 60_100).get("order");

    assertThat(order.get("price").asDouble()).isEqualTo(59_999.5);
    assertThat(order.get("order_state").asText()).isEqualTo("open");
  }

  @Test
  void cancelReturnsTheCancelledOrderAndAnnouncesIt() {
    String id = trader.buy("BTC-PERPETUAL", 500, 59_000, "");

    JsonNode order = trader.call("private/cancel", "order_id", id);

    assertThat(order.get("order_state").asText()).isEqualTo("cancelled");
    assertThat(order.get("cancel_reason").asText()).isEqualTo("user_request");
    assertThat(dataOf(trader.lastEvents(), UserEvent.Type.ORDERS).get("order_id").asText())
        .isEqualTo(id);
    assertThat(trader.call("private/get_order_state", "order_id", id).get("order_state").asText())
        .isEqualTo("cancelled");
  }

  @Test
  void cancelAllCancelsEveryOpenOrderAndCountsThem() {
    trader.buy("BTC-PERPETUAL", 500, 59_000, "");
    trader.buy(CALL.name(), 1, 0.01, "");
    trader.buy("ETH-PERPETUAL", 100, 2_900, "");

    assertThat(trader.call("private/cancel_all").asInt()).isEqualTo(3);
    assertThat(openOrders("BTC")).isEmpty();
    assertThat(openOrders("ETH")).isEmpty();
  }

  @Test
  void cancelAllByCurrencyCancelsOnlyThatCurrencyAndKind() {
    trader.buy("BTC-PERPETUAL", 500, 59_000, "");
    trader.buy(CALL.name(), 1, 0.01, "");
    trader.buy("ETH-PERPETUAL", 100, 2_900, "");

    assertThat(
            trader
                .call("private/cancel_all_by_currency", "currency", "BTC", "kind", "option")
                .asInt())
        .isEqualTo(1);
    assertThat(names(openOrders("BTC"))).containsExactly("BTC-PERPETUAL");
    assertThat(trader.call("private/cancel_all_by_currency", "currency", "btc").asInt())
        .isEqualTo(1);
    assertThat(names(openOrders("ETH"))).containsExactly("ETH-PERPETUAL");
  }

  @Test
  void cancelByLabelCancelsTheOrdersWithThatLabel() {
    trader.buy("BTC-PERPETUAL", 500, 59_000, "gsb-BTC-7-call");
    trader.buy("BTC-PERPETUAL", 500, 58_000, "gsb-BTC-7-call");
    trader.buy("ETH-PERPETUAL", 100, 2_900, "gsb-BTC-7-call");
    trader.buy("BTC-PERPETUAL", 500, 57_000, "other");

    assertThat(
            trader
                .call("private/cancel_by_label", "label", "gsb-BTC-7-call", "currency", "BTC")
                .asInt())
        .isEqualTo(2);
    assertThat(trader.call("private/cancel_by_label", "label", "gsb-BTC-7-call").asInt())
        .isEqualTo(1);
    assertThat(openOrders("BTC"))
        .singleElement()
        .satisfies(order -> assertThat(order.get("label").asText()).isEqualTo("other"));
  }

  @Test
  void cancelOnDisconnectCancelsEveryOpenOrderOfTheAccount() {
    trader.buy("BTC-PERPETUAL", 500, 59_000, "");
    new Trader(exchange, "bob")
        .call("private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 10, "price", 59_000);

    List<UserEvent> events = exchange.cancelAll("alice");

    JsonNode order = dataOf(events, UserEvent.Type.ORDERS);
    assertThat(order.get("cancel_reason").asText()).isEqualTo("cancel_on_disconnect");
    assertThat(events).allMatch(event -> event.accountId().equals("alice"));
    assertThat(openOrders("BTC")).isEmpty();
    assertThat(
            new Trader(exchange, "bob")
                .call("private/get_open_orders_by_currency", "currency", "BTC"))
        .hasSize(1);
    assertThat(exchange.cancelAll("nobody")).isEmpty();
  }

  @Test
  void openOrdersCanBeFilteredByKind() {
    trader.buy("BTC-PERPETUAL", 500, 59_000, "");
    trader.buy(CALL.name(), 1, 0.01, "");

    assertThat(
            names(
                trader.call(
                    "private/get_open_orders_by_currency", "currency", "BTC", "kind", "option")))
        .containsExactly(CALL.name());
    assertThat(
            names(
                trader.call(
                    "private/get_open_orders_by_currency", "currency", "BTC", "kind", "future")))
        .containsExactly("BTC-PERPETUAL");
  }

  @Test
  void orderStateByLabelFindsOpenAndClosedOrdersOfTheCurrency() {
    String first = trader.buy("BTC-PERPETUAL", 500, 59_000, "gsb-BTC-1-put");
    trader.call("private/cancel", "order_id", first);
    String second = trader.buy("BTC-PERPETUAL", 500, 58_000, "gsb-BTC-1-put");
    trader.buy("ETH-PERPETUAL", 100, 2_900, "gsb-BTC-1-put");
    trader.buy("BTC-PERPETUAL", 500, 57_000, "gsb-BTC-2-put");

    JsonNode orders =
        trader.call(
            "private/get_order_state_by_label", "currency", "BTC", "label", "gsb-BTC-1-put");

    List<String> ids = new ArrayList<>();
    orders.forEach(order -> ids.add(order.get("order_id").asText()));
    assertThat(ids).containsExactly(first, second);
    assertThat(orders.get(0).get("order_state").asText()).isEqualTo("cancelled");
    assertThat(orders.get(1).get("order_state").asText()).isEqualTo("open");
  }

  private JsonNode openOrders(String currency) {
    return trader.call("private/get_open_orders_by_currency", "currency", currency);
  }

  private static List<String> names(JsonNode orders) {
    List<String> names = new ArrayList<>();
    orders.forEach(order -> names.add(order.get("instrument_name").asText()));
    return names;
  }
}
