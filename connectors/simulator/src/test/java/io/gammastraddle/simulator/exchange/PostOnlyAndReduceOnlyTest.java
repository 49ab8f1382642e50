package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.CALL;
import static io.gammastraddle.simulator.exchange.FakeMarket.PERPETUAL;
import static io.gammastraddle.simulator.exchange.FakeMarket.levels;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Post-only orders that would cross (best bid 59,999.5, best ask 60,000, tick 0.5) and reduce-only
 * orders against the position.
 */
class PostOnlyAndReduceOnlyTest {
  private final FakeMarket market = new FakeMarket();
  private final PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
  private final Trader trader = new Trader(exchange, "alice");

  @Test
  void crossingPostOnlyWithRejectPostOnlyIsRefused() {
    DeribitError error =
        trader.refused(
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            100,
            "price",
            60_000,
            "post_only",
            true,
            "reject_post_only",
            true);

    assertThat(error.code()).isEqualTo(11054);
    assertThat(error.message()).isEqualTo("post_only_reject");
    assertThat(openOrders()).isEmpty();
  }

  @Test
  void crossingPostOnlyBuyIsRepricedOneTickBelowTheBestAsk() {
    JsonNode result =
        trader.call(
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            100,
            "price",
            60_005,
            "post_only",
            true);

    assertThat(result.get("trades")).isEmpty();
    JsonNode order = result.get("order");
    assertThat(order.get("price").asDouble()).isEqualTo(59_999.5);
    assertThat(order.get("order_state").asText()).isEqualTo("open");
    assertThat(order.get("post_only").asBoolean()).isTrue();
    assertThat(order.get("reject_post_only").asBoolean()).isFalse();
  }

  @Test
  void crossingPostOnlyOptionOrdersAreRepricedOnTheTickOfTheirNewLevel() {
    market.book(CALL, levels(0.0045, 1), levels(0.005, 1));
    JsonNode buy = postOnly("private/buy", 0.006);
    market.book(CALL, levels(0.005, 1), levels(0.006, 1));
    JsonNode sell = postOnly("private/sell", 0.004);

    assertThat(buy.get("price").asDouble()).as("below an ask of 0.005").isEqualTo(0.0049);
    assertThat(sell.get("price").asDouble()).as("above a bid of 0.005").isEqualTo(0.0055);
  }

  @Test
  void crossingPostOnlySellIsRepricedOneTickAboveTheBestBid() {
    JsonNode order =
        trader
            .call(
                "private/sell",
                "instrument_name",
                "BTC-PERPETUAL",
                "amount",
                100,
                "price",
                59_000,
                "post_only",
                true)
            .get("order");

    assertThat(order.get("price").asDouble()).isEqualTo(60_000);
  }

  @Test
  void postOnlyThatDoesNotCrossKeepsItsPrice() {
    JsonNode order =
        trader
            .call(
                "private/buy",
                "instrument_name",
                "BTC-PERPETUAL",
                "amount",
                100,
                "price",
                59_990,
                "post_only",
                true,
                "reject_post_only",
                true)
            .get("order");

    assertThat(order.get("price").asDouble()).isEqualTo(59_990);
  }

  @Test
  void postOnlyIsRefusedOnMarketAndImmediateOrders() {
    assertThat(
            trader
                .refused(
                    "private/buy",
                    "instrument_name",
                    "BTC-PERPETUAL",
                    "amount",
                    100,
                    "type",
                    "market",
                    "post_only",
                    true)
                .code())
        .isEqualTo(11055);
    assertThat(
            trader
                .refused(
                    "private/buy",
                    "instrument_name",
                    "BTC-PERPETUAL",
                    "amount",
                    100,
                    "price",
                    59_990,
                    "time_in_force",
                    "immediate_or_cancel",
                    "post_only",
                    true)
                .code())
        .isEqualTo(11055);
  }

  @Test
  void reduceOnlyWithoutAPositionIsRefused() {
    DeribitError error =
        trader.refused(
            "private/sell",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            100,
            "type",
            "market",
            "reduce_only",
            true);

    assertThat(error.code()).isEqualTo(11030);
  }

  @Test
  void reduceOnlyIsClippedToThePositionAndNeverFlipsIt() {
    buyMarket(1000);

    JsonNode order =
        trader
            .call(
                "private/sell",
                "instrument_name",
                "BTC-PERPETUAL",
                "amount",
                1500,
                "type",
                "market",
                "reduce_only",
                true)
            .get("order");

    assertThat(order.get("amount").asDouble()).isEqualTo(1000);
    assertThat(order.get("order_state").asText()).isEqualTo("filled");
    assertThat(order.get("reduce_only").asBoolean()).isTrue();
    assertThat(position().get("size").asDouble()).isZero();
    assertThat(position().get("direction").asText()).isEqualTo("zero");
  }

  @Test
  void reduceOnlyTheWayThatWouldIncreaseThePositionIsRefused() {
    buyMarket(1000);

    assertThat(
            trader
                .refused(
                    "private/buy",
                    "instrument_name",
                    "BTC-PERPETUAL",
                    "amount",
                    100,
                    "price",
                    59_990,
                    "reduce_only",
                    true)
                .code())
        .isEqualTo(11030);
  }

  @Test
  void restingReduceOnlyOrdersTogetherCoverAtMostThePosition() {
    buyMarket(1000);
    sellReduceOnly(600, 60_100);

    JsonNode second = sellReduceOnly(600, 60_200);

    assertThat(second.get("amount").asDouble()).isEqualTo(400);
  }

  @Test
  void restingReduceOnlyOrderIsCancelledWhenThePositionIsGoneBeforeItFills() {
    buyMarket(1000);
    String orderId = sellReduceOnly(1000, 60_100).get("order_id").asText();
    trader.call(
        "private/sell", "instrument_name", "BTC-PERPETUAL", "amount", 1000, "type", "market");
    market.book(PERPETUAL, levels(60_100, 5000), levels(60_105, 5000));

    List<UserEvent> events = exchange.onMarketStep();

    assertThat(events).noneMatch(event -> event.type() == UserEvent.Type.TRADES);
    JsonNode order = trader.call("private/get_order_state", "order_id", orderId);
    assertThat(order.get("order_state").asText()).isEqualTo("cancelled");
    assertThat(order.get("filled_amount").asDouble()).isZero();
    assertThat(position().get("size").asDouble()).isZero();
  }

  private void buyMarket(double amount) {
    trader.call(
        "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", amount, "type", "market");
  }

  private JsonNode sellReduceOnly(double amount, double price) {
    return trader
        .call(
            "private/sell",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            amount,
            "price",
            price,
            "reduce_only",
            true)
        .get("order");
  }

  private JsonNode postOnly(String method, double price) {
    return trader
        .call(
            method, "instrument_name", CALL.name(), "amount", 1, "price", price, "post_only", true)
        .get("order");
  }

  private JsonNode openOrders() {
    return trader.call("private/get_open_orders_by_currency", "currency", "BTC");
  }

  private JsonNode position() {
    return trader.call("private/get_positions", "currency", "BTC", "kind", "future").get(0);
  }
}
