package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.CALL;
import static io.gammastraddle.simulator.exchange.FakeMarket.PUT;
import static io.gammastraddle.simulator.exchange.OrderMatchingTest.dataOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cash settlement of the 60,000 strike options at their delivery price. */
class SettlementTest {
  private static final double EPS = 1e-12;
  private static final double PAID = 0.02 + 0.0003;

  private final FakeMarket market = new FakeMarket();
  private final PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
  private final Trader trader = new Trader(exchange, "alice");

  @Test
  void inTheMoneyCallPaysItsIntrinsicValueInCoinLessTheDeliveryFee() {
    trader.call("private/buy", "instrument_name", CALL.name(), "amount", 1, "type", "market");
    market.advance(FakeMarket.EXPIRY - FakeMarket.START).deliver(CALL, 66_000);

    List<UserEvent> events = exchange.onMarketStep();

    double payoff = 6_000 / 66_000.0;
    JsonNode portfolio = dataOf(events, UserEvent.Type.PORTFOLIO);
    assertThat(portfolio.get("balance").asDouble())
        .isCloseTo(10 - PAID + payoff - 0.00015, within(EPS));
    assertThat(portfolio.get("options_pl").asDouble()).isCloseTo(payoff - 0.02, within(EPS));
    assertThat(portfolio.get("options_value").asDouble()).isZero();
    assertThat(trader.call("private/get_positions", "currency", "BTC")).isEmpty();
  }

  @Test
  void outOfTheMoneyCallExpiresWorthlessWithoutAFee() {
    trader.call("private/buy", "instrument_name", CALL.name(), "amount", 1, "type", "market");
    market.deliver(CALL, 59_000);

    exchange.onMarketStep();

    JsonNode summary = trader.summary("BTC");
    assertThat(summary.get("balance").asDouble()).isCloseTo(10 - PAID, within(EPS));
    assertThat(summary.get("options_pl").asDouble()).isCloseTo(-0.02, within(EPS));
    assertThat(trader.call("private/get_positions", "currency", "BTC")).isEmpty();
  }

  @Test
  void shortInTheMoneyPutPaysItsIntrinsicValue() {
    trader.call("private/sell", "instrument_name", PUT.name(), "amount", 1, "type", "market");
    market.deliver(PUT, 54_000);

    exchange.onMarketStep();

    double payoff = 6_000 / 54_000.0;
    JsonNode summary = trader.summary("BTC");
    assertThat(summary.get("balance").asDouble())
        .isCloseTo(10 + 0.0185 - 0.0003 - payoff - 0.00015, within(EPS));
    assertThat(summary.get("initial_margin").asDouble()).isZero();
  }

  @Test
  void openOrdersOfADeliveredInstrumentAreCancelledForSettlement() {
    String orderId =
        trader
            .call("private/buy", "instrument_name", CALL.name(), "amount", 1, "price", 0.01)
            .at("/order/order_id")
            .asText();
    trader.call("private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 10, "price", 59_000);
    market.deliver(CALL, 61_000);

    JsonNode order = dataOf(exchange.onMarketStep(), UserEvent.Type.ORDERS);

    assertThat(order.get("order_id").asText()).isEqualTo(orderId);
    assertThat(order.get("order_state").asText()).isEqualTo("cancelled");
    assertThat(order.get("cancel_reason").asText()).isEqualTo("settlement");
    assertThat(trader.call("private/get_open_orders_by_currency", "currency", "BTC"))
        .singleElement()
        .satisfies(
            open -> assertThat(open.get("instrument_name").asText()).isEqualTo("BTC-PERPETUAL"));
  }
}
