package io.gammastraddle.market;

/** A price index value, e.g. {@code btc_usd} for underlying {@code BTC}. */
public record IndexPrice(
    String index, String underlying, long timestamp, double price, long receivedNanos) {}
