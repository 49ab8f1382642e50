package io.gammastraddle.simulator.exchange;

/**
 * One option contract's Greeks in Deribit's ticker convention: delta N(d1) for calls and N(d1) - 1
 * for puts (not premium-adjusted), gamma per 1 USD, vega in USD per vol point, theta in USD per
 * calendar day.
 */
public record OptionGreeks(double delta, double gamma, double vega, double theta) {}
