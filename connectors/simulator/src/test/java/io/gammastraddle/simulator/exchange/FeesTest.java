package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.CALL;
import static io.gammastraddle.simulator.exchange.FakeMarket.ETH_PERPETUAL;
import static io.gammastraddle.simulator.exchange.FakeMarket.PERPETUAL;
import static io.gammastraddle.simulator.exchange.FakeMarket.PUT;
import static io.gammastraddle.simulator.exchange.FakeMarket.levels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Deribit's fees against the worked examples of its "Fees" article and hand calculations. */
class FeesTest {
  private final FeeSchedule fees = FeeSchedule.deribit();

  @Test
  void perpetualTakerPaysFiveBasisPointsOfTheNotionalInCoinAndMakerNothing() {
    // "A trade of $50,000 is executed at a price of $100,000 ... 0.00025 BTC"
    assertThat(fees.tradeFee(PERPETUAL, 100_000, 50_000, false)).isCloseTo(0.00025, within(1e-15));
    // "A trade of $20,000 is executed at a price of $4,000 ... 0.0025 ETH"
    assertThat(fees.tradeFee(ETH_PERPETUAL, 4_000, 20_000, false)).isCloseTo(0.0025, within(1e-15));
    assertThat(fees.tradeFee(PERPETUAL, 100_000, 50_000, true)).isZero();
  }

  @Test
  void optionPaysThreeBasisPointsOfTheUnderlyingPerContract() {
    assertThat(fees.tradeFee(CALL, 0.02, 1.5, false)).isCloseTo(0.00045, within(1e-15));
    assertThat(fees.tradeFee(CALL, 0.02, 1.5, true)).isCloseTo(0.00045, within(1e-15));
  }

  @Test
  void optionFeeIsCappedAtAnEighthOfItsPrice() {
    // "if an option is traded at 0.0001 BTC, the taker fee will be 0.0000125 BTC"
    assertThat(fees.tradeFee(CALL, 0.0001, 1, false)).isCloseTo(0.0000125, within(1e-15));
    assertThat(fees.tradeFee(CALL, 0.0005, 10, false)).isCloseTo(0.000625, within(1e-15));
  }

  @Test
  void deliveryCostsHalfTheTakerFeeCappedAtAnEighthOfTheOptionsValue() {
    assertThat(fees.deliveryFee(CALL, 2, 66_000)).isCloseTo(0.0003, within(1e-15));
    double barelyInTheMoney = 60 / 60_060.0;
    assertThat(fees.deliveryFee(CALL, 2, 60_060))
        .isCloseTo(0.125 * barelyInTheMoney * 2, within(1e-15));
    assertThat(fees.deliveryFee(CALL, 2, 59_000)).isZero();
    assertThat(fees.deliveryFee(PUT, 2, 59_000)).isCloseTo(0.0003, within(1e-15));
    assertThat(fees.deliveryFee(PERPETUAL, 50_000, 100_000)).isCloseTo(0.000125, within(1e-15));
  }

  @Test
  void optionBuyPaysPremiumAndFeesFromTheBalance() {
    Trader trader =
        new Trader(new PaperExchange(new FakeMarket(), ExchangeSettings.defaults()), "a");

    JsonNode trades =
        trader
            .call("private/buy", "instrument_name", CALL.name(), "amount", 1.5, "type", "market")
            .get("trades");

    assertThat(trades.get(0).get("fee").asDouble()).isCloseTo(0.0003, within(1e-15));
    assertThat(trades.get(1).get("fee").asDouble()).isCloseTo(0.00015, within(1e-15));
    double premium = 1 * 0.02 + 0.5 * 0.0205;
    assertThat(trader.summary("BTC").get("balance").asDouble())
        .isCloseTo(10 - premium - 0.00045, within(1e-12));
  }

  @Test
  void cheapOptionBuyPaysTheCappedFee() {
    FakeMarket market = new FakeMarket().book(PUT, levels(), levels(0.0005, 10));
    Trader trader = new Trader(new PaperExchange(market, ExchangeSettings.defaults()), "a");

    JsonNode trade =
        trader
            .call("private/buy", "instrument_name", PUT.name(), "amount", 10, "type", "market")
            .get("trades")
            .get(0);

    assertThat(trade.get("fee").asDouble()).isCloseTo(0.000625, within(1e-15));
    assertThat(trader.summary("BTC").get("balance").asDouble())
        .isCloseTo(10 - 0.005 - 0.000625, within(1e-12));
  }
}
