package io.gammastraddle.redis;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** What a {@link RedisStreamSource} reads and how; built and checked by its builder. */
record RedisStreamSourceSettings(
    String host,
    int port,
    @Nullable String password,
    List<String> streamKeys,
    int maxEntriesPerRead,
    Duration blockTime,
    Duration retryBackoff,
    Duration maxRetryBackoff)
    implements Serializable {

  /**
   * How much longer than {@code BLOCK} the client waits for an answer to a blocking read before it
   * gives up on the connection: a server that vanished without closing the socket would otherwise
   * hang the read forever.
   */
  private static final int BLOCKING_READ_MARGIN_MILLIS = 2_000;

  RedisStreamSourceSettings {
    streamKeys = List.copyOf(streamKeys);
  }

  String address() {
    return host + ":" + port;
  }

  /** A pool of connections, so a connection broken by a Redis restart is replaced, not reused. */
  JedisPooled connect() {
    return new JedisPooled(
        new HostAndPort(host, port),
        DefaultJedisClientConfig.builder()
            .password(password)
            .blockingSocketTimeoutMillis((int) blockTime.toMillis() + BLOCKING_READ_MARGIN_MILLIS)
            .build());
  }

  /** Never shows the password: settings end up in logs and exception messages. */
  @Override
  public String toString() {
    return "RedisStreamSourceSettings[address="
        + address()
        + ", password="
        + (password == null ? "none" : "****")
        + ", streamKeys="
        + streamKeys
        + ", maxEntriesPerRead="
        + maxEntriesPerRead
        + ", blockTime="
        + blockTime
        + ", retryBackoff="
        + retryBackoff
        + ", maxRetryBackoff="
        + maxRetryBackoff
        + "]";
  }
}
