package io.gammastraddle.chain;

import io.gammastraddle.market.Ticker;

/**
 * The part of an option's ticker the chain uses. Option tickers are most of Deribit's messages and
 * cross the network between the router and the chain; shipping these eleven fields instead of the
 * ticker's twenty-six makes that hop markedly cheaper (Flink rebuilds each record field by field).
 *
 * @param forward the ticker's {@code underlying_price}: the forward of the option's expiry, USD
 * @param markIv mark implied volatility in percent, as Deribit sends it
 * @param delta Deribit's delta (and gamma, vega in its units), NaN when the ticker has none
 * @param receivedNanos when the ticker was received (the bridge's {@code recv_ts}, epoch ns)
 */
public record OptionTicker(
    String instrument,
    String underlying,
    long timestamp,
    double forward,
    double markPrice,
    double markIv,
    double bestBidPrice,
    double bestAskPrice,
    double delta,
    double gamma,
    double vega,
    long receivedNanos) {

  public static OptionTicker of(Ticker ticker) {
    return new OptionTicker(
        ticker.instrument(),
        ticker.underlying(),
        ticker.timestamp(),
        ticker.underlyingPrice(),
        ticker.markPrice(),
        ticker.markIv(),
        ticker.bestBidPrice(),
        ticker.bestAskPrice(),
        ticker.delta(),
        ticker.gamma(),
        ticker.vega(),
        ticker.receivedNanos());
  }
}
