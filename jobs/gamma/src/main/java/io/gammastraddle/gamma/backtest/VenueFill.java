package io.gammastraddle.gamma.backtest;

/**
 * One fill the backtest's venue made, for the backtest report ({@code fills.jsonl}).
 *
 * @param timestamp when it traded, event time in epoch milliseconds
 * @param direction {@code buy} or {@code sell}
 * @param amount options in coin, the perpetual in USD
 * @param price options in coin per contract, the perpetual in USD
 * @param indexPrice the underlying's USD index when it traded
 * @param fee the fee in coin (the instrument's currency)
 */
public record VenueFill(
    String underlying,
    long timestamp,
    String instrument,
    String label,
    String direction,
    double amount,
    double price,
    double indexPrice,
    double fee) {

  public boolean isBuy() {
    return "buy".equals(direction);
  }

  /** Deribit option names end with the type ({@code BTC-27NOV26-95000-C}); perpetuals do not. */
  public boolean isOption() {
    return instrument.endsWith("-C") || instrument.endsWith("-P");
  }

  public double feeUsd() {
    return fee * indexPrice;
  }

  /** An option's premium at the index price; a perpetual's amount is already its USD notional. */
  public double notionalUsd() {
    return isOption() ? price * amount * indexPrice : amount;
  }
}
