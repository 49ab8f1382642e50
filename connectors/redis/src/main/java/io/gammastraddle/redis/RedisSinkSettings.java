package io.gammastraddle.redis;

import java.io.Serializable;
import java.time.Duration;
import javax.annotation.Nullable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** Where and how a {@link RedisWriter} writes; built and checked by {@link RedisSinkBuilder}. */
record RedisSinkSettings(
    String host,
    int port,
    @Nullable String password,
    int maxBatchSize,
    Duration maxBufferTime,
    int maxRetries,
    Duration retryBackoff)
    implements Serializable {

  String address() {
    return host + ":" + port;
  }

  /** A pool of connections, so a connection broken by a Redis restart is replaced, not reused. */
  JedisPooled connect() {
    return new JedisPooled(
        new HostAndPort(host, port), DefaultJedisClientConfig.builder().password(password).build());
  }

  /** How long to wait before retry number {@code retry} (0 for the first): doubling each time. */
  Duration backoffBefore(int retry) {
    return retryBackoff.multipliedBy(1L << retry);
  }

  /** Never shows the password: settings end up in logs and exception messages. */
  @Override
  public String toString() {
    return "RedisSinkSettings[address="
        + address()
        + ", password="
        + (password == null ? "none" : "****")
        + ", maxBatchSize="
        + maxBatchSize
        + ", maxBufferTime="
        + maxBufferTime
        + ", maxRetries="
        + maxRetries
        + ", retryBackoff="
        + retryBackoff
        + "]";
  }
}
