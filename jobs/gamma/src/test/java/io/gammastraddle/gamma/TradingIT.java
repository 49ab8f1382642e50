package io.gammastraddle.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.strategy.TradingCache;
import io.gammastraddle.orders.Leg;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;

/**
 * The trading loop in paper mode on real parts ({@link PaperVenue}) with the job on Flink's
 * MiniCluster and the execution sink: straddles are entered, hedged and exited; every label is
 * placed once; positions, Greeks and P&L reach Redis.
 */
class TradingIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static PaperVenue venue;

  @BeforeAll
  static void startVenue() throws Exception {
    venue = PaperVenue.start(21);
  }

  @AfterAll
  static void stopVenue() throws Exception {
    if (venue != null) {
      venue.close();
    }
  }

  @Test
  void entersHedgesAndExitsStraddlesPlacingEachLabelOnce() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(2_000);
    GammaConfig config = venue.config;
    new GammaJob(config, KafkaEndpoints.create(config), KafkaEndpoints.trading(config)).build(env);
    JobClient job = env.executeAsync(GammaJob.NAME);
    try (JedisPooled redis =
        new JedisPooled(venue.services.redisHost(), venue.services.redisPort())) {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () ->
                  assertThat(PaperVenue.filledLegs(venue.history("BTC")))
                      .contains(Leg.CALL, Leg.PUT, Leg.HEDGE, Leg.EXIT_CALL, Leg.EXIT_PUT));
      assertThat(venue.labels("BTC")).as("no label placed twice").doesNotHaveDuplicates();

      Map<String, String> positions = redis.hgetAll(TradingCache.POSITIONS + "BTC");
      assertThat(positions).containsKeys("open_straddles", "mode", "ts");
      assertThat(positions.get("mode")).isEqualTo("ACTIVE");
      assertThat(redis.hgetAll(TradingCache.GREEKS)).containsKeys("BTC.delta", "BTC.var");
      assertThat(redis.hgetAll(TradingCache.PNL)).containsKeys("BTC.equity_usd");
    } finally {
      job.cancel().get();
    }
  }
}
