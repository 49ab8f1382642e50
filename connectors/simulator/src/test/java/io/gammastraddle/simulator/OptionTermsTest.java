package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gammastraddle.market.PriceGrid;
import io.gammastraddle.simulator.exchange.DeribitError;
import io.gammastraddle.simulator.exchange.ExchangeSettings;
import io.gammastraddle.simulator.exchange.PaperExchange;
import io.gammastraddle.simulator.exchange.PriceLevel;
import io.gammastraddle.simulator.exchange.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Simulated options follow Deribit's terms: tick 0.0001 coin up to 0.005 and 0.0005 above, in the
 * definitions and in the books; amounts in steps of 0.1 BTC or 1 ETH.
 */
class OptionTermsTest {
  private static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final PriceGrid COARSE = PriceGrid.flat(0.0005);

  private final SimulatedMarket market = new SimulatedMarket(42, START);

  @Test
  void definitionsPublishTheTickStepAndTheLotOfEachUnderlying() {
    JsonNode btc = definition("BTC-5JAN24-60000-C");
    JsonNode eth = definition("ETH-5JAN24-3000-P");
    JsonNode perpetual = definition("BTC-PERPETUAL");

    for (JsonNode option : List.of(btc, eth)) {
      assertThat(option.get("tick_size").asDouble()).isEqualTo(0.0001);
      assertThat(option.get("tick_size_steps")).hasSize(1);
      assertThat(option.at("/tick_size_steps/0/above_price").asDouble()).isEqualTo(0.005);
      assertThat(option.at("/tick_size_steps/0/tick_size").asDouble()).isEqualTo(0.0005);
    }
    assertThat(btc.get("min_trade_amount").asDouble()).isEqualTo(0.1);
    assertThat(eth.get("min_trade_amount").asDouble()).isEqualTo(1.0);
    assertThat(perpetual.get("tick_size").asDouble()).isEqualTo(0.5);
    assertThat(perpetual.get("tick_size_steps")).isEmpty();
  }

  @Test
  void cheapOptionsAreQuotedOnTheFineTickAndDearOnesOnTheCoarse() {
    for (int i = 0; i < 50; i++) {
      market.step();
    }
    List<Double> cheap = new ArrayList<>();
    for (Instrument instrument : market.instruments()) {
      if (!instrument.isOption()) {
        continue;
      }
      List<PriceLevel> levels = new ArrayList<>(market.bids(instrument.name()));
      levels.addAll(market.asks(instrument.name()));
      for (PriceLevel level : levels) {
        double price = level.price();
        assertThat(instrument.priceGrid().isOnTick(price))
            .as("%s at %s", instrument, price)
            .isTrue();
        if (price < 0.005) {
          cheap.add(price);
        } else {
          assertThat(COARSE.isOnTick(price)).as("%s at %s", instrument.name(), price).isTrue();
        }
      }
    }

    assertThat(cheap).isNotEmpty().anyMatch(price -> !COARSE.isOnTick(price));
  }

  @Test
  void ethOptionsTradeInWholeEther() {
    PaperExchange exchange = new PaperExchange(market.view(), ExchangeSettings.defaults());
    String option = "ETH-5JAN24-3000-P";
    double price = market.bids(option).get(0).price();

    Reply half = buy(exchange, option, 0.5, price);
    Reply tenth = buy(exchange, option, 0.1, price);
    Reply one = buy(exchange, option, 1, price);

    assertThat(half.error())
        .isEqualTo(
            new DeribitError(
                -32602, "Invalid params", "must be a multiple of min trade amount", "amount"));
    assertThat(tenth.error()).isEqualTo(half.error());
    assertThat(one.error()).isNull();
    assertThat(Fixtures.parse(one.result()).at("/order/amount").asDouble()).isEqualTo(1.0);
  }

  private JsonNode definition(String name) {
    return Fixtures.parse(market.instrument(name).orElseThrow().definitionJson());
  }

  private static Reply buy(PaperExchange exchange, String option, double amount, double price) {
    ObjectNode params =
        Fixtures.MAPPER
            .createObjectNode()
            .put("instrument_name", option)
            .put("amount", amount)
            .put("price", price);
    return exchange.handle("alice", "private/buy", params);
  }
}
