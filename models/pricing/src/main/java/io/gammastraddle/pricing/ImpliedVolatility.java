package io.gammastraddle.pricing;

import java.util.Objects;

/**
 * What {@link ImpliedVolatilitySolver} found: a volatility, or why there is none.
 *
 * @param status {@link Status#SOLVED} or the reason no volatility reproduces the price
 * @param volatility annualized volatility as a fraction when solved ({@code NaN} otherwise)
 * @param iterations Newton or bisection steps taken (0 when decided without iterating)
 */
public record ImpliedVolatility(Status status, double volatility, int iterations) {

  /** The outcome of one solve. */
  public enum Status {
    SOLVED,
    /** Forward or strike not positive and finite, a NaN price, a NaN or infinite time. */
    INVALID_INPUT,
    /** No time left ({@code years <= 0}): every volatility gives the intrinsic value. */
    EXPIRED,
    /** The price is below the intrinsic value max(F - K, 0) or max(K - F, 0). */
    PRICE_BELOW_INTRINSIC,
    /** The price reaches the value at infinite volatility: F for a call, K for a put. */
    PRICE_AT_OR_ABOVE_UPPER_BOUND,
    /** The iteration limit was reached before the tolerance. */
    NO_CONVERGENCE
  }

  public ImpliedVolatility {
    Objects.requireNonNull(status, "status");
    if ((status == Status.SOLVED) != (volatility >= 0 && volatility < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "a solved volatility is finite and >= 0, an unsolved one NaN: " + volatility);
    }
  }

  static ImpliedVolatility solved(double volatility, int iterations) {
    return new ImpliedVolatility(Status.SOLVED, volatility, iterations);
  }

  static ImpliedVolatility failed(Status status, int iterations) {
    return new ImpliedVolatility(status, Double.NaN, iterations);
  }

  public boolean isSolved() {
    return status == Status.SOLVED;
  }
}
