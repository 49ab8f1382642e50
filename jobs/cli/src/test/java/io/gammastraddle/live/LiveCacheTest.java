package io.gammastraddle.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.gamma.strategy.TradingCache;
import io.gammastraddle.gamma.strategy.TradingStatus;
import io.gammastraddle.redis.RedisCommand;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the live cache's hashes are split and ordered for the page. */
class LiveCacheTest {

  @Test
  void takesEachUnderlyingsOwnFieldsOfThePortfolioHashesAsTheStrategyWritesThem() {
    Map<String, String> greeks = new HashMap<>();
    Map<String, String> pnl = new HashMap<>();
    for (TradingStatus status : List.of(status("BTC", 0.0123, 1234.5), status("ETH", -2, -7))) {
      List<RedisCommand> commands = new TradingCache().serialize(status);
      greeks.putAll(hash(commands, TradingCache.GREEKS));
      pnl.putAll(hash(commands, TradingCache.PNL));
    }

    Map<String, String> btcGreeks = LiveCache.fieldsOf("BTC", greeks);
    Map<String, String> ethPnl = LiveCache.fieldsOf("ETH", pnl);

    assertThat(btcGreeks)
        .containsOnlyKeys("delta", "gamma", "vega", "theta", "var")
        .containsEntry("delta", "0.0123");
    assertThat(ethPnl)
        .containsOnlyKeys("realized_usd", "unrealized_usd", "fees_usd", "equity_usd", "drawdown")
        .containsEntry("realized_usd", "-7.0");
    assertThat(LiveCache.fieldsOf("SOL", greeks)).isEmpty();
  }

  @Test
  void ordersTheFeatureSchemaFirstThenTheOtherFieldsByName() {
    Map<String, String> hash = new HashMap<>();
    hash.put("ts", "1");
    hash.put("schema_version", "2");
    for (String name : FeatureSchema.NAMES) {
      hash.put(name, "0.5");
    }

    List<String> order = List.copyOf(LiveCache.ordered(hash, FeatureSchema.NAMES).keySet());

    assertThat(order.subList(0, FeatureSchema.NAMES.size())).isEqualTo(FeatureSchema.NAMES);
    assertThat(order.subList(FeatureSchema.NAMES.size(), order.size()))
        .containsExactly("schema_version", "ts");
  }

  private static TradingStatus status(String underlying, double delta, double realizedUsd) {
    return new TradingStatus(
        underlying,
        1_000L,
        new String[0],
        new double[0],
        0,
        false,
        delta,
        0.001,
        10,
        -5,
        100,
        realizedUsd,
        0,
        1,
        10_000,
        0,
        "ACTIVE");
  }

  private static Map<String, String> hash(List<RedisCommand> commands, String key) {
    return commands.stream()
        .filter(command -> command.key().equals(key))
        .map(command -> ((RedisCommand.HashSet) command).fields())
        .findFirst()
        .orElseThrow();
  }
}
