package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.market.PriceGrid;
import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionType;
import io.gammastraddle.pricing.OptionValuation;
import io.gammastraddle.simulator.exchange.PriceLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedMarketTest {
  private static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  @Test
  void sameSeedAndStartGiveIdenticalFrames() {
    SimulatedMarket first = new SimulatedMarket(42, START);
    SimulatedMarket second = new SimulatedMarket(42, START);

    for (int i = 0; i < 300; i++) {
      assertThat(second.step()).isEqualTo(first.step());
    }
    assertThat(second.bookSnapshot("ETH-PERPETUAL")).isEqualTo(first.bookSnapshot("ETH-PERPETUAL"));
  }

  @Test
  void anotherSeedGivesAnotherMarket() {
    assertThat(new SimulatedMarket(43, START).step())
        .isNotEqualTo(new SimulatedMarket(42, START).step());
  }

  @Test
  void listsPerpetualsAndThreeExpiriesAroundTheStartPrice() {
    List<String> names =
        new SimulatedMarket(1, START).instruments().stream().map(Instrument::name).toList();

    assertThat(names)
        .hasSize(46)
        .startsWith(
            "BTC-PERPETUAL",
            "BTC-1JAN24-59000-C",
            "BTC-1JAN24-59000-P",
            "BTC-1JAN24-60000-C",
            "BTC-1JAN24-60000-P",
            "BTC-1JAN24-61000-C",
            "BTC-1JAN24-61000-P",
            "BTC-5JAN24-58000-C");
    assertThat(names)
        .contains(
            "BTC-5JAN24-62000-P",
            "BTC-23FEB24-59000-C",
            "BTC-23FEB24-61000-P",
            "ETH-PERPETUAL",
            "ETH-1JAN24-2950-C",
            "ETH-5JAN24-2900-P",
            "ETH-5JAN24-3100-C",
            "ETH-23FEB24-3050-P")
        .doesNotContain("BTC-1JAN24-58000-C", "BTC-23FEB24-62000-C");
  }

  @Test
  void instrumentIdsAreConsecutiveFromTheFirst() {
    List<Integer> ids =
        new SimulatedMarket(1, START).instruments().stream().map(Instrument::instrumentId).toList();

    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id >= 210_001 && id < 210_001 + 46);
  }

  @Test
  void everyStepPublishesEachBookTickerAndIndex() {
    SimulatedMarket market = new SimulatedMarket(3, START);

    List<String> frames = market.step();

    Set<String> channels = new HashSet<>();
    for (String frame : frames) {
      JsonNode message = Fixtures.parse(frame);
      channels.add(message.at("/params/channel").asText());
      assertThat(message.at("/params/data").isArray() || timestamp(message) == START + 100)
          .isTrue();
    }
    assertThat(market.nowMillis()).isEqualTo(START + SimulatedMarket.STEP_MILLIS);
    assertThat(channels)
        .contains("deribit_price_index.btc_usd", "deribit_price_index.eth_usd")
        .containsAll(market.instruments().stream().map(i -> "book." + i.name() + ".100ms").toList())
        .containsAll(
            market.instruments().stream().map(i -> "ticker." + i.name() + ".100ms").toList());
    assertThat(market.channels())
        .hasSize(46 * 3 + 2 + 9)
        .contains("instrument.state.option.BTC", "instrument.state.any.any")
        .containsAll(channels);
  }

  @Test
  void tradesAreSequencedAndPricedLikeDeribits() {
    SimulatedMarket market = new SimulatedMarket(5, START);
    Map<String, JsonNode> lastTrade = new HashMap<>();
    List<JsonNode> optionTrades = new ArrayList<>();
    long lastTradeId = 0;
    for (int step = 0; step < 3_000; step++) {
      for (String frame : market.step()) {
        if (!frame.contains("\"channel\":\"trades.")) {
          continue;
        }
        for (JsonNode trade : Fixtures.parse(frame).at("/params/data")) {
          String name = trade.get("instrument_name").asText();
          assertThat(trade.get("timestamp").asLong())
              .isBetween(market.nowMillis() - 99, market.nowMillis());
          long tradeId = Long.parseLong(trade.get("trade_id").asText());
          assertThat(tradeId).isGreaterThan(lastTradeId);
          lastTradeId = tradeId;
          JsonNode previous = lastTrade.put(name, trade);
          if (previous != null) {
            assertThat(trade.get("trade_seq").asLong())
                .isEqualTo(previous.get("trade_seq").asLong() + 1);
            assertThat(trade.get("tick_direction").asInt())
                .as("tick_direction after %s", previous)
                .isEqualTo(expectedTickDirection(previous, trade));
          }
          if (name.endsWith("PERPETUAL")) {
            BigDecimal amount = trade.get("amount").decimalValue();
            double contractSize = name.startsWith("BTC") ? 10 : 1;
            assertThat(amount.remainder(BigDecimal.TEN).signum()).isZero();
            assertThat(trade.get("contracts").asDouble())
                .isEqualTo(amount.doubleValue() / contractSize);
            assertThat(trade.has("iv")).isFalse();
          } else {
            optionTrades.add(trade);
          }
        }
      }
    }
    assertThat(lastTrade).containsKeys("BTC-PERPETUAL", "ETH-PERPETUAL");
    assertThat(optionTrades).isNotEmpty().allMatch(trade -> trade.get("iv").asDouble() > 0);
  }

  @Test
  void optionTickersCarryBlack76GreeksOfTheirOwnInputs() {
    SimulatedMarket market = new SimulatedMarket(9, START);
    for (int i = 0; i < 50; i++) {
      market.step();
    }
    Map<String, Instrument> instruments = new HashMap<>();
    market.instruments().forEach(i -> instruments.put(i.name(), i));

    int checked = 0;
    for (String frame : market.step()) {
      JsonNode data = Fixtures.parse(frame).at("/params/data");
      Instrument instrument = instruments.get(data.path("instrument_name").asText());
      if (instrument == null
          || !instrument.isOption()
          || !frame.contains("\"channel\":\"ticker.")) {
        continue;
      }
      double forward = data.get("underlying_price").asDouble();
      OptionValuation value =
          Black76.value(
              instrument.kind() == Instrument.Kind.CALL ? OptionType.CALL : OptionType.PUT,
              forward,
              instrument.strike(),
              OptionContract.yearsBetween(
                  data.get("timestamp").asLong(), instrument.expirationTimestamp()),
              data.get("mark_iv").asDouble() / 100);
      assertThat(data.at("/greeks/delta").asDouble()).isCloseTo(value.delta(), within(1e-3));
      assertThat(data.at("/greeks/vega").asDouble())
          .isCloseTo(value.vega(), within(value.vega() * 1e-3));
      assertThat(data.get("mark_price").asDouble())
          .isCloseTo(value.priceUsd() / forward, within(0.0001));
      assertThat(data.get("best_bid_price").asDouble())
          .isLessThan(data.get("best_ask_price").asDouble());
      checked++;
    }
    assertThat(checked).isEqualTo(44);
  }

  @Test
  void perpetualTradesNearTheIndex() {
    SimulatedMarket market = new SimulatedMarket(2, START);
    for (int i = 0; i < 600; i++) {
      for (String frame : market.step()) {
        if (frame.contains("\"channel\":\"ticker.BTC-PERPETUAL.100ms\"")) {
          JsonNode data = Fixtures.parse(frame).at("/params/data");
          double premium = data.get("mark_price").asDouble() / data.get("index_price").asDouble();
          assertThat(premium).isCloseTo(1, within(0.005));
          assertThat(data.get("best_ask_price").asDouble() - data.get("best_bid_price").asDouble())
              .isEqualTo(0.5);
        }
      }
    }
  }

  @Test
  void unknownInstrumentHasNoSnapshot() {
    assertThatThrownBy(() -> new SimulatedMarket(1, START).bookSnapshot("BTC-NOPE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BTC-NOPE");
  }

  @Test
  void booksMarksAndTermsAreReadableAsPublished() {
    SimulatedMarket market = new SimulatedMarket(4, START);
    Map<String, JsonNode> tickers = new HashMap<>();
    double publishedIndex = 0;
    for (int i = 0; i < 10; i++) {
      for (String frame : market.step()) {
        JsonNode params = Fixtures.parse(frame).get("params");
        String channel = params.get("channel").asText();
        if (channel.startsWith("ticker.")) {
          tickers.put(params.at("/data/instrument_name").asText(), params.get("data"));
        } else if (channel.equals("deribit_price_index.btc_usd")) {
          publishedIndex = params.at("/data/price").asDouble();
        }
      }
    }

    for (Instrument instrument : market.instruments()) {
      String name = instrument.name();
      JsonNode snapshot = Fixtures.parse(market.bookSnapshot(name)).at("/params/data");
      assertThat(market.bids(name)).as(name).isEqualTo(levels(snapshot.get("bids")));
      assertThat(market.asks(name)).as(name).isEqualTo(levels(snapshot.get("asks")));
      assertThat(market.markPrice(name))
          .as(name)
          .isCloseTo(tickers.get(name).get("mark_price").asDouble(), within(0.005));
      assertThat(market.instrument(name)).contains(instrument);
      assertThat(market.deliveryPrice(name)).as("%s has not settled", name).isEmpty();
    }
    assertThat(market.instrument("BTC-5JAN24-60000-P").orElseThrow())
        .extracting(Instrument::kind, Instrument::strike, Instrument::priceGrid)
        .containsExactly(Instrument.Kind.PUT, 60_000.0, PriceGrid.deribitOption());
    assertThat(market.instrument("BTC-NOPE")).isEmpty();
    assertThat(market.indexPrice("BTC")).isCloseTo(publishedIndex, within(0.005));
    assertThatThrownBy(() -> market.indexPrice("XRP")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> market.bids("BTC-NOPE")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesTheSameUnderlyingTwice() {
    List<UnderlyingParameters> twice =
        List.of(UnderlyingParameters.btc(), UnderlyingParameters.btc());

    assertThatThrownBy(() -> new SimulatedMarket(1, START, twice))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BTC");
  }

  /** Levels as the JSON has them, parsed to the nearest double like a client would. */
  private static List<PriceLevel> levels(JsonNode levels) {
    List<PriceLevel> parsed = new ArrayList<>();
    for (JsonNode level : levels) {
      parsed.add(new PriceLevel(level.get(1).asDouble(), level.get(2).asDouble()));
    }
    return parsed;
  }

  private static long timestamp(JsonNode message) {
    return message.at("/params/data/timestamp").asLong();
  }

  /** Deribit: 0 up, 1 same after up, 2 down, 3 same after down. */
  private static int expectedTickDirection(JsonNode previous, JsonNode trade) {
    int comparison =
        trade.get("price").decimalValue().compareTo(previous.get("price").decimalValue());
    if (comparison > 0) {
      return 0;
    }
    if (comparison < 0) {
      return 2;
    }
    return previous.get("tick_direction").asInt() <= 1 ? 1 : 3;
  }
}
