package io.gammastraddle.pricing;

/**
 * An option's Black-76 value and Greeks in Deribit's ticker units (DESIGN section 15), per 1 coin
 * of underlying (one Deribit option contract).
 *
 * @param priceUsd value in USD
 * @param priceCoin value in coin, {@code priceUsd / forward}: Deribit's option price unit
 * @param delta dV/dF, not premium-adjusted: N(d1) for calls, N(d1) - 1 for puts (Deribit's {@code
 *     delta})
 * @param premiumAdjustedDelta {@code delta - priceCoin} = F d(priceCoin)/dF: the exposure in coin
 *     of an option whose value is counted in coin, as in a coin-margined account; the hedge ratio
 *     of such a book
 * @param gamma d(delta)/dF, per 1 USD of forward
 * @param vega USD per 1 volatility point (0.01)
 * @param theta USD per calendar day that passes (negative for a long option)
 * @param rho USD per 1 percentage point of interest rate with the index held fixed, as Deribit
 *     reports it although its rate is 0: K T N(d2) / 100 for calls, -K T N(-d2) / 100 for puts
 */
public record OptionValuation(
    double priceUsd,
    double priceCoin,
    double delta,
    double premiumAdjustedDelta,
    double gamma,
    double vega,
    double theta,
    double rho) {}
