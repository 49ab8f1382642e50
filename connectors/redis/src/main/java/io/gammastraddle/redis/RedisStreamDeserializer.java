package io.gammastraddle.redis;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Turns each entry a {@link RedisStreamSource} reads into the values it emits. It is serialized
 * with the source and opened once per parallel reader before the first entry.
 *
 * <p>Bad entries must become values, not exceptions: anyone who can write to the stream (a
 * dashboard, an operator with {@code redis-cli}) can add an entry without the expected fields, and
 * the job should answer with a dead letter rather than stop. An exception thrown here fails the job
 * naming the entry; since the source resumes after the last entry it emitted, the restarted job
 * reads the same entry again and fails again until the deserializer is fixed or the entry deleted
 * ({@code XDEL key id}).
 *
 * @param <T> the type of the values the source emits
 */
public interface RedisStreamDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

  /** Prepares what {@link #deserialize} needs (metrics, a JSON mapper); does nothing by default. */
  default void open(DeserializationSchema.InitializationContext context) throws Exception {}

  /**
   * Emits the values of one entry: usually one, none to skip the entry, several if it holds a
   * batch. The source then counts the entry as delivered.
   *
   * @param streamKey the stream the entry belongs to
   * @param entryId its id, {@code millis-sequence}
   * @param fields its fields in the order they were added
   * @param out where the values go
   */
  void deserialize(String streamKey, String entryId, Map<String, String> fields, Collector<T> out)
      throws IOException;
}
