package io.gammastraddle.positions;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Our position in one instrument, built from fills the way Deribit builds it ({@code
 * private/get_positions}): options in coin contracts with P&L {@code size x (exit - entry)}, the
 * inverse perpetual in USD with P&L {@code size x (1 / entry - 1 / exit)}, both in coin ({@link
 * ContractType}).
 *
 * <p>A fill against the position realizes P&L on the part it closes at the average entry; a fill
 * larger than the position closes it and opens the rest the other way at the fill's price. Adding
 * to a position moves the average; reducing it does not.
 *
 * @param size signed: positive long, negative short; coin for options, USD for the perpetual
 * @param averagePrice average entry price of the open size, in the instrument's price unit; 0 when
 *     flat
 * @param realizedPnl coin realized by fills that reduced the position, before fees
 * @param fees coin paid in fees on all fills of this instrument
 */
public record InstrumentPosition(
    String instrument, double size, double averagePrice, double realizedPnl, double fees) {

  /** Sizes are sums of decimal amounts (0.1 coin, 10 USD): 9 decimals remove the binary noise. */
  private static final int SIZE_DECIMALS = 9;

  static InstrumentPosition flat(String instrument) {
    return new InstrumentPosition(instrument, 0, 0, 0, 0);
  }

  public ContractType contractType() {
    return ContractType.of(instrument);
  }

  public boolean isFlat() {
    return size == 0;
  }

  /** Realized P&L in coin after fees. */
  public double realizedPnlAfterFees() {
    return realizedPnl - fees;
  }

  /**
   * Unrealized P&L in coin at {@code markPrice} (coin per contract for options, USD for the
   * perpetual); 0 when flat.
   *
   * @throws IllegalArgumentException if the position is open and the mark is not a usable price
   */
  public double unrealizedPnl(double markPrice) {
    if (isFlat()) {
      return 0;
    }
    boolean usable =
        contractType() == ContractType.OPTION
            ? markPrice >= 0 && markPrice < Double.POSITIVE_INFINITY
            : Fill.isPositiveFinite(markPrice);
    if (!usable) {
      throw new IllegalArgumentException(
          "no usable mark price for " + instrument + ": " + markPrice);
    }
    return size * contractType().profitPerUnit(averagePrice, markPrice);
  }

  InstrumentPosition after(Fill fill) {
    ContractType type = contractType();
    double amount = fill.amount();
    double price = fill.price();
    double newSize = clean(size + fill.signedAmount());
    double newFees = fees + fill.fee();
    if (size == 0 || Math.signum(size) == fill.side().sign()) {
      double average =
          size == 0 ? price : type.averageAfterAdding(Math.abs(size), averagePrice, amount, price);
      return new InstrumentPosition(instrument, newSize, average, realizedPnl, newFees);
    }
    double closed = Math.min(amount, Math.abs(size));
    double realized =
        realizedPnl + Math.signum(size) * closed * type.profitPerUnit(averagePrice, price);
    double average;
    if (newSize == 0) {
      average = 0;
    } else if (Math.signum(newSize) == Math.signum(size)) {
      average = averagePrice;
    } else {
      average = price;
    }
    return new InstrumentPosition(instrument, newSize, average, realized, newFees);
  }

  /** This position with the exchange's size and average price; its P&L history is kept. */
  InstrumentPosition adopting(double exchangeSize, double exchangeAveragePrice) {
    double adoptedSize = clean(exchangeSize);
    return new InstrumentPosition(
        instrument, adoptedSize, adoptedSize == 0 ? 0 : exchangeAveragePrice, realizedPnl, fees);
  }

  static double clean(double value) {
    return BigDecimal.valueOf(value).setScale(SIZE_DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }
}
