package io.gammastraddle.redis;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Turns each element of a stream into the Redis commands that store it. It is serialized with the
 * {@link RedisSink} and opened once per parallel writer before the first element.
 *
 * <pre>{@code
 * RedisSerializer<Features> serializer =
 *     features -> List.of(
 *         new RedisCommand.HashSet("gsb:features:" + features.underlying(), features.asFields()));
 * }</pre>
 *
 * @param <T> the type of the stream's elements
 */
@FunctionalInterface
public interface RedisSerializer<T> extends Serializable {

  /** Prepares what {@link #serialize} needs (metrics, lookup tables); does nothing by default. */
  default void open(SerializationSchema.InitializationContext context) throws Exception {}

  /** The commands for one element, sent in this order; an empty list writes nothing. */
  List<RedisCommand> serialize(T element);
}
