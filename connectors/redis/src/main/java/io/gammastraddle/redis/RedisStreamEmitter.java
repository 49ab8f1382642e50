package io.gammastraddle.redis;

import java.io.IOException;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Deserializes each entry into the source's output, with the entry's time ({@code millis} of its
 * id) as the values' timestamp, then moves its split's position past it: a checkpoint taken between
 * two entries holds exactly the entries already emitted.
 */
final class RedisStreamEmitter<T> implements RecordEmitter<StreamEntry, T, RedisStreamSplitState> {

  private final RedisStreamDeserializer<T> deserializer;
  private final EntryCollector<T> collector = new EntryCollector<>();

  RedisStreamEmitter(RedisStreamDeserializer<T> deserializer) {
    this.deserializer = deserializer;
  }

  @Override
  public void emitRecord(StreamEntry entry, SourceOutput<T> output, RedisStreamSplitState split)
      throws IOException {
    String entryId = entry.getID().toString();
    collector.output = output;
    collector.timestamp = entry.getID().getTime();
    try {
      deserializer.deserialize(split.streamKey(), entryId, entry.getFields(), collector);
    } catch (IOException | RuntimeException e) {
      // The fields stay out of the message: whoever wrote the entry chose them.
      throw new IOException(
          "The deserializer failed on entry "
              + entryId
              + " of Redis stream "
              + split.streamKey()
              + "; deserializers should turn bad entries into values (see"
              + " RedisStreamDeserializer)",
          e);
    }
    split.delivered(entryId);
  }

  private static final class EntryCollector<T> implements Collector<T> {

    private SourceOutput<T> output;
    private long timestamp;

    @Override
    public void collect(T value) {
      output.collect(value, timestamp);
    }

    @Override
    public void close() {}
  }
}
