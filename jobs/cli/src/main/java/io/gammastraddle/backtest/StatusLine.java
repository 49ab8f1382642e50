package io.gammastraddle.backtest;

/**
 * The fields of a {@code status.jsonl} line that the report uses; Jackson ignores the others.
 * Doubles may arrive as the strings {@code "NaN"} or {@code "Infinity"}.
 */
record StatusLine(
    String underlying,
    long timestamp,
    double delta,
    double vega,
    double realizedUsd,
    double unrealizedUsd,
    double equityUsd) {}
