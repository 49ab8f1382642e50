package io.gammastraddle.gamma.strategy;

import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.hedging.HedgePolicy;
import io.gammastraddle.orders.LeggingPolicy;
import io.gammastraddle.orders.LimitPricer;
import io.gammastraddle.orders.OrderPolicy;
import io.gammastraddle.orders.OrderTactics;
import io.gammastraddle.orders.PriceReference;
import io.gammastraddle.orders.Splitter;
import io.gammastraddle.risk.RiskLimits;
import io.gammastraddle.strategy.EntryRules;
import io.gammastraddle.strategy.EntrySignal;
import io.gammastraddle.strategy.StraddleExit;
import io.gammastraddle.strategy.VolatilityForecast;
import java.time.Duration;

/**
 * The strategy's decision makers, configured: what {@link Trader} asks. Built from the job's {@link
 * GammaConfig.Trading} settings.
 *
 * @param legging buying straddles: post-only at the best bid, re-priced on timeout (or taking the
 *     ask, {@code orders.entry-policy ioc}), the odd leg unwound by taking the book
 * @param exitTactics selling held legs: take the bid within the slippage cap
 * @param hedgeTactics the perpetual hedge: take the book within the slippage cap
 */
public record TradingRules(
    EntrySignal signal,
    StraddleExit exit,
    LeggingPolicy legging,
    OrderTactics exitTactics,
    OrderTactics hedgeTactics,
    HedgePolicy hedging,
    RiskLimits limits,
    Duration statusInterval) {

  /** How long a book or quote may be old and still price an order. */
  private static final Duration MAX_BOOK_AGE = Duration.ofSeconds(5);

  /** How many times an order is re-priced before the engine gives it up. */
  private static final int MAX_REPRICES = 5;

  /** A child takes at most this share of the visible depth at the best level. */
  private static final double DEPTH_SHARE = 0.5;

  private static final int MAX_CHILDREN = 4;

  public static TradingRules of(GammaConfig.Trading trading, GammaConfig config) {
    EntryRules entry =
        new EntryRules(
            trading.minEdge(),
            trading.minLiquidity(),
            trading.maxSpread(),
            trading.limits().maxDataAge(),
            trading.limits().maxOpenStraddles());
    Splitter splitter = new Splitter(DEPTH_SHARE, MAX_CHILDREN);
    OrderTactics passive =
        tactics(OrderPolicy.POST_ONLY, trading.maxSlippage(), splitter, trading.orderTimeout());
    OrderTactics taking =
        tactics(OrderPolicy.IOC, trading.maxSlippage(), splitter, trading.orderTimeout());
    return new TradingRules(
        new EntrySignal(entry, new VolatilityForecast(trading.recentVolWeight())),
        new StraddleExit(trading.exitBeforeExpiry()),
        new LeggingPolicy(
            trading.postOnlyEntries() ? passive : taking,
            taking,
            trading.orderTimeout().multipliedBy(MAX_REPRICES + 1)),
        taking,
        taking,
        new HedgePolicy(
            trading.hedgeBand(),
            trading.hedgeInterval(),
            trading.hedgeBand() / 10,
            trading.orderTimeout().multipliedBy(2)),
        trading.limits(),
        config.decisionInterval());
  }

  private static OrderTactics tactics(
      OrderPolicy policy, double maxSlippage, Splitter splitter, Duration timeout) {
    return new OrderTactics(
        new LimitPricer(policy, PriceReference.MID, maxSlippage, MAX_BOOK_AGE),
        splitter,
        timeout,
        MAX_REPRICES);
  }
}
