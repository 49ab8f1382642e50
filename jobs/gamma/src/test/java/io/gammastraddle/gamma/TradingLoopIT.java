package io.gammastraddle.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gammastraddle.execution.ExecutionSink;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.decode.ControlStreamDeserializer;
import io.gammastraddle.gamma.strategy.ControlCommand;
import io.gammastraddle.gamma.strategy.ControlJson;
import io.gammastraddle.gamma.strategy.TradingCache;
import io.gammastraddle.orders.Leg;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

/**
 * The trading loop in paper mode on real parts ({@link PaperVenue}: Kafka, Redis, the simulator
 * over a real WebSocket, the bridge) with the job on Flink's MiniCluster and the execution sink.
 * Each test has a venue, and so an account, of its own.
 */
class TradingLoopIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** Orders sent before the injected fault: an entry, its hedge and exit are on their way. */
  private static final int FAIL_AFTER = 8;

  @Test
  void straddlesAreEnteredHedgedAndExitedEachLabelPlacedOnce() throws Exception {
    try (PaperVenue venue = PaperVenue.start(21)) {
      StreamExecutionEnvironment env = environment(2_000);
      GammaConfig config = venue.config;
      new GammaJob(config, KafkaEndpoints.create(config), KafkaEndpoints.trading(config))
          .build(env);
      JobClient job = env.executeAsync(GammaJob.NAME);
      try (JedisPooled redis = redis(venue)) {
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(2))
            .untilAsserted(
                () ->
                    assertThat(PaperVenue.filledLegs(venue.history("BTC")))
                        .as(() -> "alerts: " + PaperVenue.recentAlerts(redis))
                        .contains(Leg.CALL, Leg.PUT, Leg.HEDGE, Leg.EXIT_CALL, Leg.EXIT_PUT));
        assertThat(venue.labels("BTC")).as("no label placed twice").doesNotHaveDuplicates();

        Map<String, String> positions = redis.hgetAll(TradingCache.POSITIONS + "BTC");
        assertThat(positions).containsKeys("open_straddles", "mode", "ts");
        assertThat(positions.get("mode")).isEqualTo("ACTIVE");
        assertThat(redis.hgetAll(TradingCache.GREEKS)).containsKeys("BTC.delta", "BTC.var");
        assertThat(redis.hgetAll(TradingCache.PNL)).containsKeys("BTC.equity_usd");

        // A dashboard's command through the Redis stream reaches the strategy, which answers it.
        String why = "dashboard check " + System.nanoTime();
        redis.xadd(
            ControlStreamDeserializer.STREAM,
            StreamEntryID.NEW_ENTRY,
            Map.of(
                ControlStreamDeserializer.FIELD,
                ControlJson.write(
                    new ControlCommand(
                        "BTC",
                        ControlCommand.RESET_KILL_SWITCH,
                        "dashboard",
                        why,
                        System.currentTimeMillis()))));
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> assertThat(PaperVenue.recentAlerts(redis)).contains("kill-switch", why));
      } finally {
        job.cancel().get();
      }
    }
  }

  /**
   * Failover: the sink's task fails right after sending an order, whose answer is still on its way,
   * and the job restarts from its last checkpoint. The replayed decisions carry labels already
   * placed; none is placed again, and the strategy's positions end equal to the exchange's.
   */
  @Test
  void aRestartFromTheCheckpointPlacesNoLabelTwiceAndPositionsMatchTheExchange() throws Exception {
    try (PaperVenue venue = PaperVenue.start(33)) {
      StreamExecutionEnvironment env = environment(1_000);
      Configuration restarts = new Configuration();
      restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
      restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
      restarts.set(
          RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
      env.configure(restarts);
      GammaConfig config = venue.config;
      TradingEndpoints trading = KafkaEndpoints.trading(config);
      TradingEndpoints faulty =
          new TradingEndpoints(
              trading.account(),
              trading.control(),
              trading.dashboardControl(),
              new FaultySink((ExecutionSink) trading.execution(), FAIL_AFTER),
              trading.ordersToKafka(),
              trading.statusToCache());
      new GammaJob(config, KafkaEndpoints.create(config), faulty).build(env);
      JobClient job = env.executeAsync(GammaJob.NAME);
      try (JedisPooled redis = redis(venue)) {
        await().atMost(Duration.ofMinutes(3)).untilTrue(FaultySink.FIRED);
        int placedAtFault = FaultySink.PLACED.get();
        // After the restart the loop goes on: more orders, and an entry exited.
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(2))
            .untilAsserted(
                () -> {
                  assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                  assertThat(FaultySink.PLACED.get()).isGreaterThan(placedAtFault + 8);
                  assertThat(PaperVenue.filledLegs(venue.history("BTC")))
                      .contains(Leg.CALL, Leg.PUT, Leg.EXIT_CALL, Leg.EXIT_PUT, Leg.HEDGE);
                });

        assertThat(venue.labels("BTC")).as("no label placed twice").doesNotHaveDuplicates();
        // Orders keep going out, so compare once both sides have settled on the same sizes.
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () ->
                    assertThat(PaperVenue.heldByStrategy(redis, "BTC"))
                        .isEqualTo(venue.positions("BTC")));
      } finally {
        if (job.getJobStatus().get() == JobStatus.FAILED) {
          job.getJobExecutionResult().get(); // throws why
        }
        job.cancel().get();
      }
    }
  }

  /**
   * The trading job's environment, also the savepoint fixtures' ({@link
   * SavepointFixtureGenerator}).
   */
  static StreamExecutionEnvironment environment(long checkpointMillis) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(checkpointMillis);
    // As flink-conf/config.yaml runs the job: unaligned checkpoints, buffers flushed per record.
    Configuration latency = new Configuration();
    latency.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
    latency.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ZERO);
    env.configure(latency);
    return env;
  }

  private static JedisPooled redis(PaperVenue venue) {
    return new JedisPooled(venue.services.redisHost(), venue.services.redisPort());
  }
}
