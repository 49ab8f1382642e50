package io.gammastraddle.backtest;

/**
 * A {@code fills.jsonl} line: one fill of the simulated venue, in Deribit's units (option amounts
 * in coin and prices in coin per contract, perpetual amounts and prices in USD, fees in coin).
 */
record FillLine(
    String underlying,
    long timestamp,
    String instrument,
    String label,
    String direction,
    double amount,
    double price,
    double indexPrice,
    double fee,
    boolean maker) {

  boolean isBuy() {
    return "buy".equals(direction);
  }

  /** Deribit option names end with the type ({@code BTC-27NOV26-95000-C}); futures do not. */
  boolean isOption() {
    return instrument.endsWith("-C") || instrument.endsWith("-P");
  }

  double feeUsd() {
    return fee * indexPrice;
  }

  /** An option's premium at the index price; a perpetual's amount is already its USD notional. */
  double notionalUsd() {
    return isOption() ? price * amount * indexPrice : amount;
  }
}
