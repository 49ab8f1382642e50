package io.gammastraddle.simulator.exchange;

import io.gammastraddle.deribit.websocket.RequestRateLimiter;
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
 * @param limits the credit budgets the server meters each connection by (the client library's own
 *     {@link RequestRateLimiter.Limits}), reported in the account summary's {@code limits}
 */
public record ExchangeSettings(
    Map<String, Double> initialBalances, FeeSchedule fees, RequestRateLimiter.Limits limits) {

  public ExchangeSettings {
    initialBalances = Collections.unmodifiableMap(new LinkedHashMap<>(initialBalances));
    Objects.requireNonNull(fees, "fees");
    Objects.requireNonNull(limits, "limits");
  }

  public ExchangeSettings withLimits(RequestRateLimiter.Limits newLimits) {
    return new ExchangeSettings(initialBalances, fees, newLimits);
  }

  /** 10 BTC and 100 ETH per account, Deribit's fees and default limits. */
  public static ExchangeSettings defaults() {
    Map<String, Double> balances = new LinkedHashMap<>();
    balances.put("BTC", 10.0);
    balances.put("ETH", 100.0);
    return new ExchangeSettings(
        balances, FeeSchedule.deribit(), RequestRateLimiter.Limits.deribitDefaults());
  }
}
