package io.gammastraddle.simulator.exchange;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One currency of an account: its cash balance and its positions, as immutable values so that the
 * exchange can price "what if this order filled" before committing it.
 *
 * <p>Cash follows Deribit's standard margin: option premiums and all fees move the balance at once;
 * perpetual and futures profit stays in the positions' realized P&L (Deribit's session P&L) and
 * reaches the balance when the instrument is delivered. There is no daily 08:00 session settlement,
 * so a perpetual's realized P&L stays "session" P&L for good.
 *
 * @param settledFuturesPnl P&L of delivered futures positions (booked in the balance)
 * @param settledOptionsPnl P&L of delivered option positions (premiums and payoffs, in the balance)
 * @param positions by instrument name, sorted; delivered positions are removed
 */
record Ledger(
    String currency,
    double balance,
    double settledFuturesPnl,
    double settledOptionsPnl,
    Map<String, Position> positions) {

  Ledger {
    positions = Collections.unmodifiableMap(new TreeMap<>(positions));
  }

  static Ledger opening(String currency, double balance) {
    return new Ledger(currency, balance, 0, 0, Map.of());
  }

  Optional<Position> position(String instrument) {
    return Optional.ofNullable(positions.get(instrument));
  }

  /** Signed size of the position in {@code instrument}, 0 if none. */
  double size(String instrument) {
    Position position = positions.get(instrument);
    return position == null ? 0 : position.size();
  }

  /** After a fill: the position moves, the fee is paid and an option's premium changes hands. */
  Ledger afterTrade(
      InstrumentSpec instrument,
      Direction direction,
      double price,
      double amount,
      double fee,
      double indexPrice) {
    Position position =
        position(instrument.name())
            .orElse(Position.flat(instrument))
            .afterTrade(direction, price, amount, indexPrice);
    double premium = instrument.isOption() ? direction.sign() * price * amount : 0;
    return new Ledger(
        currency,
        balance - premium - fee,
        settledFuturesPnl,
        settledOptionsPnl,
        with(instrument.name(), position));
  }

  /**
   * After delivery at {@code deliveryPrice} (USD): an option pays its intrinsic value in coin,
   * max(0, S - K) / S per call contract (long receives, short pays); a future closes at the
   * delivery price and its whole realized P&L reaches the balance. The position is removed.
   */
  Ledger afterDelivery(InstrumentSpec instrument, double deliveryPrice, double fee) {
    Position position = positions.get(instrument.name());
    Map<String, Position> remaining = new TreeMap<>(positions);
    remaining.remove(instrument.name());
    Direction closing = position.size() > 0 ? Direction.SELL : Direction.BUY;
    double amount = Math.abs(position.size());
    if (instrument.isOption()) {
      double payoff = instrument.payoffAt(deliveryPrice);
      Position closed =
          amount == 0 ? position : position.afterTrade(closing, payoff, amount, deliveryPrice);
      return new Ledger(
          currency,
          balance + position.size() * payoff - fee,
          settledFuturesPnl,
          settledOptionsPnl + closed.realizedPnl(),
          remaining);
    }
    Position closed =
        amount == 0 ? position : position.afterTrade(closing, deliveryPrice, amount, deliveryPrice);
    return new Ledger(
        currency,
        balance + closed.realizedPnl() - fee,
        settledFuturesPnl + closed.realizedPnl(),
        settledOptionsPnl,
        remaining);
  }

  private Map<String, Position> with(String instrument, Position position) {
    Map<String, Position> updated = new TreeMap<>(positions);
    updated.put(instrument, position);
    return updated;
  }
}
