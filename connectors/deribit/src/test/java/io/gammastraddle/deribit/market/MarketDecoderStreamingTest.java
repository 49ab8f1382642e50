package io.gammastraddle.deribit.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.market.Ticker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What reading values as a token stream, in one pass, must still get right. */
class MarketDecoderStreamingTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final List<List<String>> TOP_LEVEL_ORDERS =
      List.of(
          List.of("channel", "data", "recv_ts"),
          List.of("channel", "recv_ts", "data"),
          List.of("data", "channel", "recv_ts"),
          List.of("data", "recv_ts", "channel"),
          List.of("recv_ts", "channel", "data"),
          List.of("recv_ts", "data", "channel"));

  private final MarketDecoder decoder = new MarketDecoder();

  private List<MarketEvent> decode(String value) throws MalformedMessageException {
    List<MarketEvent> events = new ArrayList<>();
    decoder.decode(value, events::add);
    return events;
  }

  @Test
  void decodesTheSameEventsWhateverTheFieldOrder() throws Exception {
    for (String file :
        List.of(
            "ws_book_100ms.json",
            "ws_book_grouped_depth_100ms.json",
            "ws_ticker_option_100ms.json",
            "ws_trades.json",
            "ws_deribit_price_index.json")) {
      for (String line : Fixtures.lines(file)) {
        JsonNode params = MAPPER.readTree(line).get("params");
        List<MarketEvent> expected = decode(Fixtures.marketValue(line, 42));
        assertThat(expected).as(line).isNotEmpty();
        for (List<String> order : TOP_LEVEL_ORDERS) {
          for (JsonNode data : List.of(params.get("data"), reversed(params.get("data")))) {
            ObjectNode value = MAPPER.createObjectNode();
            for (String field : order) {
              switch (field) {
                case "channel" -> value.set("channel", params.get("channel"));
                case "data" -> value.set("data", data);
                default -> value.put("recv_ts", 42);
              }
            }
            assertThat(decode(MAPPER.writeValueAsString(value)))
                .as("%s in order %s", line, order)
                .usingRecursiveComparison()
                .withEqualsForType(Double::equals, Double.class) // exact, and NaN is NaN
                .isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void skipsUnknownValuesHoweverDeepAndLookAlikeFieldsInThem() throws Exception {
    String value =
        """
        {"extra":{"channel":"ticker.ETH-PERPETUAL.100ms","data":{"index_name":"eth_usd"}},
         "channel":"deribit_price_index.btc_usd",
         "data":{"more":[{"price":1},[["index_name","eth_usd"]],[]],"index_name":"btc_usd",
                 "deep":{"a":{"b":[{"timestamp":2,"price":3}]}},"timestamp":5,"price":6521.17,
                 "match_id":225046781992378368,"huge":123456789012345678901234567890,
                 "tiny":1e-400,"flag":true,"none":null,"text":"{\\"price\\":4}"},
         "recv_ts":42,"later":[1,{"recv_ts":7,"data":null}]}
        """;

    assertThat(decode(value))
        .containsExactly(MarketEvent.of(new IndexPrice("btc_usd", "BTC", 5, 6521.17, 42)));
  }

  @Test
  void readsOnlyTheGreeksAndStatsItKnows() throws Exception {
    String value =
        """
        {"channel":"ticker.BTC-27DEC24-100000-C.100ms","recv_ts":42,
         "data":{"instrument_name":"BTC-27DEC24-100000-C","timestamp":5,
                 "greeks":{"extra":{"delta":9},"delta":0.5,"gamma":[0.1],"vega":"2"},
                 "stats":{"volume":1.5e1,"high":{"price_change":3}},"mark_iv":67.7}}
        """;

    Ticker ticker = decode(value).get(0).ticker();

    assertThat(ticker.delta()).isEqualTo(0.5);
    assertThat(ticker.gamma()).isNaN();
    assertThat(ticker.vega()).isNaN();
    assertThat(ticker.volume24h()).isEqualTo(15.0);
    assertThat(ticker.priceChange24h()).isNaN();
    assertThat(ticker.markIv()).isEqualTo(67.7);
  }

  @Test
  void refusesAllTradesWhenTheSecondIsBad() {
    String value =
        """
        {"channel":"trades.BTC-PERPETUAL.raw","recv_ts":42,"data":[
          {"instrument_name":"BTC-PERPETUAL","timestamp":1,"trade_id":"1","price":5,
           "amount":10,"direction":"buy"},
          {"instrument_name":"BTC-PERPETUAL","timestamp":1,"trade_id":"2","price":5,
           "amount":10,"direction":"hold"},
          {"instrument_name":"BTC-PERPETUAL","timestamp":1,"trade_id":"3","price":5,
           "amount":10,"direction":"sell"}]}
        """;
    List<MarketEvent> events = new ArrayList<>();

    assertThatThrownBy(() -> decoder.decode(value, events::add))
        .hasMessage("trade direction must be buy or sell: hold");
    assertThat(events).isEmpty();
  }

  @Test
  void decodesEmptyLevelsAndEmptyTrades() throws Exception {
    String book =
        """
        {"channel":"book.BTC-PERPETUAL.100ms","data":{"type":"change","bids":[],"asks":[],
         "instrument_name":"BTC-PERPETUAL","timestamp":1,"change_id":3,"prev_change_id":2}}
        """;

    BookUpdate update = decode(book).get(0).book();

    assertThat(update.bidPrices()).isEmpty();
    assertThat(update.askAmounts()).isEmpty();
    assertThat(update.prevChangeId()).isEqualTo(2);
    assertThat(decode("{\"channel\":\"trades.BTC-PERPETUAL.raw\",\"data\":[]}")).isEmpty();
  }

  @Test
  void ignoresUnknownLevelLikeFieldsButRefusesLevelsWithExtraItems() throws Exception {
    String book =
        """
        {"channel":"book.BTC-PERPETUAL.100ms","data":{"type":"snapshot",
         "instrument_name":"BTC-PERPETUAL","timestamp":1,"change_id":3,
         "bids":[["new",100.0,2.0],["new",99.5,1e1]],"bids_iv":[["new",1,2,3,4]],
         "asks":[["new",101.0,4.0]],"levels":{"bids":[[1]]}}}
        """;

    BookUpdate update = decode(book).get(0).book();

    assertThat(update.bidPrices()).containsExactly(100.0, 99.5);
    assertThat(update.bidAmounts()).containsExactly(2.0, 10.0);
    assertThat(update.askPrices()).containsExactly(101.0);
    assertThatThrownBy(() -> decode(book.replace("[\"new\",99.5,1e1]", "[\"new\",99.5,1,0]")))
        .hasMessage("bids of BTC-PERPETUAL: level 1 is not 3 items");
    assertThatThrownBy(
            () ->
                decode(
                    book.replace("book.BTC-PERPETUAL.100ms", "book.BTC-PERPETUAL.none.20.100ms")))
        .hasMessage("bids of BTC-PERPETUAL: level 0 is not 2 items");
  }

  @Test
  void checksTheFieldsInTheSameOrderWhateverOrderTheyCameIn() {
    String book =
        """
        {"channel":"book.BTC-PERPETUAL.100ms","data":{"bids":[["new",-1,2]],"asks":5,
         "timestamp":-1,"type":"change","instrument_name":"BTC-PERPETUAL"}}
        """;

    assertThatThrownBy(() -> decode(book)).hasMessage("missing or non-integer prev_change_id");
    assertThatThrownBy(() -> decode(book.replace("\"change\"", "\"snapshot\"")))
        .hasMessage("bids of BTC-PERPETUAL: level 0 has a negative value");
  }

  @Test
  void givesASyntaxErrorAfterTheDataAsTheReasonOverAProblemInIt() {
    String value = "{\"channel\":\"book.BTC-PERPETUAL.100ms\",\"data\":{\"bids\":1},\"recv_ts\":}";

    assertThatThrownBy(() -> decode(value)).hasMessageStartingWith("not JSON: ");
  }

  /** The same value with the fields of every object in reverse order. */
  private static JsonNode reversed(JsonNode node) {
    if (node.isArray()) {
      ArrayNode copy = MAPPER.createArrayNode();
      node.forEach(item -> copy.add(reversed(item)));
      return copy;
    }
    if (!node.isObject()) {
      return node;
    }
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
    Collections.reverse(fields);
    ObjectNode copy = MAPPER.createObjectNode();
    fields.forEach(field -> copy.set(field.getKey(), reversed(field.getValue())));
    return copy;
  }
}
