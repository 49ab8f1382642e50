package io.gammastraddle.gamma;

import io.gammastraddle.gamma.backtest.SimulatedVenue;
import io.gammastraddle.gamma.backtest.VenueFill;
import io.gammastraddle.gamma.strategy.StrategyInput;
import io.gammastraddle.gamma.strategy.TradingStatus;
import io.gammastraddle.orders.OrderIntent;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;

/**
 * Where the trading part of the job reads and writes; a job built without them stops at
 * predictions. A live job trades on an exchange through the execution sink and learns its account
 * from {@code deribit.user.raw}; a backtest trades on a {@link SimulatedVenue} inside the strategy
 * and has neither.
 *
 * @param account the account's orders, trades and portfolio from {@code deribit.user.raw}, decoded
 *     (undecodable records carry a dead letter); null in a backtest
 * @param control operators' commands from {@code gsb.control}, decoded (undecodable records carry a
 *     dead letter); null in a backtest
 * @param dashboardControl the same commands from the Redis stream {@code gsb:control}, where a
 *     dashboard adds them; null in a backtest
 * @param execution the venue: the execution sink (paper, testnet or live); null in a backtest
 * @param ordersToKafka the audit log {@code gsb.orders}
 * @param statusToCache positions, Greeks and P&L for the Redis live cache
 * @param simulatedVenue a backtest's venue; null in a live job
 * @param venueFills the simulated venue's fills; null in a live job
 */
public record TradingEndpoints(
    Source<StrategyInput, ?, ?> account,
    Source<StrategyInput, ?, ?> control,
    Source<StrategyInput, ?, ?> dashboardControl,
    Sink<OrderIntent> execution,
    Sink<OrderIntent> ordersToKafka,
    Sink<TradingStatus> statusToCache,
    SimulatedVenue.Settings simulatedVenue,
    Sink<VenueFill> venueFills) {

  /** A live job's trading endpoints. */
  public TradingEndpoints(
      Source<StrategyInput, ?, ?> account,
      Source<StrategyInput, ?, ?> control,
      Source<StrategyInput, ?, ?> dashboardControl,
      Sink<OrderIntent> execution,
      Sink<OrderIntent> ordersToKafka,
      Sink<TradingStatus> statusToCache) {
    this(account, control, dashboardControl, execution, ordersToKafka, statusToCache, null, null);
  }

  /** A backtest's trading endpoints: the strategy trades on {@code venue}. */
  public static TradingEndpoints simulated(
      SimulatedVenue.Settings venue,
      Sink<OrderIntent> orders,
      Sink<TradingStatus> status,
      Sink<VenueFill> fills) {
    return new TradingEndpoints(null, null, null, null, orders, status, venue, fills);
  }

  /** Whether the strategy trades on a simulated venue (a backtest). */
  public boolean simulated() {
    return simulatedVenue != null;
  }
}
