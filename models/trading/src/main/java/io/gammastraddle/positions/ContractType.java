package io.gammastraddle.positions;

import io.gammastraddle.pricing.OptionContract;

/**
 * The two kinds of instrument the strategy trades, and the inverse conventions that set their P&L.
 *
 * <ul>
 *   <li>{@link #OPTION}: amounts in coin (one contract is one coin of underlying), prices in coin
 *       per contract; profit in coin = amount x (exit - entry); average entry weighted by amount.
 *   <li>{@link #INVERSE_PERPETUAL}: amounts in USD, prices in USD; profit in coin = amount x (1 /
 *       entry - 1 / exit) for a long, the opposite for a short; the average entry is the
 *       USD-weighted harmonic mean of the trade prices, so that the sum of the trades' coin values
 *       is kept.
 * </ul>
 *
 * <p>Sources: Deribit's {@code user.trades} ({@code amount}: "For perpetual and inverse futures the
 * amount is in USD units. For options ... the underlying base currency coin", docs.deribit.com);
 * the inverse formula from Deribit Insights, "Deribit Inverse Contracts: Calculating Profit in BTC
 * and USD" (insights.deribit.com, 2020); both as the simulator's {@code Position} applies them.
 */
public enum ContractType {
  OPTION,
  INVERSE_PERPETUAL;

  private static final String PERPETUAL_SUFFIX = "-PERPETUAL";

  /**
   * The type of a Deribit instrument name: {@code BTC-PERPETUAL}, {@code BTC-27JUN25-60000-C}.
   * Linear (USDC-settled) instruments, whose currency part has an underscore ({@code
   * BTC_USDC-PERPETUAL}), and futures are refused: their P&L follows other rules.
   *
   * @throws IllegalArgumentException if the name is neither an inverse option nor an inverse
   *     perpetual
   */
  public static ContractType of(String instrument) {
    if (instrument == null
        || currencyOf(instrument).isEmpty()
        || currencyOf(instrument).contains("_")) {
      throw notTraded(instrument, null);
    }
    if (instrument.endsWith(PERPETUAL_SUFFIX)
        && instrument.indexOf('-') == instrument.lastIndexOf('-')) {
      return INVERSE_PERPETUAL;
    }
    try {
      OptionContract.parse(instrument);
      return OPTION;
    } catch (IllegalArgumentException e) {
      throw notTraded(instrument, e);
    }
  }

  /** The currency part of an instrument name: {@code BTC} for {@code BTC-PERPETUAL}. */
  public static String currencyOf(String instrument) {
    int dash = instrument.indexOf('-');
    return dash < 0 ? instrument : instrument.substring(0, dash);
  }

  /** Coin earned per unit of a long position (one coin contract, or one USD) from entry to exit. */
  double profitPerUnit(double entryPrice, double exitPrice) {
    return this == OPTION ? exitPrice - entryPrice : 1 / entryPrice - 1 / exitPrice;
  }

  /**
   * Average entry price after adding {@code amount} at {@code price} to {@code open} at {@code
   * average}.
   */
  double averageAfterAdding(double open, double average, double amount, double price) {
    return this == OPTION
        ? (open * average + amount * price) / (open + amount)
        : (open + amount) / (open / average + amount / price);
  }

  private static IllegalArgumentException notTraded(String instrument, Exception cause) {
    return new IllegalArgumentException(
        "not a Deribit inverse option or inverse perpetual: " + instrument, cause);
  }
}
