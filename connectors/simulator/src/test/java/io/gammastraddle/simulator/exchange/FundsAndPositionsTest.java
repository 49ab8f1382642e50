package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.CALL;
import static io.gammastraddle.simulator.exchange.FakeMarket.PERPETUAL;
import static io.gammastraddle.simulator.exchange.FakeMarket.levels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.websocket.RequestRateLimiter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The funds check, positions and their P&L, Greeks and margins, and the account summary. */
class FundsAndPositionsTest {
  private static final double EPS = 1e-12;

  private final FakeMarket market = new FakeMarket();

  @Test
  void optionBuyNeedsPremiumAndFeeWithinTheAvailableFunds() {
    Trader trader = traderWith(0.01);

    DeribitError error =
        trader.refused(
            "private/buy", "instrument_name", CALL.name(), "amount", 1, "type", "market");

    assertThat(error).isEqualTo(new DeribitError(10009, "not_enough_funds", null, null));
    assertThat(trader.lastEvents()).isEmpty();
    assertThat(trader.summary("BTC").get("balance").asDouble()).isEqualTo(0.01);
  }

  @Test
  void restingOptionBuysReserveTheirPremium() {
    Trader trader = traderWith(0.01);
    trader.call("private/buy", "instrument_name", CALL.name(), "amount", 0.5, "price", 0.015);

    assertThat(trader.summary("BTC").get("initial_margin").asDouble())
        .isCloseTo(0.5 * 0.015 + 0.5 * 0.0003, within(EPS));
    assertThat(
            trader
                .refused(
                    "private/buy", "instrument_name", CALL.name(), "amount", 0.5, "price", 0.015)
                .code())
        .isEqualTo(10009);
  }

