package io.gammastraddle.simulator;

/**
 * Black-76 value and Greeks of one option in Deribit's ticker convention (r = 0): delta N(d1) for
 * calls and N(d1) - 1 for puts, gamma per 1 USD, vega in USD per vol point, theta in USD per
 * calendar day, rho per 1%. Divide {@link #priceUsd} by the forward for Deribit's coin price.
 */
record OptionValue(
    double priceUsd, double delta, double gamma, double vega, double theta, double rho) {

  private static final double DAYS_PER_YEAR = 365;
  private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  static OptionValue black76(
      double forward, double strike, double years, double volatility, boolean call) {
    double sqrtYears = Math.sqrt(years);
    double stdDev = volatility * sqrtYears;
    double d1 = (Math.log(forward / strike) + 0.5 * stdDev * stdDev) / stdDev;
    double d2 = d1 - stdDev;
    double nd1 = normalCdf(d1);
    double nd2 = normalCdf(d2);
    double density = INV_SQRT_2PI * Math.exp(-0.5 * d1 * d1);
    double price = call ? forward * nd1 - strike * nd2 : strike * (1 - nd2) - forward * (1 - nd1);
    return new OptionValue(
        Math.max(price, 0),
        call ? nd1 : nd1 - 1,
        density / (forward * stdDev),
        forward * density * sqrtYears / 100,
        -forward * density * volatility / (2 * sqrtYears) / DAYS_PER_YEAR,
        (call ? strike * years * nd2 : -strike * years * (1 - nd2)) / 100);
  }

  /** Standard normal CDF, Abramowitz and Stegun 26.2.17 (absolute error below 7.5e-8). */
  static double normalCdf(double x) {
    double t = 1 / (1 + 0.2316419 * Math.abs(x));
    double poly =
        t
            * (0.319381530
                + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    double tail = INV_SQRT_2PI * Math.exp(-0.5 * x * x) * poly;
    return x >= 0 ? 1 - tail : tail;
  }
}
