package io.gammastraddle.backtest;

/**
 * One status line reduced to what the curves need: the underlying's P&L (realized after fees plus
 * unrealized, in USD), its delta in coin and its vega in USD.
 */
record StatusPoint(String underlying, long timestamp, double pnlUsd, double delta, double vega) {}
