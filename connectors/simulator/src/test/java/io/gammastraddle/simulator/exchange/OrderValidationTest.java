package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.CALL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal with Deribit's code, message and, where Deribit names one, parameter. */
class OrderValidationTest {
  private final FakeMarket market = new FakeMarket();
  private final PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
  private final Trader trader = new Trader(exchange, "alice");

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal(
            "unknown instrument",
            new DeribitError(10020, "invalid_or_unsupported_instrument", null, null),
            "private/buy",
            "instrument_name",
            "BTC-1JAN99-1-C",
            "amount",
            1,
            "price",
            0.01),
        refusal(
            "price off the tick grid",
            new DeribitError(10043, "price_wrong_tick", null, null),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            10,
            "price",
            60_000.25),
        refusal(
            "perpetual amount not a multiple of the contract size",
            DeribitError.invalidParams("amount", "must be a multiple of contract size"),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            15,
            "price",
            59_000),
        refusal(
            "option amount not a multiple of the minimum",
            DeribitError.invalidParams("amount", "must be a multiple of min trade amount"),
            "private/buy",
            "instrument_name",
            CALL.name(),
            "amount",
            0.15,
            "price",
            0.01),
        refusal(
            "zero amount",
            new DeribitError(10002, "qty_too_low", null, null),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            0,
            "price",
            59_000),
        refusal(
            "negative amount",
            new DeribitError(10021, "invalid_amount", "must not be negative", null),
            "private/sell",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            -10,
            "price",
            59_000),
        refusal(
            "no amount",
            DeribitError.invalidParams("amount", "amount or contracts is required"),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "price",
            59_000),
        refusal(
            "contracts disagreeing with amount",
            DeribitError.invalidParams("contracts", "must match amount"),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            100,
            "contracts",
            5,
            "price",
            59_000),
        refusal(
            "amount not a number",
            DeribitError.invalidParams("amount", "must be a number"),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            "ten",
            "price",
            59_000),
        refusal(
            "no instrument",
            DeribitError.invalidParams("instrument_name", "required"),
            "private/buy",
            "amount",
            10,
            "price",
            59_000),
        refusal(
            "label longer than 64 characters",
            DeribitError.invalidParams("label", "longer than 64 characters"),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            10,
            "price",
            59_000,
            "label",
            "x".repeat(65)),
        refusal(
            "limit order without a price",
            DeribitError.invalidParams("price", "required for limit orders"),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            10),
        refusal(
            "price not positive",
            DeribitError.invalidParams("price", "must be positive"),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            10,
            "price",
            0),
        refusal(
            "stop order",
            DeribitError.invalidParams("type", "the simulator trades limit and market orders only"),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            10,
            "price",
            59_000,
            "type",
            "stop_limit"),
        refusal(
            "unknown time in force",
            DeribitError.invalidParams("time_in_force", "unknown value"),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            10,
            "price",
            59_000,
            "time_in_force",
            "forever"),
        refusal(
            "flag not a boolean",
            DeribitError.invalidParams("post_only", "must be a boolean"),
            "private/buy",
            "instrument_name",
            "BTC-PERPETUAL",
            "amount",
            10,
            "price",
            59_000,
            "post_only",
            "yes"),
        refusal(
            "unknown method",
            new DeribitError(-32601, "Method not found", null, null),
            "private/buy_everything"),
        refusal(
            "cancel of an unknown order",
            new DeribitError(10004, "order_not_found", null, null),
            "private/cancel",
            "order_id",
            "BTC-999"),
        refusal(
            "state of an unknown order",
            new DeribitError(10004, "order_not_found", null, null),
            "private/get_order_state",
            "order_id",
            "BTC-999"),
        refusal(
            "edit of an unknown order",
            new DeribitError(10004, "order_not_found", null, null),
            "private/edit",
            "order_id",
            "BTC-999",
            "amount",
            10,
            "price",
            59_000),
        refusal(
            "summary of an unknown currency",
            DeribitError.invalidParams("currency", "unknown currency XYZ"),
            "private/get_account_summary",
            "currency",
            "XYZ"),
        refusal(
            "positions of an unknown kind",
            DeribitError.invalidParams("kind", "unknown kind perpetual"),
            "private/get_positions",
            "currency",
            "BTC",
            "kind",
            "perpetual"));
  }

  private static Arguments refusal(
      String name, DeribitError expected, String method, Object... nameValuePairs) {
    return Arguments.of(name, expected, method, nameValuePairs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void isRefusedWithDeribitsError(
      String name, DeribitError expected, String method, Object[] nameValuePairs) {
    assertThat(trader.refused(method, nameValuePairs)).isEqualTo(expected);
    assertThat(trader.lastEvents()).isEmpty();
  }

  @ParameterizedTest(name = "{0} accepted: {1}")
  @CsvSource({"0.0049, true", "0.00495, false", "0.005, true", "0.0055, true", "0.0052, false"})
  void optionPricesMustBeOnTheTickOfTheirLevel(double price, boolean accepted) {
    Reply reply =
        trader.send("private/buy", "instrument_name", CALL.name(), "amount", 1, "price", price);

    if (accepted) {
      assertThat(reply.error()).isNull();
      assertThat(Trader.parse(reply.result()).at("/order/price").asDouble()).isEqualTo(price);
    } else {
      assertThat(reply.error()).isEqualTo(new DeribitError(10043, "price_wrong_tick", null, null));
    }
  }

  @Test
  void ordersOnADeliveredInstrumentAreRefused() {
    market.deliver(CALL, 61_000);

    assertThat(
            trader.refused(
                "private/buy", "instrument_name", CALL.name(), "amount", 1, "price", 0.02))
        .isEqualTo(new DeribitError(10012, "book_closed", null, null));
  }

  @Test
  void ordersAfterExpiryAreRefusedEvenBeforeTheDeliveryPriceIsKnown() {
    market.advance(FakeMarket.EXPIRY - FakeMarket.START);

    assertThat(
            trader
                .refused("private/buy", "instrument_name", CALL.name(), "amount", 1, "price", 0.02)
                .code())
        .isEqualTo(10012);
  }

  @Test
  void cancelOfAFilledOrderIsRefusedAsNotOpen() {
    String orderId =
        trader
            .call("private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 10, "type", "market")
            .at("/order/order_id")
            .asText();

    assertThat(trader.refused("private/cancel", "order_id", orderId))
        .isEqualTo(new DeribitError(11044, "not_open_order", null, null));
  }

  @Test
  void editBelowTheFilledAmountIsRefused() {
    String orderId =
        trader
            .call(
                "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1500, "price", 60_000)
            .at("/order/order_id")
            .asText();

    assertThat(trader.refused("private/edit", "order_id", orderId, "amount", 500, "price", 60_000))
        .isEqualTo(new DeribitError(10021, "invalid_amount", "below the filled amount", null));
  }

  @Test
  void errorJsonCarriesReasonAndParamAsData() {
    assertThat(DeribitError.invalidParams("amount", "must be a multiple of contract size").json())
        .isEqualTo(
            "{\"code\":-32602,\"message\":\"Invalid params\",\"data\":{\"reason\":\"must be a"
                + " multiple of contract size\",\"param\":\"amount\"}}");
    assertThat(DeribitError.notEnoughFunds().json())
        .isEqualTo("{\"code\":10009,\"message\":\"not_enough_funds\"}");
  }
}
