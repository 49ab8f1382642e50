package io.gammastraddle.deribit.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.market.Trade;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarketDecoderTest {

  private static final Set<String> MARKET_FILES =
      Set.of(
          "ws_book_100ms.json",
          "ws_book_grouped_depth_100ms.json",
          "ws_ticker_option_100ms.json",
          "ws_ticker_perpetual_100ms.json",
          "ws_trades.json",
          "ws_deribit_price_index.json");

  private final MarketDecoder decoder = new MarketDecoder();

  private List<MarketEvent> decode(String value) throws MalformedMessageException {
    List<MarketEvent> events = new ArrayList<>();
    decoder.decode(value, events::add);
    return events;
  }

  private List<MarketEvent> decodeFixture(String file, int line) throws MalformedMessageException {
    return decode(Fixtures.marketValue(Fixtures.lines(file).get(line - 1), 42));
  }

  @Test
  void decodesEveryMarketFixtureAndRefusesEverythingElseWithAReason() throws Exception {
    int decoded = 0;
    int refused = 0;
    for (Path file : Fixtures.files()) {
      boolean market = MARKET_FILES.contains(file.getFileName().toString());
      for (String line : Fixtures.lines(file)) {
        String value = Fixtures.isSubscription(line) ? Fixtures.marketValue(line, 42) : line;
        if (market) {
          List<MarketEvent> events = decode(value);
          assertThat(events).as(line).isNotEmpty();
          assertThat(events).allSatisfy(e -> assertThat(e.timestamp()).isPositive());
          decoded++;
        } else {
          assertThatThrownBy(() -> decode(value), line)
              .isInstanceOf(MalformedMessageException.class)
              .hasMessageMatching("(unsupported channel|missing channel).*");
          refused++;
        }
      }
    }
    assertThat(decoded).isEqualTo(23);
    assertThat(refused).isGreaterThan(30);
  }

  @Test
  void decodesASnapshotWithoutPrevChangeId() throws Exception {
    BookUpdate book = decodeFixture("ws_book_100ms.json", 1).get(0).book();

    assertThat(book.instrument()).isEqualTo("BTC-PERPETUAL");
    assertThat(book.underlying()).isEqualTo("BTC");
    assertThat(book.kind()).isEqualTo(InstrumentKind.PERPETUAL);
    assertThat(book.snapshot()).isTrue();
    assertThat(book.changeId()).isEqualTo(31479596557L);
    assertThat(book.timestamp()).isEqualTo(1622627433440L);
    assertThat(book.bidPrices()).containsExactly(37240.0, 37237.0, 37233.0);
    assertThat(book.askAmounts()).containsExactly(14240.0, 15690.0, 650.0);
    assertThat(book.receivedNanos()).isEqualTo(42);
  }

  @Test
  void decodesAChangeWithDeletesAndExponentAmountsInAnyFieldOrder() throws Exception {
    BookUpdate book = decodeFixture("ws_book_100ms.json", 8).get(0).book();

    assertThat(book.snapshot()).isFalse();
    assertThat(book.prevChangeId()).isEqualTo(118850968930L);
    assertThat(book.changeId()).isEqualTo(118850969743L);
    assertThat(book.bidPrices()).startsWith(76914.0, 76899.0, 76893.0);
    assertThat(book.bidAmounts()).startsWith(1.0002e6, 10.0, 0.0);
  }

  @Test
  void decodesGroupedBooksAsSnapshots() throws Exception {
    BookUpdate book = decodeFixture("ws_book_grouped_depth_100ms.json", 2).get(0).book();

    assertThat(book.snapshot()).isTrue();
    assertThat(book.kind()).isEqualTo(InstrumentKind.OPTION);
    assertThat(book.bidPrices()).containsExactly(0.011, 0.0105, 0.01);
  }

  @Test
  void decodesOptionTickerGreeks() throws Exception {
    Ticker ticker = decodeFixture("ws_ticker_option_100ms.json", 1).get(0).ticker();

    assertThat(ticker.kind()).isEqualTo(InstrumentKind.OPTION);
    assertThat(ticker.markIv()).isEqualTo(67.7);
    assertThat(ticker.underlyingPrice()).isEqualTo(30220.5);
    assertThat(ticker.delta()).isEqualTo(0.05785);
    assertThat(ticker.vega()).isEqualTo(20.05335);
    assertThat(ticker.funding8h()).isNaN();
  }

  @Test
  void decodesPerpetualTickerFunding() throws Exception {
    Ticker ticker = decodeFixture("ws_ticker_perpetual_100ms.json", 2).get(0).ticker();

    assertThat(ticker.funding8h()).isEqualTo(0.00001742);
    assertThat(ticker.delta()).isNaN();
    assertThat(ticker.volume24h()).isEqualTo(11897.27640428);
    assertThat(ticker.volumeUsd24h()).isEqualTo(1092371540.0);
    assertThat(ticker.priceChange24h()).isEqualTo(2.3275);
  }

  @Test
  void splitsTradesAndKeepsIdsAbove2Pow53OutOfThePrices() throws Exception {
    List<MarketEvent> events = decodeFixture("ws_trades.json", 5);

    assertThat(events).hasSize(3);
    Trade first = events.get(0).trade();
    assertThat(first.tradeId()).isEqualTo("267258393");
    assertThat(first.tradeSeq()).isEqualTo(140284854L);
    assertThat(first.price()).isEqualTo(76917.5);
    assertThat(first.amount()).isEqualTo(8450.0);
    assertThat(first.buy()).isTrue();
  }

  @Test
  void takesEachTradesInstrumentFromTheTradeItself() throws Exception {
    Trade trade = decodeFixture("ws_trades.json", 2).get(0).trade();

    assertThat(trade.instrument()).isEqualTo("BTC-26MAR21-62000-C");
    assertThat(trade.kind()).isEqualTo(InstrumentKind.OPTION);
  }

  @Test
  void decodesThePriceIndex() throws Exception {
    var index = decodeFixture("ws_deribit_price_index.json", 1).get(0).index();

    assertThat(index.index()).isEqualTo("btc_usd");
    assertThat(index.underlying()).isEqualTo("BTC");
    assertThat(index.price()).isEqualTo(6521.17);
  }

  @Test
  void refusesMalformedInputWithTheReason() {
    assertThatThrownBy(() -> decode("{not json")).hasMessageStartingWith("not JSON");
    assertThatThrownBy(() -> decode("[1,2]")).hasMessage("not a JSON object");
    assertThatThrownBy(() -> decode("{\"channel\":\"book.BTC-PERPETUAL.100ms\"}"))
        .hasMessage("no data in book.BTC-PERPETUAL.100ms");
    assertThatThrownBy(
            () ->
                decode(
                    "{\"channel\":\"book.BTC-PERPETUAL.100ms\",\"data\":{\"type\":\"change\","
                        + "\"instrument_name\":\"BTC-PERPETUAL\",\"timestamp\":1,\"change_id\":2,"
                        + "\"bids\":[],\"asks\":[]}}"))
        .hasMessage("missing or non-integer prev_change_id");
    assertThatThrownBy(
            () ->
                decode(
                    "{\"channel\":\"trades.BTC-PERPETUAL.100ms\",\"data\":[{\"instrument_name\":"
                        + "\"BTC-PERPETUAL\",\"timestamp\":1,\"trade_id\":\"1\",\"price\":\"x\","
                        + "\"amount\":1,\"direction\":\"buy\"}]}"))
        .hasMessage("trade price missing or not a number");
  }

  @Test
  void namesInstrumentKindsAndUnderlyings() {
    assertThat(Instruments.kind("BTC-PERPETUAL")).isEqualTo(InstrumentKind.PERPETUAL);
    assertThat(Instruments.kind("BTC_USDC-PERPETUAL")).isEqualTo(InstrumentKind.PERPETUAL);
    assertThat(Instruments.kind("ETH-5JAN24-2000-P")).isEqualTo(InstrumentKind.OPTION);
    assertThat(Instruments.kind("BTC-25JUN21")).isEqualTo(InstrumentKind.FUTURE);
    assertThat(Instruments.underlying("BTC_USDC-PERPETUAL")).isEqualTo("BTC");
    assertThat(Instruments.indexUnderlying("eth_usd")).isEqualTo("ETH");
  }
}
