package io.gammastraddle.backtest;

/** The fields of a {@code predictions.jsonl} line that the report uses. */
record PredictionLine(String underlying, long timestamp, boolean fallback) {}
