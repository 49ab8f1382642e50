package io.gammastraddle.deribit.chain;

import static io.gammastraddle.deribit.chain.RecordedInstruments.option;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.websocket.AnsweringDeribitServer;
import io.gammastraddle.deribit.websocket.CapturedLogs;
import io.gammastraddle.deribit.websocket.DeribitRpcException;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MarketChannelsTest {

  private static final Instant NOW = Instant.parse("2024-12-01T00:00:00Z");

  private static List<String> wanted(List<JsonNode> instruments, double index, ChainSelection c) {
    return MarketChannels.wanted("BTC", instruments, OptionalDouble.of(index), c, "100ms", NOW);
  }

  /** The instruments whose channels are in {@code channels}, from their book channels. */
  private static List<String> instruments(List<String> channels) {
    Pattern book = Pattern.compile("book\\.(.+)\\.100ms");
    List<String> names = new ArrayList<>();
    for (String channel : channels) {
      Matcher matcher = book.matcher(channel);
      if (matcher.matches()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  private static Instant days(double days) {
    return NOW.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }

  @Test
  void followsThePerpetualAndTheOptionNearTheIndexButNoDatedFutureNorCombo() {
    List<String> channels =
        wanted(RecordedInstruments.result(3), 95_000, ChainSelection.defaults());

    assertThat(channels)
        .containsExactly(
            "book.BTC-PERPETUAL.100ms",
            "ticker.BTC-PERPETUAL.100ms",
            "trades.BTC-PERPETUAL.100ms",
            "book.BTC-27DEC24-100000-C.100ms",
            "ticker.BTC-27DEC24-100000-C.100ms",
            "trades.BTC-27DEC24-100000-C.100ms",
            "deribit_price_index.btc_usd");
    assertThat(
            instruments(wanted(RecordedInstruments.result(2), 95_000, ChainSelection.defaults())))
        .containsExactly("BTC-PERPETUAL");
  }

  @Test
  void leavesOutStrikesOutsideTheMoneynessWindowAroundTheIndex() {
    List<JsonNode> listed = RecordedInstruments.result(3);

    assertThat(instruments(wanted(listed, 80_000, ChainSelection.defaults())))
        .as("|100000 / 80000 - 1| = 0.25")
        .containsExactly("BTC-PERPETUAL");
    assertThat(instruments(wanted(listed, 125_000, ChainSelection.defaults())))
        .as("|100000 / 125000 - 1| = 0.2")
        .contains("BTC-27DEC24-100000-C");
    assertThat(
            instruments(wanted(listed, 80_000, ChainSelection.defaults().withMoneynessWindow(0.3))))
        .contains("BTC-27DEC24-100000-C");
  }

  @Test
  void takesTheNearestExpiriesAtLeastTheMinimumDaysAway() {
    List<JsonNode> listed =
        List.of(
            RecordedInstruments.perpetual(),
            option("BTC-30NOV24-60000-C", 60_000, days(-0.1)),
            option("BTC-5DEC24-60000-C", 60_000, days(4)),
            option("BTC-2DEC24-60000-C", 60_000, days(1)),
            option("BTC-2DEC24-60000-P", 60_000, days(1)),
            option("BTC-3DEC24-60000-C", 60_000, days(2)),
            option("BTC-27DEC24-60000-C", 60_000, days(26)));

    assertThat(instruments(wanted(listed, 60_000, ChainSelection.defaults())))
        .as("the three nearest expiries, in listing order")
        .containsExactly(
            "BTC-PERPETUAL",
            "BTC-5DEC24-60000-C",
            "BTC-2DEC24-60000-C",
            "BTC-2DEC24-60000-P",
            "BTC-3DEC24-60000-C");
    assertThat(instruments(wanted(listed, 60_000, ChainSelection.defaults().withMaxExpiries(1))))
        .containsExactly("BTC-PERPETUAL", "BTC-2DEC24-60000-C", "BTC-2DEC24-60000-P");
    assertThat(
            instruments(wanted(listed, 60_000, ChainSelection.defaults().withMinDaysToExpiry(1.5))))
        .containsExactly(
            "BTC-PERPETUAL", "BTC-5DEC24-60000-C", "BTC-3DEC24-60000-C", "BTC-27DEC24-60000-C");
  }

  @Test
  void followsNoOptionWhenPerpetualsOnlyAndNoInactiveInstrument() {
    List<JsonNode> listed =
        List.of(
            RecordedInstruments.perpetual(),
            option("BTC-2DEC24-60000-C", 60_000, days(1)),
            option("BTC-2DEC24-61000-C", 61_000, days(1)).put("is_active", false));

    assertThat(instruments(wanted(listed, 60_000, ChainSelection.perpetualsOnly())))
        .containsExactly("BTC-PERPETUAL");
    assertThat(instruments(wanted(listed, 60_000, ChainSelection.defaults())))
        .containsExactly("BTC-PERPETUAL", "BTC-2DEC24-60000-C");
  }

  @Test
  void withoutAnIndexPriceEveryStrikeOfTheChosenExpiriesIsFollowed() {
    List<JsonNode> listed =
        List.of(
            option("BTC-2DEC24-10000-P", 10_000, days(1)),
            option("BTC-2DEC24-500000-C", 500_000, days(1)));

    assertThat(
            instruments(
                MarketChannels.wanted(
                    "BTC",
                    listed,
                    OptionalDouble.empty(),
                    ChainSelection.defaults(),
                    "100ms",
                    NOW)))
        .containsExactly("BTC-2DEC24-10000-P", "BTC-2DEC24-500000-C");
  }

  // Discovery over a WebSocket, against a server answering like Deribit.

  private AnsweringDeribitServer server;
  private ResilientConnection connection;

  @AfterEach
  void stop() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private MarketChannels marketOf(List<String> currencies) throws Exception {
    server = AnsweringDeribitServer.started();
    server.answer(
        "public/get_instruments",
        params -> {
          String currency = params.get("currency").asText();
          boolean futures = params.get("kind").asText().equals("future");
          return RecordedInstruments.resultJson(
              futures
                  ? List.of(
                      RecordedInstruments.perpetual()
                          .deepCopy()
                          .put("instrument_name", currency + "-PERPETUAL"))
                  : List.of(
                      option(currency + "-2DEC24-60000-C", 60_000, days(1)),
                      option(currency + "-2DEC24-90000-C", 90_000, days(1))));
        });
    connection =
        ResilientConnection.open(
            server.uri(),
            (frame, receivedNanos) -> {},
            reconnects -> {},
            ResilientConnection.Settings.defaults());
    return new MarketChannels(
        connection,
        currencies,
        "100ms",
        ChainSelection.defaults(),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void discoversEachCurrencysInstrumentsAndIndexPrice() throws Exception {
    MarketChannels market = marketOf(List.of("BTC", "ETH"));
    server.answer(
        "public/get_index_price",
        params ->
            params.get("index_name").asText().equals("btc_usd")
                ? "{\"index_price\":61000.5,\"estimated_delivery_price\":61000.5}"
                : "{\"index_price\":85000,\"estimated_delivery_price\":85000}");

    List<String> channels = market.discover();

    assertThat(instruments(channels))
        .containsExactly(
            "BTC-PERPETUAL", "BTC-2DEC24-60000-C", "ETH-PERPETUAL", "ETH-2DEC24-90000-C");
    assertThat(channels).contains("deribit_price_index.btc_usd", "deribit_price_index.eth_usd");
    assertThat(server.requests("public/get_instruments"))
        .extracting(
            request ->
                request.params().get("currency").asText()
                    + " "
                    + request.params().get("kind").asText())
        .containsExactlyInAnyOrder("BTC future", "BTC option", "ETH future", "ETH option");
    assertThat(server.requests("public/get_index_price"))
        .extracting(request -> request.params().get("index_name").asText())
        .containsExactly("btc_usd", "eth_usd");
  }

  @Test
  void followsEveryStrikeWithOneWarningWhenTheServerHasNoIndexPriceMethod() throws Exception {
    MarketChannels market = marketOf(List.of("BTC", "ETH"));
    server.refuseAlways("public/get_index_price", -32601, "Method not found");

    List<String> first;
    String logs;
    try (CapturedLogs captured = CapturedLogs.capture()) {
      first = market.discover();
      market.discover();
      logs = captured.text();
    }

    assertThat(instruments(first))
        .containsExactly(
            "BTC-PERPETUAL",
            "BTC-2DEC24-60000-C",
            "BTC-2DEC24-90000-C",
            "ETH-PERPETUAL",
            "ETH-2DEC24-60000-C",
            "ETH-2DEC24-90000-C");
    assertThat(logs.split("does not know public/get_index_price", -1))
        .as("one warning for four refusals")
        .hasSize(2);
    assertThat(server.requests("public/get_index_price")).hasSize(4);
  }

  @Test
  void anyOtherRefusalOfTheIndexPriceFailsTheDiscovery() throws Exception {
    MarketChannels market = marketOf(List.of("BTC"));
    server.refuseAlways("public/get_index_price", -32602, "Invalid params");

    assertThat(catchThrowable(market::discover))
        .isInstanceOfSatisfying(
            DeribitRpcException.class, e -> assertThat(e.code()).isEqualTo(-32602));
  }

  @Test
  void perpetualsOnlyAsksForNeitherOptionsNorTheIndex() throws Exception {
    marketOf(List.of("BTC"));

    List<String> channels = MarketChannels.discover(connection, List.of("BTC"), "100ms", false);

    assertThat(instruments(channels)).containsExactly("BTC-PERPETUAL");
    assertThat(server.requests("public/get_instruments")).hasSize(1);
    assertThat(server.requests("public/get_index_price")).isEmpty();
  }

  @Test
  void subscribesBookTickerAndTradesPerInstrumentAndTheIndexPerCurrency() {
    assertThat(MarketChannels.instrumentChannels("ETH-PERPETUAL", "100ms"))
        .containsExactly(
            "book.ETH-PERPETUAL.100ms", "ticker.ETH-PERPETUAL.100ms", "trades.ETH-PERPETUAL.100ms");
    assertThat(MarketChannels.indexChannel("ETH")).isEqualTo("deribit_price_index.eth_usd");
  }
}
