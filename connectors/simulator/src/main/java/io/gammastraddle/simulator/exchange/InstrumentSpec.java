package io.gammastraddle.simulator.exchange;

import io.gammastraddle.market.PriceGrid;
import java.util.Objects;

/**
 * The terms of one instrument, as {@code public/get_instruments} reports them. Amounts follow
 * Deribit: USD for perpetuals and futures (multiples of {@code contractSize}), coin for options.
 *
 * @param name Deribit instrument name ({@code BTC-PERPETUAL}, {@code BTC-5JAN24-60000-C})
 * @param currency base and settlement currency ({@code BTC})
 * @param kind perpetual, dated future or option
 * @param priceGrid the prices orders may have: USD for perpetuals and futures, coin for options
 * @param minTradeAmount smallest order amount
 * @param contractSize USD per contract for perpetuals and futures, coin per contract for options
 * @param expirationMillis expiry (08:00 UTC); {@link Long#MAX_VALUE} for perpetuals
 * @param strike option strike in USD; {@code NaN} for perpetuals and futures
 * @param optionType {@code call} or {@code put}; {@code null} for perpetuals and futures
 */
public record InstrumentSpec(
    String name,
    String currency,
    Kind kind,
    PriceGrid priceGrid,
    double minTradeAmount,
    double contractSize,
    long expirationMillis,
    double strike,
    String optionType) {

  /** Kinds of instrument the exchange trades. */
  public enum Kind {
    PERPETUAL,
    FUTURE,
    OPTION
  }

  public InstrumentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(priceGrid, "priceGrid");
    if (!(minTradeAmount > 0) || !(contractSize > 0)) {
      throw new IllegalArgumentException("minimum amount and contract size must be > 0");
    }
    if (kind == Kind.OPTION && !"call".equals(optionType) && !"put".equals(optionType)) {
      throw new IllegalArgumentException("an option is a call or a put: " + optionType);
    }
  }

  public boolean isOption() {
    return kind == Kind.OPTION;
  }

  public boolean isCall() {
    return "call".equals(optionType);
  }

  /** Deribit's {@code kind}: {@code future} for perpetuals and futures, {@code option}. */
  public String deribitKind() {
    return isOption() ? "option" : "future";
  }

  /**
   * Amounts must be multiples of this: the contract size for perpetuals and futures, the minimum
   * trade amount for options (their contract is 1 coin but they trade in tenths of BTC, whole ETH).
   */
  public double amountStep() {
    return isOption() ? minTradeAmount : contractSize;
  }

  /** An option's value at expiry in coin per contract: max(0, S - K) / S for calls etc. */
  double payoffAt(double deliveryPrice) {
    double intrinsic = isCall() ? deliveryPrice - strike : strike - deliveryPrice;
    return Math.max(0, intrinsic) / deliveryPrice;
  }
}
