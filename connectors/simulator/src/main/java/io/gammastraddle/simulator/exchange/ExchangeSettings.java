package io.gammastraddle.simulator.exchange;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the paper exchange is set up.
 *
 * @param initialBalances the balance every new account starts with, per currency ({@code BTC});
 *     other currencies start at 0
 * @param fees the fee schedule
 * @param limits the request rate limits the server enforces, reported in the account summary's
 *     {@code limits} (the exchange itself does not meter requests)
 */
public record ExchangeSettings(
    Map<String, Double> initialBalances, FeeSchedule fees, RateLimits limits) {

  /**
   * Requests per second and burst sizes, as Deribit's account summary reports them: matching engine
   * ({@code private/buy}, {@code sell}, {@code edit}, {@code cancel*}) and the rest.
   */
  public record RateLimits(
      int nonMatchingRate, int nonMatchingBurst, int matchingRate, int matchingBurst) {

    /** Deribit's defaults as the deribit connector documents them: 20/s burst 100, 5/s burst 20. */
    public static RateLimits deribitDefaults() {
      return new RateLimits(20, 100, 5, 20);
    }
  }

  public ExchangeSettings {
    initialBalances = Collections.unmodifiableMap(new LinkedHashMap<>(initialBalances));
    Objects.requireNonNull(fees, "fees");
    Objects.requireNonNull(limits, "limits");
  }

  /** 10 BTC and 100 ETH per account, Deribit's fees and default limits. */
  public static ExchangeSettings defaults() {
    Map<String, Double> balances = new LinkedHashMap<>();
    balances.put("BTC", 10.0);
    balances.put("ETH", 100.0);
    return new ExchangeSettings(balances, FeeSchedule.deribit(), RateLimits.deribitDefaults());
  }
}
