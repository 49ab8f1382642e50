package io.gammastraddle.redis;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Builds a {@link RedisStreamSource}. The stream keys and the deserializer are required:
 *
 * <pre>{@code
 * RedisStreamSource<ControlCommand> control =
 *     RedisStreamSource.<ControlCommand>builder()
 *         .setHost("localhost")
 *         .setPort(6379)
 *         .setStreamKeys("gsb:control")
 *         .setDeserializer(new ControlCommandDeserializer())
 *         .build();
 * env.fromSource(control, WatermarkStrategy.noWatermarks(), "Redis control stream")
 *     .setParallelism(1);
 * }</pre>
 *
 * <p>Defaults: {@code localhost:6379} without a password, reads of at most 100 entries that wait at
 * most 1 s for new ones, and while Redis cannot be reached, retries after 200 ms, doubling up to 5
 * s.
 *
 * @param <T> the type of the values the source emits
 */
public final class RedisStreamSourceBuilder<T> {

  /** Longer blocking reads would only delay a reader's shutdown. */
  private static final Duration MAX_BLOCK_TIME = Duration.ofSeconds(10);

  private String host;
  private int port;
  @Nullable private String password;
  private List<String> streamKeys;
  @Nullable private RedisStreamDeserializer<T> deserializer;
  private int maxEntriesPerRead;
  private Duration blockTime;
  private Duration retryBackoff;
  private Duration maxRetryBackoff;

  RedisStreamSourceBuilder() {
    host = "localhost";
    port = 6379;
    streamKeys = List.of();
    maxEntriesPerRead = 100;
    blockTime = Duration.ofSeconds(1);
    retryBackoff = Duration.ofMillis(200);
    maxRetryBackoff = Duration.ofSeconds(5);
  }

  public RedisStreamSourceBuilder<T> setHost(String host) {
    this.host = checkNotNull(host, "host");
    return this;
  }

  public RedisStreamSourceBuilder<T> setPort(int port) {
    this.port = port;
    return this;
  }

  /** The password Redis asks for ({@code requirepass}); it never appears in logs or errors. */
  public RedisStreamSourceBuilder<T> setPassword(String password) {
    this.password = checkNotNull(password, "password");
    return this;
  }

  /**
   * The streams to read, one split each. They are fixed for the life of the job: a key added when
   * restoring from a savepoint is not read (start the job without the savepoint to add one).
   */
  public RedisStreamSourceBuilder<T> setStreamKeys(String... streamKeys) {
    checkNotNull(streamKeys, "streamKeys");
    for (String key : streamKeys) {
      checkNotNull(key, "streamKeys must not contain null");
    }
    this.streamKeys = List.of(streamKeys);
    return this;
  }

  public RedisStreamSourceBuilder<T> setDeserializer(RedisStreamDeserializer<T> deserializer) {
    this.deserializer = checkNotNull(deserializer, "deserializer");
    return this;
  }

  /** {@code XREAD COUNT}: the most entries one read returns per stream. */
  public RedisStreamSourceBuilder<T> setMaxEntriesPerRead(int maxEntriesPerRead) {
    this.maxEntriesPerRead = maxEntriesPerRead;
    return this;
  }

  /**
   * {@code XREAD BLOCK}: how long a read waits for new entries. It bounds how long the reader takes
   * to notice new splits or to shut down.
   */
  public RedisStreamSourceBuilder<T> setBlockTime(Duration blockTime) {
    this.blockTime = checkNotNull(blockTime, "blockTime");
    return this;
  }

  /** The wait before the first retry while Redis cannot be reached; it doubles after each. */
  public RedisStreamSourceBuilder<T> setRetryBackoff(Duration retryBackoff) {
    this.retryBackoff = checkNotNull(retryBackoff, "retryBackoff");
    return this;
  }

  /** The longest wait between retries: Redis is retried for as long as it is away. */
  public RedisStreamSourceBuilder<T> setMaxRetryBackoff(Duration maxRetryBackoff) {
    this.maxRetryBackoff = checkNotNull(maxRetryBackoff, "maxRetryBackoff");
    return this;
  }

  public RedisStreamSource<T> build() {
    sanityCheck();
    return new RedisStreamSource<>(
        new RedisStreamSourceSettings(
            host,
            port,
            password,
            streamKeys,
            maxEntriesPerRead,
            blockTime,
            retryBackoff,
            maxRetryBackoff),
        deserializer);
  }

  private void sanityCheck() {
    checkArgument(deserializer != null, "deserializer is required: call setDeserializer");
    checkArgument(!streamKeys.isEmpty(), "streamKeys are required: call setStreamKeys");
    checkArgument(streamKeys.stream().noneMatch(String::isBlank), "streamKeys must not be blank");
    checkArgument(
        new HashSet<>(streamKeys).size() == streamKeys.size(),
        "streamKeys must not repeat, were %s",
        streamKeys);
    checkArgument(!host.isBlank(), "host must not be blank");
    checkArgument(port > 0 && port <= 65_535, "port must be 1-65535, was %s", port);
    checkArgument(
        maxEntriesPerRead > 0, "maxEntriesPerRead must be positive, was %s", maxEntriesPerRead);
    checkArgument(
        blockTime.toMillis() >= 1 && blockTime.compareTo(MAX_BLOCK_TIME) <= 0,
        "blockTime must be 1 ms to 10 s, was %s",
        blockTime);
    checkArgument(
        retryBackoff.toMillis() >= 1, "retryBackoff must be at least 1 ms, was %s", retryBackoff);
    checkArgument(
        maxRetryBackoff.compareTo(retryBackoff) >= 0,
        "maxRetryBackoff must not be below retryBackoff (%s), was %s",
        retryBackoff,
        maxRetryBackoff);
  }
}
