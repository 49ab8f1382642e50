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
    double fee) {}
