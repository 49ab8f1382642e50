package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.PERPETUAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which user events a request or a market step produces, for whom, in which order. */
class PortfolioEventsTest {
  private final FakeMarket market = new FakeMarket();
  private final PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
  private final Trader alice = new Trader(exchange, "alice");

  @Test
  void aTakerOrderAnnouncesItsOrderThenItsTradesThenThePortfolio() {
    alice.call("private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1500, "type", "market");

    List<UserEvent> events = alice.lastEvents();

    assertThat(events)
        .extracting(UserEvent::type)
        .containsExactly(UserEvent.Type.ORDERS, UserEvent.Type.TRADES, UserEvent.Type.PORTFOLIO);
    assertThat(events).allMatch(event -> event.accountId().equals("alice"));
    assertThat(events.get(0).instrumentName()).isEqualTo("BTC-PERPETUAL");
    assertThat(events.get(0).kind()).isEqualTo("future");
    assertThat(events.get(2).currency()).isEqualTo("BTC");
    assertThat(Trader.parse(events.get(1).data())).hasSize(2);
  }

  @Test
  void stepsReportAPortfolioOnlyWhenItChanged() {
    alice.summary("BTC");
    assertThat(exchange.onMarketStep()).isEmpty();

    alice.call("private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1000, "type", "market");
    assertThat(exchange.onMarketStep()).isEmpty();

    market.mark(PERPETUAL, 60_500);
    List<UserEvent> events = exchange.onMarketStep();

    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(UserEvent.Type.PORTFOLIO);
              assertThat(event.currency()).isEqualTo("BTC");
              assertThat(Trader.parse(event.data()).get("futures_session_upl").asDouble())
                  .isEqualTo(1000 * (1 / 60_000.0 - 1 / 60_500.0));
            });
  }

  @Test
  void readsProduceNoEvents() {
    alice.call("private/buy", "instrument_name", "BTC-PERPETUAL", "amount", 1000, "type", "market");
    market.mark(PERPETUAL, 60_500);

    alice.call("private/get_positions", "currency", "BTC");

    assertThat(alice.lastEvents()).isEmpty();
  }
}
