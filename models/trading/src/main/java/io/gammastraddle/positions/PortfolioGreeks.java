package io.gammastraddle.positions;

import java.util.Map;

/**
 * The Greeks of one currency's positions, in Deribit's units: what {@code user.portfolio} reports
 * as {@code delta_total}, {@code options_gamma}, {@code options_vega} and {@code options_theta}.
 *
 * <p><b>Delta is in coin</b>, the exposure of the account's coin value: F dV_coin / dF per
 * position.
 *
 * <ul>
 *   <li>An option contract's is its premium-adjusted delta, {@code delta - priceCoin}: Deribit's
 *       {@code delta_total} is "Net Transaction Delta of options + BTC Position of Futures", the
 *       net transaction delta being "Black Scholes Delta - Mark Price of Options"
 *       (docs.deribit.com, {@code private/get_account_summary}, field {@code delta_total}).
 *   <li>The inverse perpetual's is {@code size_usd / mark}, positive for a long: its coin P&L is N
 *       (1/E - 1/P), so dV_coin/dP = N / P^2 and P dV_coin/dP = N / P. A long of 10,000 USD at
 *       50,000 is long 0.2 coin, exactly like holding 0.2 coin more. The mark, not the index, is
 *       the P at which the exchange values the position (its unrealized P&L and {@code
 *       size_currency}); the two differ by the basis, a few hundredths of a percent.
 * </ul>
 *
 * <p>Holding the account's delta at 0 keeps its coin balance still; the coin itself still moves in
 * USD, as Deribit notes: for USD P&L the exposure is equity + {@code delta_total}. Gamma, vega and
 * theta are the options' (the perpetual has none in Deribit's convention, although its coin delta N
 * / P drifts as P moves: -N / P^2 per USD).
 *
 * @param optionsDelta coin; the options' premium-adjusted deltas times their sizes
 * @param perpetualDelta coin; the perpetual's size in USD over its mark
 * @param gamma per 1 USD of the forward, summed over option contracts
 * @param vega USD per volatility point
 * @param theta USD per calendar day
 */
public record PortfolioGreeks(
    double optionsDelta, double perpetualDelta, double gamma, double vega, double theta) {

  /** The account's delta in coin: Deribit's {@code delta_total}, what the hedger holds near 0. */
  public double delta() {
    return optionsDelta + perpetualDelta;
  }

  /**
   * The Greeks of {@code positions}.
   *
   * @param options price and Greeks per contract of every option held (others are ignored)
   * @param perpetualMarkPrice the perpetual's mark in USD; needed only when it is held
   * @throws IllegalArgumentException if a held option has no entry in {@code options}, or the
   *     perpetual is held and its mark is not positive
   */
  public static PortfolioGreeks of(
      Positions positions, Map<String, OptionRisk> options, double perpetualMarkPrice) {
    double optionsDelta = 0;
    double perpetualDelta = 0;
    double gamma = 0;
    double vega = 0;
    double theta = 0;
    for (Map.Entry<String, Double> open : positions.openSizes().entrySet()) {
      String instrument = open.getKey();
      double size = open.getValue();
      if (ContractType.of(instrument) == ContractType.INVERSE_PERPETUAL) {
        if (!Fill.isPositiveFinite(perpetualMarkPrice)) {
          throw new IllegalArgumentException(
              "perpetual held but its mark is not usable: " + perpetualMarkPrice);
        }
        perpetualDelta += size / perpetualMarkPrice;
        continue;
      }
      OptionRisk risk = options.get(instrument);
      if (risk == null) {
        throw new IllegalArgumentException("no price or Greeks for held option " + instrument);
      }
      optionsDelta += size * risk.premiumAdjustedDelta();
      gamma += size * risk.gamma();
      vega += size * risk.vega();
      theta += size * risk.theta();
    }
    return new PortfolioGreeks(optionsDelta, perpetualDelta, gamma, vega, theta);
  }
}
