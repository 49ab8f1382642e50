package io.gammastraddle.market;

/**
 * A ticker snapshot. Fields an instrument kind does not have (greeks on a perpetual, funding on an
 * option) are {@code NaN}. Implied volatilities are in percent, as the exchange sends them; the
 * 24-hour statistics are Deribit's ({@code stats}: volume in the instrument's base unit and in USD,
 * price change in percent).
 */
public record Ticker(
    String instrument,
    String underlying,
    InstrumentKind kind,
    long timestamp,
    double markPrice,
    double indexPrice,
    double underlyingPrice,
    double bestBidPrice,
    double bestBidAmount,
    double bestAskPrice,
    double bestAskAmount,
    double markIv,
    double bidIv,
    double askIv,
    double delta,
    double gamma,
    double vega,
    double theta,
    double rho,
    double funding8h,
    double currentFunding,
    double openInterest,
    double volume24h,
    double volumeUsd24h,
    double priceChange24h,
    long receivedNanos) {}
