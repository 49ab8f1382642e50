package io.gammastraddle.risk;

import java.util.Arrays;

/**
 * One-day value at risk at 99% of an {@link Exposure}, in USD, measured two ways; a loss is
 * positive, and a negative VaR means even the 1% tail is a gain.
 *
 * <p>Both value the portfolio with its delta-gamma-vega-theta approximation over one day:
 *
 * <pre>
 *   dP = theta + delta * dS + 0.5 * gamma * dS^2 + vega * dVol
 * </pre>
 *
 * with {@code dS} the underlying's move in USD and {@code dVol} the implied vol's change in vol
 * points. Theta (USD per calendar day) is the day's certain carry: without it a long straddle book
 * would count the mean of its gamma P&L as a gain and ignore the decay that pays for it.
 *
 * <p><b>Historical</b> ({@link #historical}): each scenario {@code (r, dv)} of a {@link
 * ScenarioWindow} gives {@code dP} with {@code dS = S * r}, {@code dVol = dv}; with the {@code n}
 * results sorted ascending {@code p[0] <= ... <= p[n-1]}, the 1% quantile interpolates linearly
 * between order statistics at {@code h = (n - 1) * 0.01} (Hyndman and Fan's type 7, R's default
 * {@code quantile} and Excel's PERCENTILE.INC): {@code q = p[floor(h)] + (h - floor(h)) *
 * (p[floor(h) + 1] - p[floor(h)])}, and VaR = {@code -q}.
 *
 * <p><b>Parametric</b> ({@link #parametric}): the underlying's move {@code dS = S * sigma * Z} and
 * the vol change {@code dVol = nu * W}, with {@code Z}, {@code W} independent standard normals,
 * {@code sigma} the daily vol and {@code nu} the daily vol of vol in points. With {@code s = S *
 * sigma}, {@code dP} has
 *
 * <pre>
 *   mean     m  = theta + 0.5 * gamma * s^2
 *   variance v  = delta^2 * s^2 + 0.5 * gamma^2 * s^4 + vega^2 * nu^2
 * </pre>
 *
 * (E[Z^2] = 1, Var[Z^2] = 2, Cov[Z, Z^2] = 0), and VaR = {@code z99 * sqrt(v) - m} with {@code z99
 * = 2.3263478740408408}, the normal's 99% quantile: a normal matched to the P&L's mean and
 * variance. Why not Cornish-Fisher: this book is long gamma by construction (long straddles, a
 * linear perpetual hedge), so its P&L is skewed to the right with a bounded left tail. The normal
 * puts a fatter left tail on it and overstates the loss (about 1.8 times a Monte-Carlo's for a
 * hedged straddle book, ValueAtRiskTest), which only makes the limit stricter. Cornish-Fisher's
 * expansion is unreliable at this skewness (2 to 3): tried on hedged straddle books against a
 * Monte-Carlo, it understated the loss by a third or more, and a risk limit must not err that way.
 * Where delta and vega dominate, the normal agrees with the Monte-Carlo within about 2%. Spot and
 * vol moves are taken as independent here; the historical scenarios carry their real joint moves.
 *
 * @param historicalUsd the historical VaR; NaN while the window holds fewer than {@link
 *     #MIN_HISTORICAL_SCENARIOS} scenarios
 * @param parametricUsd the parametric VaR
 */
public record ValueAtRisk(double historicalUsd, double parametricUsd) {

  /** The tail: VaR is the loss exceeded with this probability over one day. */
  public static final double TAIL_PROBABILITY = 0.01;

  /**
   * Below this many scenarios the 1% quantile would fall before the second-worst scenario, where a
   * single day decides it; until then only the parametric VaR counts.
   */
  public static final int MIN_HISTORICAL_SCENARIOS = 100;

  /** The standard normal's 99% quantile, R's {@code qnorm(0.99)}. */
  static final double Z_99 = 2.3263478740408408;

  /** Both measures of {@code exposure} on {@code market} and the scenarios of {@code window}. */
  public static ValueAtRisk of(Exposure exposure, MarketSnapshot market, ScenarioWindow window) {
    double price = market.underlyingPrice();
    return new ValueAtRisk(
        window.getSize() >= MIN_HISTORICAL_SCENARIOS
            ? historical(exposure, price, window)
            : Double.NaN,
        parametric(exposure, price, market.dailyVol(), market.volOfVolPoints()));
  }

  /** The larger of the two, or the parametric alone while the historical one is NaN. */
  public double usd() {
    return Double.isNaN(historicalUsd) ? parametricUsd : Math.max(historicalUsd, parametricUsd);
  }

  /**
   * The one-day P&L in USD of {@code exposure} when the underlying at {@code price} moves by {@code
   * relativeMove} and its implied vol by {@code volChangePoints}.
   */
  public static double pnl(
      Exposure exposure, double price, double relativeMove, double volChangePoints) {
    double move = price * relativeMove;
    return exposure.theta()
        + exposure.delta() * move
        + 0.5 * exposure.gamma() * move * move
        + exposure.vega() * volChangePoints;
  }

  /** The historical VaR over every scenario of a non-empty {@code window}. */
  public static double historical(Exposure exposure, double price, ScenarioWindow window) {
    requirePrice(price);
    int n = window.getSize();
    if (n == 0) {
      throw new IllegalArgumentException("the scenario window is empty");
    }
    double[] pnls = new double[n];
    for (int i = 0; i < n; i++) {
      pnls[i] = pnl(exposure, price, window.move(i), window.volChange(i));
    }
    Arrays.sort(pnls);
    double h = (n - 1) * TAIL_PROBABILITY;
    int below = (int) h;
    double quantile =
        below + 1 < n ? pnls[below] + (h - below) * (pnls[below + 1] - pnls[below]) : pnls[below];
    return -quantile;
  }

  /**
   * The parametric VaR for a daily vol {@code dailyVol} of the underlying's relative move and a
   * daily standard deviation {@code volOfVolPoints} of the implied vol's change, in vol points.
   */
  public static double parametric(
      Exposure exposure, double price, double dailyVol, double volOfVolPoints) {
    requirePrice(price);
    if (!(dailyVol >= 0 && volOfVolPoints >= 0)) {
      throw new IllegalArgumentException(
          "dailyVol and volOfVolPoints must be >= 0, were %s and %s"
              .formatted(dailyVol, volOfVolPoints));
    }
    double s = price * dailyVol;
    double s2 = s * s;
    double gammaS2 = exposure.gamma() * s2;
    double vegaNu = exposure.vega() * volOfVolPoints;
    double mean = exposure.theta() + 0.5 * gammaS2;
    double variance =
        exposure.delta() * exposure.delta() * s2 + 0.5 * gammaS2 * gammaS2 + vegaNu * vegaNu;
    return Z_99 * Math.sqrt(variance) - mean;
  }

  private static void requirePrice(double price) {
    if (!(price > 0 && Double.isFinite(price))) {
      throw new IllegalArgumentException("price must be positive, was " + price);
    }
  }
}
