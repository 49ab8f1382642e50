package io.gammastraddle.gamma;

import io.gammastraddle.gamma.strategy.StrategyInput;
import io.gammastraddle.gamma.strategy.TradingStatus;
import io.gammastraddle.orders.OrderIntent;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;

/**
 * Where the trading part of the job reads and writes; a job built without them stops at
 * predictions.
 *
 * @param account the account's orders, trades and portfolio from {@code deribit.user.raw}, decoded
 *     (undecodable records carry a dead letter)
 * @param control operators' commands from {@code gsb.control}, decoded (undecodable records carry a
 *     dead letter)
 * @param execution the venue: the execution sink (paper, testnet or live)
 * @param ordersToKafka the audit log {@code gsb.orders}
 * @param statusToCache positions, Greeks and P&L for the Redis live cache
 */
public record TradingEndpoints(
    Source<StrategyInput, ?, ?> account,
    Source<StrategyInput, ?, ?> control,
    Sink<OrderIntent> execution,
    Sink<OrderIntent> ordersToKafka,
    Sink<TradingStatus> statusToCache) {}
