package io.gammastraddle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.embedded.EmbeddedServices;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

class RedisSinkIT {

  private static final int PARALLELISM = 2;

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(PARALLELISM)
              .build());

  /** One quote refreshes its hash, appends to a capped stream and renews an expiring key. */
  private static final RedisSerializer<Quote> QUOTE_COMMANDS =
      quote ->
          List.of(
              new RedisCommand.HashSet(quoteKey(quote.underlying()), Map.of("mid", quote.mid())),
              new RedisCommand.StreamAdd(
                  "gsb:test:quotes", 10, Map.of("underlying", quote.underlying())),
              new RedisCommand.SetWithTtl("gsb:test:heartbeat", quote.mid(), 60));

  private static final RedisSerializer<Quote> QUOTE_HASH =
      quote ->
          List.of(
              new RedisCommand.HashSet(quoteKey(quote.underlying()), Map.of("mid", quote.mid())));

  private static EmbeddedServices services;
  private static JedisPooled redis;

  record Quote(String underlying, String mid) {}

  @BeforeAll
  static void startRedis() throws IOException {
    services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree());
    // Checks each connection before use: some tests restart Redis under this client.
    ConnectionPoolConfig checkedPool = new ConnectionPoolConfig();
    checkedPool.setTestOnBorrow(true);
    redis = new JedisPooled(checkedPool, services.redisHost(), services.redisPort());
  }

  @AfterAll
  static void stopRedis() throws IOException {
    redis.close();
    services.close();
  }

  @BeforeEach
  void emptyRedis() {
    redis.flushAll();
  }

  @Test
  void writesHashesCappedStreamEntriesAndExpiringKeys() throws Exception {
    TestWriterInitContext context = new TestWriterInitContext();
    try (SinkWriter<Quote> writer = writer(context, QUOTE_COMMANDS, builder -> builder)) {
      writer.write(new Quote("BTC", "100.5"), null);
      writer.write(new Quote("ETH", "20.25"), null);
      for (int i = 0; i < 500; i++) {
        writer.write(new Quote("SOL", String.valueOf(i)), null);
      }
      writer.flush(false);
    }

    assertThat(redis.hgetAll(quoteKey("BTC"))).isEqualTo(Map.of("mid", "100.5"));
    assertThat(redis.hgetAll(quoteKey("ETH"))).isEqualTo(Map.of("mid", "20.25"));
    assertThat(redis.hgetAll(quoteKey("SOL"))).isEqualTo(Map.of("mid", "499"));
    List<StreamEntry> oldestEntries =
        redis.xrange("gsb:test:quotes", (StreamEntryID) null, (StreamEntryID) null, 1);
    assertThat(oldestEntries.get(0).getFields()).containsEntry("underlying", "SOL");
    // MAXLEN ~ trims whole stream nodes (100 entries), so the length is near the cap, not at it.
    assertThat(redis.xlen("gsb:test:quotes")).isBetween(10L, 110L);
    assertThat(redis.get("gsb:test:heartbeat")).isEqualTo("499");
    assertThat(redis.ttl("gsb:test:heartbeat")).isBetween(1L, 60L);
    assertThat(context.counter("numRecordsSend")).isEqualTo(502);
    assertThat(context.metrics.<Long>getGauge("currentSendTime")).isPresent();
  }

  @Test
  void aReplacedHashKeepsOnlyItsNewFields() throws Exception {
    RedisSerializer<Quote> positions =
        quote ->
            List.of(
                new RedisCommand.HashReplace(
                    "gsb:test:positions", Map.of(quote.underlying(), quote.mid())));
    TestWriterInitContext context = new TestWriterInitContext();
    redis.hset("gsb:test:positions", Map.of("BTC-PERPETUAL", "-1000", "BTC-1DEC23-36000-C", "2"));
    try (SinkWriter<Quote> writer = writer(context, positions, builder -> builder)) {
      writer.write(new Quote("BTC-1DEC23-36000-C", "1.5"), null);
      writer.flush(false);
    }

    assertThat(redis.hgetAll("gsb:test:positions")).isEqualTo(Map.of("BTC-1DEC23-36000-C", "1.5"));
  }

  @Test
  void streamEntriesWithTheirOwnIdsAreWrittenOnceWhenReplayed() throws Exception {
    RedisSerializer<Quote> alerts =
        quote ->
            List.of(
                new RedisCommand.StreamAdd(
                    "gsb:test:alerts",
                    100,
                    quote.mid() + "-0",
                    Map.of("underlying", quote.underlying())));
    TestWriterInitContext context = new TestWriterInitContext();
    try (SinkWriter<Quote> writer = writer(context, alerts, builder -> builder)) {
      writer.write(new Quote("BTC", "1000"), null);
      writer.write(new Quote("ETH", "2000"), null);
      writer.flush(false);
      // A restart replays what followed the last checkpoint: the same entries, then a new one.
      writer.write(new Quote("BTC", "1000"), null);
      writer.write(new Quote("ETH", "2000"), null);
      writer.write(new Quote("SOL", "3000"), null);
      writer.flush(false);
    }

    assertThat(redis.xrange("gsb:test:alerts", (StreamEntryID) null, (StreamEntryID) null))
        .extracting(entry -> entry.getID().toString() + " " + entry.getFields().get("underlying"))
        .containsExactly("1000-0 BTC", "2000-0 ETH", "3000-0 SOL");
    assertThat(context.counter("redisReplayedStreamEntries")).isEqualTo(2);
    assertThat(context.counter("numRecordsSendErrors")).isZero();
  }

  @Test
  void nothingReachesRedisBeforeTheBatchIsFullOrFlushed() throws Exception {
    TestWriterInitContext context = new TestWriterInitContext();
    try (SinkWriter<Quote> writer =
        writer(context, QUOTE_HASH, builder -> builder.setMaxBatchSize(3))) {
      writer.write(new Quote("BTC", "1"), null);
      writer.write(new Quote("ETH", "2"), null);
      assertThat(redis.exists(quoteKey("BTC"), quoteKey("ETH"))).isZero();
      assertThat(context.counter("numRecordsSend")).isZero();

      writer.write(new Quote("SOL", "3"), null);
      assertThat(redis.exists(quoteKey("BTC"), quoteKey("ETH"), quoteKey("SOL"))).isEqualTo(3);
      assertThat(context.counter("numRecordsSend")).isEqualTo(3);

      writer.write(new Quote("XRP", "4"), null);
      assertThat(redis.exists(quoteKey("XRP"))).isFalse();

      writer.flush(false);
      assertThat(redis.hget(quoteKey("XRP"), "mid")).isEqualTo("4");
      assertThat(context.counter("numRecordsSend")).isEqualTo(4);
    }
  }

  @Test
  void aBatchThatIsNotFullIsSentOnceItHasWaitedMaxBufferTime() throws Exception {
    TestWriterInitContext context = new TestWriterInitContext();
    try (SinkWriter<Quote> writer =
        writer(context, QUOTE_HASH, builder -> builder.setMaxBufferTime(Duration.ofMillis(500)))) {
      writer.write(new Quote("BTC", "1"), null);

      context.clock.advance(499);
      assertThat(redis.exists(quoteKey("BTC"))).isFalse();

      context.clock.advance(1);
      assertThat(redis.hget(quoteKey("BTC"), "mid")).isEqualTo("1");
    }
  }

  @Test
  void aBatchIsKeptAndResentWhileRedisRestarts() throws Exception {
    TestWriterInitContext context = new TestWriterInitContext();
    try (SinkWriter<Quote> writer =
        writer(
            context,
            QUOTE_HASH,
            builder -> builder.setMaxRetries(8).setRetryBackoff(Duration.ofMillis(100)))) {
      writer.write(new Quote("BTC", "1"), null);
      writer.flush(false); // the writer now holds a pooled connection that the restart breaks

      writer.write(new Quote("BTC", "2"), null);
      writer.write(new Quote("ETH", "3"), null);
      services.stopRedis();
      CompletableFuture<Void> restart =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Thread.sleep(300);
                  services.startRedis();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      writer.flush(false);
      restart.join();
    }

    assertThat(redis.hget(quoteKey("BTC"), "mid")).isEqualTo("2");
    assertThat(redis.hget(quoteKey("ETH"), "mid")).isEqualTo("3");
    assertThat(context.counter("redisRetries")).isPositive();
    assertThat(context.counter("numRecordsSend")).isEqualTo(3);
    assertThat(context.counter("numRecordsSendErrors")).isZero();
  }

  @Test
  void aBatchFailsTheFlushWhenRedisStaysAway() throws Exception {
    TestWriterInitContext context = new TestWriterInitContext();
    SinkWriter<Quote> writer =
        writer(
            context,
            QUOTE_HASH,
            builder -> builder.setMaxRetries(2).setRetryBackoff(Duration.ofMillis(10)));
    services.stopRedis();
    try {
      writer.write(new Quote("BTC", "1"), null);

      assertThatThrownBy(() -> writer.flush(false))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith(
              "Redis at 127.0.0.1:"
                  + services.redisPort()
                  + " did not take a batch of 1 commands after 3 attempts");
      assertThat(context.counter("redisRetries")).isEqualTo(2);
      assertThat(context.counter("numRecordsSendErrors")).isEqualTo(1);
    } finally {
      writer.close();
      services.startRedis();
    }
  }

  @Test
  void aWriteRedisRefusesFailsAtOnceNamingTheKey() throws Exception {
    redis.set(quoteKey("BTC"), "not a hash");
    TestWriterInitContext context = new TestWriterInitContext();
    try (SinkWriter<Quote> writer = writer(context, QUOTE_HASH, builder -> builder)) {
      writer.write(new Quote("BTC", "1"), null);

      assertThatThrownBy(() -> writer.flush(false))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("Redis refused a write to " + quoteKey("BTC") + ": WRONGTYPE");
      assertThat(context.counter("redisRetries")).isZero();
    }
  }

  @Test
  void aFlinkJobWritesEveryElementThroughTheSink() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(PARALLELISM);
    List<String> underlyings = IntStream.range(0, 100).mapToObj(i -> "U" + i).toList();

    env.fromData(underlyings)
        .sinkTo(
            RedisSink.<String>builder()
                .setHost(services.redisHost())
                .setPort(services.redisPort())
                .setSerializer(
                    underlying ->
                        List.of(
                            new RedisCommand.HashSet(
                                quoteKey(underlying), Map.of("underlying", underlying))))
                .setMaxBatchSize(7)
                .build())
        .name("Redis");
    env.execute("redis-sink-it");

    for (String underlying : underlyings) {
      assertThat(redis.hget(quoteKey(underlying), "underlying")).isEqualTo(underlying);
    }
  }

  private static SinkWriter<Quote> writer(
      TestWriterInitContext context,
      RedisSerializer<Quote> serializer,
      UnaryOperator<RedisSinkBuilder<Quote>> configure)
      throws IOException {
    RedisSinkBuilder<Quote> builder =
        RedisSink.<Quote>builder()
            .setHost(services.redisHost())
            .setPort(services.redisPort())
            .setSerializer(serializer);
    return configure.apply(builder).build().createWriter(context);
  }

  private static String quoteKey(String underlying) {
    return "gsb:test:quote:" + underlying;
  }
}
