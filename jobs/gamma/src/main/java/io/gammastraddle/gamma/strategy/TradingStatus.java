package io.gammastraddle.gamma.strategy;

/**
 * The trading state of one underlying for dashboards (Redis {@code gsb:positions:{underlying}},
 * {@code gsb:greeks:portfolio}, {@code gsb:pnl}).
 *
 * @param instruments instruments held, parallel to {@code sizes} (options in coin, the perpetual in
 *     USD)
 * @param delta the account's delta in coin, hedge included; gamma per USD, vega and theta in USD
 * @param valueAtRiskUsd one-day 99% VaR, the larger of the historical and parametric figures
 * @param realizedUsd realized P&L after fees; {@code unrealizedUsd} at the marks
 * @param equityUsd the account's equity, NaN until the exchange reported it
 * @param mode the kill switch's mode
 */
public record TradingStatus(
    String underlying,
    long timestamp,
    String[] instruments,
    double[] sizes,
    int openStraddles,
    boolean entering,
    double delta,
    double gamma,
    double vega,
    double theta,
    double valueAtRiskUsd,
    double realizedUsd,
    double unrealizedUsd,
    double feesUsd,
    double equityUsd,
    double drawdown,
    String mode) {}
