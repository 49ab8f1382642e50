package io.gammastraddle.simulator;

/**
 * One price level of a simulated book, as Deribit reports it: the price in the instrument's quote
 * unit (USD for perpetuals, coin for options) and the amount resting there (USD for perpetuals,
 * coin for options).
 */
public record PriceLevel(double price, double amount) {}
