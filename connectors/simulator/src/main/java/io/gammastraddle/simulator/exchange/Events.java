package io.gammastraddle.simulator.exchange;

import java.util.ArrayList;
import java.util.List;

/** Collects the user events of one request or market step, in the order they happened. */
final class Events {
  private final List<UserEvent> events = new ArrayList<>();

  /** An order's state now (render after the request's or step's matching is done). */
  void order(Account account, Order order) {
    InstrumentSpec instrument = order.instrument();
    events.add(
        new UserEvent(
            account.id(),
            UserEvent.Type.ORDERS,
            instrument.name(),
            instrument.deribitKind(),
            instrument.currency(),
            ExchangeJson.text(ExchangeJson.order(order))));
  }

  /** The order's state and, if it traded, its trades. */
  void orderAndTrades(Account account, Order order, List<Trade> trades) {
    order(account, order);
    if (!trades.isEmpty()) {
      InstrumentSpec instrument = order.instrument();
      events.add(
          new UserEvent(
              account.id(),
              UserEvent.Type.TRADES,
              instrument.name(),
              instrument.deribitKind(),
              instrument.currency(),
              ExchangeJson.text(ExchangeJson.trades(trades))));
    }
  }

  void portfolio(Account account, String currency, String data) {
    events.add(new UserEvent(account.id(), UserEvent.Type.PORTFOLIO, null, null, currency, data));
  }

  List<UserEvent> list() {
    return List.copyOf(events);
  }
}
