package io.gammastraddle.simulator;

import java.util.Locale;

/**
 * What the simulated market of one underlying looks like: where its index starts, how it moves, the
 * grid of its perpetual and options, the implied-volatility smile and how often it trades. None of
 * it depends on the simulation speed. {@link #btc()} and {@link #eth()} are the defaults.
 *
 * @param currency base currency as Deribit names it ({@code BTC}, {@code ETH})
 * @param startPrice index price at the start, in USD
 * @param indexDynamics how the index moves: stochastic volatility, jumps (see {@link
 *     IndexDynamics})
 * @param perpetualTickSize price tick of the perpetual, in USD
 * @param perpetualContractSize USD per perpetual contract (Deribit: 10 for BTC, 1 for ETH)
 * @param optionMinTradeAmount smallest option amount and amount step, in coin (Deribit's {@code
 *     min_trade_amount}: 0.1 for BTC, 1 for ETH)
 * @param strikeStep distance between neighbouring option strikes, in USD
 * @param atmImpliedVolatility level of the at-the-money implied volatility (0.55 = 55%)
 * @param smileSkew slope of implied volatility in log-moneyness {@code ln(K/F)}
 * @param smileCurvature curvature of implied volatility in log-moneyness
 * @param perpetualTradesPerSecond mean arrival rate of taker orders on the perpetual
 * @param optionTradesPerSecond mean arrival rate of taker orders on each option
 */
public record UnderlyingParameters(
    String currency,
    double startPrice,
    IndexDynamics indexDynamics,
    double perpetualTickSize,
    double perpetualContractSize,
    double optionMinTradeAmount,
    double strikeStep,
    double atmImpliedVolatility,
    double smileSkew,
    double smileCurvature,
    double perpetualTradesPerSecond,
    double optionTradesPerSecond) {

  public UnderlyingParameters {
    if (currency == null || !currency.matches("[A-Z]{2,10}")) {
      throw new IllegalArgumentException("currency must be upper-case letters: " + currency);
    }
    requirePositive("startPrice", startPrice);
    if (indexDynamics == null) {
      throw new IllegalArgumentException("indexDynamics is required");
    }
    requirePositive("perpetualTickSize", perpetualTickSize);
    requirePositive("perpetualContractSize", perpetualContractSize);
    requirePositive("optionMinTradeAmount", optionMinTradeAmount);
    requirePositive("strikeStep", strikeStep);
    requirePositive("atmImpliedVolatility", atmImpliedVolatility);
    requirePositive("perpetualTradesPerSecond", perpetualTradesPerSecond);
    requirePositive("optionTradesPerSecond", optionTradesPerSecond);
  }

  /**
   * BTC: starts at 60,000 USD, about 60% realized volatility in the long run ({@link
   * IndexDynamics#btc()}) and 55% implied, strikes 1,000 apart.
   */
  public static UnderlyingParameters btc() {
    return new UnderlyingParameters(
        "BTC", 60_000, IndexDynamics.btc(), 0.5, 10, 0.1, 1_000, 0.55, -0.10, 0.50, 5.0, 0.02);
  }

  /**
   * ETH: starts at 3,000 USD, about 75% realized volatility in the long run ({@link
   * IndexDynamics#eth()}) and 70% implied, strikes 50 apart.
   */
  public static UnderlyingParameters eth() {
    return new UnderlyingParameters(
        "ETH", 3_000, IndexDynamics.eth(), 0.05, 1, 1, 50, 0.70, -0.10, 0.50, 3.0, 0.02);
  }

  /** The same underlying with other index dynamics, e.g. {@link IndexDynamics#gbm(double)}. */
  public UnderlyingParameters withIndexDynamics(IndexDynamics dynamics) {
    return new UnderlyingParameters(
        currency,
        startPrice,
        dynamics,
        perpetualTickSize,
        perpetualContractSize,
        optionMinTradeAmount,
        strikeStep,
        atmImpliedVolatility,
        smileSkew,
        smileCurvature,
        perpetualTradesPerSecond,
        optionTradesPerSecond);
  }

  /** Deribit's index name, e.g. {@code btc_usd}. */
  public String indexName() {
    return currency.toLowerCase(Locale.ROOT) + "_usd";
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite: " + value);
    }
  }
}
