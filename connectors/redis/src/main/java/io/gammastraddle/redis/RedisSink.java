package io.gammastraddle.redis;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that writes each element to Redis as the commands its {@link RedisSerializer}
 * returns, batched in pipelines. Delivery is at-least-once: every buffered command is written
 * before a checkpoint completes, and a failed batch is retried before the job fails. Build one with
 * {@link #builder()}.
 *
 * @param <T> the type of the stream's elements
 */
public final class RedisSink<T> implements Sink<T> {

  private static final long serialVersionUID = 1L;

  private final RedisSinkSettings settings;
  private final RedisSerializer<T> serializer;

  RedisSink(RedisSinkSettings settings, RedisSerializer<T> serializer) {
    this.settings = settings;
    this.serializer = serializer;
  }

  public static <T> RedisSinkBuilder<T> builder() {
    return new RedisSinkBuilder<>();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return new RedisWriter<>(settings, serializer, context);
  }
}
