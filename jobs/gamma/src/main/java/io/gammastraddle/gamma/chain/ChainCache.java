package io.gammastraddle.gamma.chain;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.redis.RedisCommand;
import io.gammastraddle.redis.RedisSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the latest at-the-money straddle of each underlying to the hash {@code
 * gsb:chain:{underlying}}, for dashboards and other services: legs, forward, implied volatility,
 * quotes in coin, Greeks per straddle in Deribit's units, liquidity, and {@code ts} (event time,
 * ms). Writing the same straddle twice leaves the same hash, so replays are harmless.
 */
public class ChainCache implements RedisSerializer<AtmStraddle> {

  public static final String KEY_PREFIX = "gsb:chain:";

  @Override
  public List<RedisCommand> serialize(AtmStraddle straddle) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("expiry", Long.toString(straddle.expiryMillis()));
    fields.put("strike", Double.toString(straddle.strike()));
    fields.put("call", straddle.call());
    fields.put("put", straddle.put());
    fields.put("forward", Double.toString(straddle.forward()));
    fields.put("implied_vol", Double.toString(straddle.impliedVol()));
    fields.put("bid", Double.toString(straddle.bid()));
    fields.put("ask", Double.toString(straddle.ask()));
    fields.put("mark", Double.toString(straddle.mark()));
    fields.put("premium_usd", Double.toString(straddle.premiumUsd()));
    fields.put("delta", Double.toString(straddle.delta()));
    fields.put("gamma", Double.toString(straddle.gamma()));
    fields.put("vega", Double.toString(straddle.vega()));
    fields.put("theta", Double.toString(straddle.theta()));
    fields.put("near_depth_usd", Double.toString(straddle.nearDepthUsd()));
    fields.put("impact_bps", Double.toString(straddle.impactBps()));
    fields.put("quote_ts", Long.toString(straddle.quoteTimestamp()));
    fields.put("ts", Long.toString(straddle.timestamp()));
    return List.of(new RedisCommand.HashSet(KEY_PREFIX + straddle.underlying(), fields));
  }
}