  @Test
  void perpetualNeedsTwoPercentInitialMarginPlusTheFee() {
    market.book(PERPETUAL, levels(59_999.5, 10_000_000), levels(60_000, 10_000_000));
    Trader trader = traderWith(1);

    trader.call(
        "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 2_900_000, "type", "market");
    assertThat(
            trader
                .refused(
                    "private/buy",
                    "instrument_name",
                    "BTC-PERPETUAL",
                    "amount",
                    100_000,
                    "type",
                    "market")
                .code())
        .isEqualTo(10009);

    JsonNode summary = trader.summary("BTC");
    double fee = 0.0005 * 2_900_000 / 60_000;
    assertThat(summary.get("initial_margin").asDouble())
        .isCloseTo(0.02 * 2_900_000 / 60_000, within(EPS));
    assertThat(summary.get("available_funds").asDouble())
        .isCloseTo(1 - fee - 0.02 * 2_900_000 / 60_000, within(EPS));
  }

  @Test
  void orderThatReducesRiskIsAcceptedOnAnAccountShortOfFunds() {
    market.book(PERPETUAL, levels(59_999.5, 10_000_000), levels(60_000, 10_000_000));
    Trader trader = traderWith(1);
    trader.call(
        "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 2_900_000, "type", "market");
    market.mark(PERPETUAL, 59_000);
    assertThat(trader.summary("BTC").get("available_funds").asDouble()).isNegative();

    trader.call(
        "private/sell", "instrument_name", "BTC-PERPETUAL", "amount", 1_000_000, "type", "market");
  }

  @Test
  void perpetualPositionCarriesInverseProfitAndItsRealizedProfitStaysInTheSession() {
    Trader trader = traderWith(10);
    trader.call(
        "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1000, "type", "market");
    market.mark(PERPETUAL, 61_000);

    JsonNode position = trader.call("private/get_positions", "currency", "BTC").get(0);
    double profit = 1000 * (1 / 60_000.0 - 1 / 61_000.0);
    assertThat(position.get("direction").asText()).isEqualTo("buy");
    assertThat(position.get("size").asDouble()).isEqualTo(1000);
    assertThat(position.get("average_price").asDouble()).isEqualTo(60_000);
    assertThat(position.get("floating_profit_loss").asDouble()).isCloseTo(profit, within(EPS));
    assertThat(position.get("delta").asDouble()).isCloseTo(1000 / 61_000.0, within(EPS));
    assertThat(position.get("size_currency").asDouble()).isCloseTo(1000 / 61_000.0, within(EPS));
    assertThat(position.get("initial_margin").asDouble())
        .isCloseTo(0.02 * 1000 / 61_000, within(EPS));
    assertThat(position.get("maintenance_margin").asDouble())
        .isCloseTo(0.01 * 1000 / 61_000, within(EPS));
    assertThat(position.get("leverage").asInt()).isEqualTo(50);

    market.book(PERPETUAL, levels(61_000, 5000), levels(61_000.5, 5000));
    trader.call(
        "private/sell", "instrument_name", "BTC-PERPETUAL", "amount", 1000, "type", "market");

    position = trader.call("private/get_positions", "currency", "BTC", "kind", "future").get(0);
    assertThat(position.get("size").asDouble()).isZero();
    assertThat(position.get("realized_profit_loss").asDouble()).isCloseTo(profit, within(EPS));
    JsonNode summary = trader.summary("BTC");
    double fees = 0.0005 * 1000 / 60_000 + 0.0005 * 1000 / 61_000;
    assertThat(summary.get("balance").asDouble()).isCloseTo(10 - fees, within(EPS));
    assertThat(summary.get("futures_session_rpl").asDouble()).isCloseTo(profit, within(EPS));
    assertThat(summary.get("equity").asDouble()).isCloseTo(10 - fees + profit, within(EPS));
    assertThat(summary.get("futures_pl").asDouble()).isCloseTo(profit, within(EPS));
  }

  @Test
  void longOptionPositionHasPremiumAdjustedDeltaAndTheTickersGreeks() {
    Trader trader = traderWith(10);
    trader.call("private/buy", "instrument_name", CALL.name(), "amount", 1, "type", "market");

    JsonNode position =
        trader.call("private/get_positions", "currency", "BTC", "kind", "option").get(0);
    assertThat(position.get("average_price").asDouble()).isEqualTo(0.02);
    assertThat(position.get("average_price_usd").asDouble()).isCloseTo(1200, within(1e-9));
    assertThat(position.get("floating_profit_loss").asDouble()).isCloseTo(-0.0005, within(EPS));
    assertThat(position.get("delta").asDouble()).isCloseTo(0.5 - 0.0195, within(EPS));
    assertThat(position.get("gamma").asDouble()).isCloseTo(0.0001, within(EPS));
    assertThat(position.get("vega").asDouble()).isCloseTo(40, within(EPS));
    assertThat(position.get("theta").asDouble()).isCloseTo(-150, within(EPS));

    JsonNode summary = trader.summary("BTC");
    double balance = 10 - 0.02 - 0.0003;
    assertThat(summary.get("balance").asDouble()).isCloseTo(balance, within(EPS));
    assertThat(summary.get("options_value").asDouble()).isCloseTo(0.0195, within(EPS));
    assertThat(summary.get("equity").asDouble()).isCloseTo(balance + 0.0195, within(EPS));
    assertThat(summary.get("available_funds").asDouble()).isCloseTo(balance, within(EPS));
    assertThat(summary.get("options_delta").asDouble()).isCloseTo(0.4805, within(EPS));
    assertThat(summary.at("/delta_total_map/btc_usd").asDouble()).isCloseTo(0.4805, within(EPS));
    assertThat(summary.get("options_session_upl").asDouble()).isCloseTo(-0.0005, within(EPS));

    trader.call("private/sell", "instrument_name", CALL.name(), "amount", 1, "type", "market");
    summary = trader.summary("BTC");
    assertThat(summary.get("options_session_rpl").asDouble()).isCloseTo(-0.001, within(EPS));
    assertThat(summary.get("balance").asDouble()).isCloseTo(balance + 0.019 - 0.0003, within(EPS));
  }

  @Test
  void shortOptionNeedsDeribitsShortOptionMargin() {
    Trader trader = traderWith(10);
    trader.call("private/sell", "instrument_name", CALL.name(), "amount", 1, "type", "market");

    JsonNode summary = trader.summary("BTC");
    assertThat(summary.get("initial_margin").asDouble()).isCloseTo(0.15 + 0.0195, within(EPS));
    assertThat(summary.get("maintenance_margin").asDouble()).isCloseTo(0.075 + 0.0195, within(EPS));
    assertThat(summary.get("options_value").asDouble()).isCloseTo(-0.0195, within(EPS));
    double balance = 10 + 0.019 - 0.0003;
    assertThat(summary.get("balance").asDouble()).isCloseTo(balance, within(EPS));
    assertThat(summary.get("margin_balance").asDouble()).isCloseTo(balance, within(EPS));
  }

  @Test
  void summaryFollowsDeribitsIdentities() {
    Trader trader = traderWith(10);
    trader.call(
        "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1000, "type", "market");
    trader.call("private/sell", "instrument_name", CALL.name(), "amount", 1, "type", "market");
    trader.call("private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 5000, "price", 59_000);
    market.mark(PERPETUAL, 60_500).mark(CALL, 0.021);

    JsonNode s = trader.summary("BTC");
    double optionsValue = s.get("options_value").asDouble();
    assertThat(s.get("equity").asDouble())
        .isCloseTo(
            s.get("balance").asDouble()
                + s.get("futures_session_upl").asDouble()
                + s.get("futures_session_rpl").asDouble()
                + optionsValue,
            within(EPS));
    assertThat(s.get("margin_balance").asDouble())
        .isCloseTo(s.get("equity").asDouble() - optionsValue, within(EPS));
    assertThat(s.get("available_funds").asDouble())
        .isCloseTo(
            s.get("margin_balance").asDouble() - s.get("initial_margin").asDouble(), within(EPS));
    assertThat(s.get("initial_margin").asDouble())
        .isCloseTo(0.02 * 6000 / 60_500 + 0.15 + 0.021, within(EPS));
  }

  private Trader traderWith(double btc) {
    ExchangeSettings settings =
        new ExchangeSettings(
            Map.of("BTC", btc), FeeSchedule.deribit(), RequestRateLimiter.Limits.deribitDefaults());
    return new Trader(new PaperExchange(market, settings), "alice");
  }
}
