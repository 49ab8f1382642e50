package io.gammastraddle.simulator.exchange;

/**
 * An account's position in one instrument, as {@code private/get_positions} reports it.
 *
 * <p>Perpetuals and futures are inverse: {@code size} is USD, profit is in coin, {@code size * (1 /
 * entry - 1 / exit)}, and the average entry is the USD-weighted harmonic mean of the trade prices.
 * Options: {@code size} is coin contracts, profit {@code size * (exit - entry)} in coin.
 *
 * @param size signed: positive long, negative short, 0 after closing
 * @param averagePrice average entry price of the open size; 0 when flat
 * @param averagePriceUsd options only: average entry price times the index at each trade
 * @param realizedPnl coin realized by trades that reduced the position
 */
record Position(
    InstrumentSpec instrument,
    double size,
    double averagePrice,
    double averagePriceUsd,
    double realizedPnl) {

  static Position flat(InstrumentSpec instrument) {
    return new Position(instrument, 0, 0, 0, 0);
  }

  /**
   * The position after a trade of {@code amount} (positive) at {@code price}; {@code indexPrice}
   * (USD) values an option trade in USD.
   */
  Position afterTrade(Direction direction, double price, double amount, double indexPrice) {
    double signed = direction.sign() * amount;
    double newSize = Quantities.clean(size + signed);
    if (size == 0) {
      return new Position(instrument, newSize, price, price * indexPrice, realizedPnl);
    }
    if (Math.signum(size) == Math.signum(signed)) {
      double open = Math.abs(size);
      return new Position(
          instrument,
          newSize,
          instrument.isOption()
              ? (open * averagePrice + amount * price) / (open + amount)
              : (open + amount) / (open / averagePrice + amount / price),
          (open * averagePriceUsd + amount * price * indexPrice) / (open + amount),
          realizedPnl);
    }
    double closed = Math.min(amount, Math.abs(size));
    double realized = realizedPnl + Math.signum(size) * closed * profitPerUnit(averagePrice, price);
    if (newSize == 0) {
      return new Position(instrument, 0, 0, 0, realized);
    }
    if (Math.signum(newSize) == Math.signum(size)) {
      return new Position(instrument, newSize, averagePrice, averagePriceUsd, realized);
    }
    return new Position(instrument, newSize, price, price * indexPrice, realized);
  }

  /** Unrealized profit in coin at {@code markPrice}. */
  double floatingPnl(double markPrice) {
    return size == 0 ? 0 : size * profitPerUnit(averagePrice, markPrice);
  }

  /** Deribit's {@code direction}: {@code buy}, {@code sell} or {@code zero}. */
  String direction() {
    return size > 0 ? "buy" : size < 0 ? "sell" : "zero";
  }

  private double profitPerUnit(double entry, double exit) {
    return instrument.isOption() ? exit - entry : 1 / entry - 1 / exit;
  }
}
