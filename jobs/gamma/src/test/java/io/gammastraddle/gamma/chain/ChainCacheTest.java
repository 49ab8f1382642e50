package io.gammastraddle.gamma.chain;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.redis.RedisCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainCacheTest {

  @Test
  void writesTheStraddleToTheUnderlyingsChainHash() {
    AtmStraddle straddle =
        new AtmStraddle(
            "BTC",
            1_700_000_001_000L,
            1_700_208_000_000L,
            36_000,
            "BTC-17NOV23-36000-C",
            "BTC-17NOV23-36000-P",
            36_480.5,
            0.525,
            0.054,
            0.056,
            0.055,
            0.0625,
            1.25e-4,
            62.5,
            -95.25,
            729_600,
            Double.NaN,
            1_700_000_000_160L);

    List<RedisCommand> commands = new ChainCache().serialize(straddle);

    assertThat(commands).hasSize(1);
    RedisCommand.HashSet hash = (RedisCommand.HashSet) commands.get(0);
    assertThat(hash.key()).isEqualTo("gsb:chain:BTC");
    assertThat(hash.fields())
        .containsOnly(
            entry("expiry", "1700208000000"),
            entry("strike", "36000.0"),
            entry("call", "BTC-17NOV23-36000-C"),
            entry("put", "BTC-17NOV23-36000-P"),
            entry("forward", "36480.5"),
            entry("implied_vol", "0.525"),
            entry("bid", "0.054"),
            entry("ask", "0.056"),
            entry("mark", "0.055"),
            entry("premium_usd", Double.toString(0.055 * 36_480.5)),
            entry("delta", "0.0625"),
            entry("gamma", "1.25E-4"),
            entry("vega", "62.5"),
            entry("theta", "-95.25"),
            entry("near_depth_usd", "729600.0"),
            entry("impact_bps", "NaN"),
            entry("quote_ts", "1700000000160"),
            entry("ts", "1700000001000"));
  }
}
