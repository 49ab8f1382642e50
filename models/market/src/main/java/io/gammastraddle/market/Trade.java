package io.gammastraddle.market;

/** One public trade. {@code amount} is in the instrument's own unit (USD for perpetuals). */
public record Trade(
    String instrument,
    String underlying,
    InstrumentKind kind,
    long timestamp,
    String tradeId,
    long tradeSeq,
    double price,
    double amount,
    boolean buy,
    double indexPrice,
    long receivedNanos) {}
