package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.CALL;
import static io.gammastraddle.simulator.exchange.FakeMarket.PERPETUAL;
import static io.gammastraddle.simulator.exchange.FakeMarket.levels;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ids and timestamps come from counters and the market's clock, never the wall clock. */
class DeterminismTest {

  @Test
  void sameCallsOnTheSameMarketGiveTheSameRepliesAndEvents() {
    List<String> first = run();

    assertThat(first).anyMatch(line -> line.contains("\"liquidity\":\"M\""));
    assertThat(run()).isEqualTo(first);
  }

  @Test
  void idsFollowDeribitsFormAndTimestampsTheMarketsClock() {
    FakeMarket market = new FakeMarket();
    Trader trader = new Trader(new PaperExchange(market, ExchangeSettings.defaults()), "alice");
    market.advance(1234);

    JsonNode result =
        trader.call(
            "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1500, "type", "market");
    JsonNode eth =
        trader.call(
            "private/buy", "instrument_name", "ETH-PERPETUAL", "amount", 10, "type", "market");

    assertThat(result.at("/order/order_id").asText()).isEqualTo("BTC-1");
    assertThat(eth.at("/order/order_id").asText()).isEqualTo("ETH-2");
    assertThat(result.at("/order/creation_timestamp").asLong()).isEqualTo(FakeMarket.START + 1234);
    JsonNode trades = result.get("trades");
    assertThat(trades.get(0).get("trade_id").asText()).isEqualTo("BTC-1");
    assertThat(trades.get(1).get("trade_id").asText()).isEqualTo("BTC-2");
    assertThat(trades.get(0).get("trade_seq").asLong()).isEqualTo(1);
    assertThat(trades.get(1).get("trade_seq").asLong()).isEqualTo(2);
    assertThat(trades.get(1).get("tick_direction").asInt()).as("plus tick").isZero();
    assertThat(trades.get(0).get("timestamp").asLong()).isEqualTo(FakeMarket.START + 1234);
  }

  private static List<String> run() {
    FakeMarket market = new FakeMarket();
    PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
    Trader alice = new Trader(exchange, "alice");
    Trader bob = new Trader(exchange, "bob");
    List<String> transcript = new ArrayList<>();
    record(
        transcript,
        alice.send(
            "private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1500, "type", "market"));
    record(
        transcript,
        bob.send("private/buy", "instrument_name", CALL.name(), "amount", 1, "price", 0.0195));
    record(
        transcript,
        alice.send(
            "private/sell", "instrument_name", "BTC-PERPETUAL", "amount", 700, "price", 60_050));
    market
        .advance(100)
        .book(PERPETUAL, levels(60_050, 500), levels(60_055, 500))
        .mark(PERPETUAL, 60_052);
    exchange.onMarketStep().forEach(event -> transcript.add(event.toString()));
    record(transcript, alice.send("private/get_positions", "currency", "BTC"));
    record(transcript, bob.send("private/cancel_all"));
    record(transcript, bob.send("private/get_account_summary", "currency", "BTC"));
    return transcript;
  }

  private static void record(List<String> transcript, Reply reply) {
    transcript.add(reply.toString());
  }
}
