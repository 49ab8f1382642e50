package io.gammastraddle.redis;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

import java.time.Duration;
import javax.annotation.Nullable;

/**
 * Builds a {@link RedisSink}. Only the serializer is required:
 *
 * <pre>{@code
 * RedisSink<Features> sink =
 *     RedisSink.<Features>builder()
 *         .setHost("localhost")
 *         .setPort(6379)
 *         .setSerializer(
 *             features -> List.of(
 *                 new RedisCommand.HashSet(
 *                     "gsb:features:" + features.underlying(), features.asFields())))
 *         .build();
 * stream.sinkTo(sink).name("Redis live cache");
 * }</pre>
 *
 * <p>Defaults: {@code localhost:6379} without a password, batches of at most 100 commands sent at
 * the latest 200 ms after the first of them was buffered, and 5 retries of a failed batch waiting
 * 200 ms, then twice as long before each next one (6.2 s in all).
 *
 * @param <T> the type of the stream's elements
 */
public final class RedisSinkBuilder<T> {

  private String host;
  private int port;
  @Nullable private String password;
  private RedisSerializer<T> serializer;
  private int maxBatchSize;
  private Duration maxBufferTime;
  private int maxRetries;
  private Duration retryBackoff;

  RedisSinkBuilder() {
    host = "localhost";
    port = 6379;
    maxBatchSize = 100;
    maxBufferTime = Duration.ofMillis(200);
    maxRetries = 5;
    retryBackoff = Duration.ofMillis(200);
  }

  public RedisSinkBuilder<T> setHost(String host) {
    this.host = checkNotNull(host, "host");
    return this;
  }

  public RedisSinkBuilder<T> setPort(int port) {
    this.port = port;
    return this;
  }

  /** The password Redis asks for ({@code requirepass}); it never appears in logs or errors. */
  public RedisSinkBuilder<T> setPassword(String password) {
    this.password = checkNotNull(password, "password");
    return this;
  }

  public RedisSinkBuilder<T> setSerializer(RedisSerializer<T> serializer) {
    this.serializer = checkNotNull(serializer, "serializer");
    return this;
  }

  /** Commands per pipeline: a full batch is sent at once, without waiting for a flush. */
  public RedisSinkBuilder<T> setMaxBatchSize(int maxBatchSize) {
    this.maxBatchSize = maxBatchSize;
    return this;
  }

  /**
   * The longest a command waits in a batch that is not full, so a slow stream still reaches Redis
   * promptly instead of at the next checkpoint.
   */
  public RedisSinkBuilder<T> setMaxBufferTime(Duration maxBufferTime) {
    this.maxBufferTime = checkNotNull(maxBufferTime, "maxBufferTime");
    return this;
  }

  /** How often a batch is re-sent after a connection failure before the job fails; 0 for never. */
  public RedisSinkBuilder<T> setMaxRetries(int maxRetries) {
    this.maxRetries = maxRetries;
    return this;
  }

  /** The wait before the first retry; each next retry waits twice as long as the one before. */
  public RedisSinkBuilder<T> setRetryBackoff(Duration retryBackoff) {
    this.retryBackoff = checkNotNull(retryBackoff, "retryBackoff");
    return this;
  }

  public RedisSink<T> build() {
    sanityCheck();
    return new RedisSink<>(
        new RedisSinkSettings(
            host, port, password, maxBatchSize, maxBufferTime, maxRetries, retryBackoff),
        serializer);
  }

  private void sanityCheck() {
    checkNotNull(serializer, "serializer is required: call setSerializer");
    checkArgument(!host.isBlank(), "host must not be blank");
    checkArgument(port > 0 && port <= 65_535, "port must be 1-65535, was %s", port);
    checkArgument(maxBatchSize > 0, "maxBatchSize must be positive, was %s", maxBatchSize);
    checkArgument(
        maxBufferTime.toMillis() > 0, "maxBufferTime must be at least 1 ms, was %s", maxBufferTime);
    // Beyond 30 doublings the backoff would exceed any sensible outage (and overflow the shift).
    checkArgument(
        maxRetries >= 0 && maxRetries <= 30, "maxRetries must be 0-30, was %s", maxRetries);
    checkArgument(!retryBackoff.isNegative(), "retryBackoff must not be negative");
  }
}
