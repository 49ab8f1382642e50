package io.gammastraddle.gamma.strategy;

import io.gammastraddle.redis.RedisCommand;
import io.gammastraddle.redis.RedisSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the trading status to Redis (DESIGN section 5): {@code gsb:positions:{underlying}} (one
 * field per instrument held with its size, plus {@code open_straddles}, {@code entering}, {@code
 * mode} and {@code ts}), and, prefixed by the underlying since each currency is its own Deribit
 * account, the fields {@code {underlying}.delta}, {@code .gamma}, {@code .vega}, {@code .theta},
 * {@code .var} of {@code gsb:greeks:portfolio} and {@code {underlying}.realized_usd}, {@code
 * .unrealized_usd}, {@code .fees_usd}, {@code .equity_usd}, {@code .drawdown} of {@code gsb:pnl}.
 * The positions hash is replaced whole, so a closed position disappears from it.
 */
public class TradingCache implements RedisSerializer<TradingStatus> {

  public static final String POSITIONS = "gsb:positions:";
  public static final String GREEKS = "gsb:greeks:portfolio";
  public static final String PNL = "gsb:pnl";

  @Override
  public List<RedisCommand> serialize(TradingStatus status) {
    Map<String, String> positions = new LinkedHashMap<>();
    for (int i = 0; i < status.instruments().length; i++) {
      positions.put(status.instruments()[i], Double.toString(status.sizes()[i]));
    }
    positions.put("open_straddles", Integer.toString(status.openStraddles()));
    positions.put("entering", Boolean.toString(status.entering()));
    positions.put("mode", status.mode());
    positions.put("ts", Long.toString(status.timestamp()));
    String prefix = status.underlying() + ".";
    Map<String, String> greeks = new LinkedHashMap<>();
    greeks.put(prefix + "delta", Double.toString(status.delta()));
    greeks.put(prefix + "gamma", Double.toString(status.gamma()));
    greeks.put(prefix + "vega", Double.toString(status.vega()));
    greeks.put(prefix + "theta", Double.toString(status.theta()));
    greeks.put(prefix + "var", Double.toString(status.valueAtRiskUsd()));
    Map<String, String> pnl = new LinkedHashMap<>();
    pnl.put(prefix + "realized_usd", Double.toString(status.realizedUsd()));
    pnl.put(prefix + "unrealized_usd", Double.toString(status.unrealizedUsd()));
    pnl.put(prefix + "fees_usd", Double.toString(status.feesUsd()));
    pnl.put(prefix + "equity_usd", Double.toString(status.equityUsd()));
    pnl.put(prefix + "drawdown", Double.toString(status.drawdown()));
    return List.of(
        new RedisCommand.HashReplace(POSITIONS + status.underlying(), positions),
        new RedisCommand.HashSet(GREEKS, greeks),
        new RedisCommand.HashSet(PNL, pnl));
  }
}
