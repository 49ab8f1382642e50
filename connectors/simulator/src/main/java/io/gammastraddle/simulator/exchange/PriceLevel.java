package io.gammastraddle.simulator.exchange;

/**
 * One visible book level: price in the instrument's quote unit (USD for perpetuals and futures,
 * coin for options) and the amount there (USD for perpetuals and futures, coin for options).
 */
public record PriceLevel(double price, double amount) {}
