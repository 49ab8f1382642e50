package io.gammastraddle.simulator;

/**
 * How an underlying's index moves: a stochastic-volatility jump diffusion whose variance follows a
 * mean-reverting Ornstein-Uhlenbeck process in log space, correlated with the price shocks, plus
 * Merton jumps with normal log sizes. The drift is compensated so that the index is a martingale.
 *
 * <p>In continuous time, with {@code v = exp(h)} the instantaneous variance:
 *
 * <pre>
 *   dS/S = -lambda * k dt + sqrt(v) dW1 + (e^J - 1) dN,   k = E[e^J - 1] = exp(mu + delta^2/2) - 1
 *   dh   = kappa * (m - h) dt + xi dW2,                    corr(dW1, dW2) = rho
 * </pre>
 *
 * <p>Why log variance and not Heston's square-root process: the Ornstein-Uhlenbeck step is exact
 * for any step size (Heston's needs a full-truncation Euler scheme that biases the variance for
 * coarse steps), variance stays positive without any Feller condition, and the logarithm of
 * realized variance is close to normal in real markets (Andersen, Bollerslev, Diebold and Labys,
 * "The distribution of realized exchange rate volatility", 2001). Its long-run mean is known in
 * closed form, so {@code m} is set to make the mean variance exactly {@code diffusionVolatility^2}.
 *
 * <p>Discretization, over each step of {@code dt}: the log variance takes its exact
 * Ornstein-Uhlenbeck transition; the price uses the variance at the start of the step, held for the
 * step, with the exact log-normal transition given that variance; the number of jumps in the step
 * is drawn from Poisson({@code lambda * dt}) and their total log size from the normal distribution.
 * Given the variance, {@code E[S(t + dt) | S(t)] = S(t)} holds exactly.
 *
 * <p>{@link #gbm(double)} (no vol of vol, no jumps) is a plain geometric Brownian motion.
 *
 * @param diffusionVolatility square root of the long-run mean of the diffusion's variance,
 *     annualized (0.58 = 58%); the index starts with exactly this instantaneous volatility
 * @param volOfVol {@code xi}: volatility of the log variance, per square root of a year; 0 keeps
 *     the variance constant
 * @param varianceHalfLifeDays time for a deviation of the log variance from its mean to halve, in
 *     days ({@code kappa = ln 2 / half-life})
 * @param correlation {@code rho}: correlation between the price's and the log variance's Brownian
 *     shocks; negative gives the leverage effect (volatility rises as the price falls)
 * @param jumpsPerYear {@code lambda}: mean number of jumps per year of the Poisson process
 * @param jumpMean {@code mu}: mean of the logarithm of a jump's price ratio
 * @param jumpStdev {@code delta}: standard deviation of the logarithm of a jump's price ratio
 */
public record IndexDynamics(
    double diffusionVolatility,
    double volOfVol,
    double varianceHalfLifeDays,
    double correlation,
    double jumpsPerYear,
    double jumpMean,
    double jumpStdev) {

  private static final double DAYS_PER_YEAR = 365;

  public IndexDynamics {
    requireFinite("diffusionVolatility", diffusionVolatility, diffusionVolatility > 0);
    requireFinite("volOfVol", volOfVol, volOfVol >= 0);
    requireFinite("varianceHalfLifeDays", varianceHalfLifeDays, varianceHalfLifeDays > 0);
    requireFinite("correlation", correlation, Math.abs(correlation) <= 1);
    requireFinite("jumpsPerYear", jumpsPerYear, jumpsPerYear >= 0);
    requireFinite("jumpMean", jumpMean, true);
    requireFinite("jumpStdev", jumpStdev, jumpStdev >= 0);
  }

  /**
   * BTC, 59.7% long-run volatility: diffusion 58%, log variance with vol of vol 5 and a 7-day
   * half-life (its stationary standard deviation is 0.59, so the diffusion's volatility spends
   * about two thirds of the time between 40% and 71%), leverage correlation -0.3, and a jump a
   * month on average with log size of mean -1% and standard deviation 4% (6% of the variance).
   */
  public static IndexDynamics btc() {
    return new IndexDynamics(0.58, 5.0, 7, -0.3, 12, -0.01, 0.04);
  }

  /**
   * ETH, 75.1% long-run volatility: diffusion 73%, the variance dynamics of {@link #btc()}, and a
   * jump a month on average with log size of mean -1.2% and standard deviation 5%.
   */
  public static IndexDynamics eth() {
    return new IndexDynamics(0.73, 5.0, 7, -0.3, 12, -0.012, 0.05);
  }

  /** A geometric Brownian motion with constant {@code volatility}: no vol of vol, no jumps. */
  public static IndexDynamics gbm(double volatility) {
    return new IndexDynamics(volatility, 0, 1, 0, 0, 0, 0);
  }

  /**
   * Long-run annualized volatility of the index's log returns, diffusion and jumps together: {@code
   * sqrt(diffusionVolatility^2 + jumpsPerYear * (jumpMean^2 + jumpStdev^2))}. This is what realized
   * volatility converges to over a long run.
   */
  public double longRunVolatility() {
    return Math.sqrt(
        diffusionVolatility * diffusionVolatility
            + jumpsPerYear * (jumpMean * jumpMean + jumpStdev * jumpStdev));
  }

  /** {@code kappa}: mean-reversion speed of the log variance, per year. */
  double meanReversionPerYear() {
    return Math.log(2) / (varianceHalfLifeDays / DAYS_PER_YEAR);
  }

  /** Standard deviation of the log variance around its mean in the long run. */
  double stationaryLogVarianceStdev() {
    return volOfVol / Math.sqrt(2 * meanReversionPerYear());
  }

  /**
   * {@code m}: the mean of the log variance, below {@code ln(diffusionVolatility^2)} by half its
   * stationary variance, so that the mean of the variance itself is {@code diffusionVolatility^2}.
   */
  double meanLogVariance() {
    double stdev = stationaryLogVarianceStdev();
    return Math.log(diffusionVolatility * diffusionVolatility) - 0.5 * stdev * stdev;
  }

  /** {@code k = E[e^J - 1]}: the mean relative price change of one jump. */
  double meanJumpReturn() {
    return Math.exp(jumpMean + 0.5 * jumpStdev * jumpStdev) - 1;
  }

  private static void requireFinite(String name, double value, boolean valid) {
    if (!valid || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " is out of range: " + value);
    }
  }
}
