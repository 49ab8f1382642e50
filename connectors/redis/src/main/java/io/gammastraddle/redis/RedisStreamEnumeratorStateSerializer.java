package io.gammastraddle.redis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Version 1: the number of unassigned splits and each split as {@link RedisStreamSplitSerializer}
 * writes it, then the number of unresolved keys and each key as a UTF string.
 */
final class RedisStreamEnumeratorStateSerializer
    implements SimpleVersionedSerializer<RedisStreamEnumeratorState> {

  private static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(RedisStreamEnumeratorState state) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(128);
    out.writeInt(state.unassignedSplits().size());
    for (RedisStreamSplit split : state.unassignedSplits()) {
      RedisStreamSplitSerializer.write(split, out);
    }
    out.writeInt(state.unresolvedKeys().size());
    for (String key : state.unresolvedKeys()) {
      out.writeUTF(key);
    }
    return out.getCopyOfBuffer();
  }

  @Override
  public RedisStreamEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException(
          "Unknown version " + version + " of a Redis stream source's enumerator state");
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    List<RedisStreamSplit> splits = new ArrayList<>();
    for (int count = in.readInt(); count > 0; count--) {
      splits.add(RedisStreamSplitSerializer.read(in));
    }
    List<String> keys = new ArrayList<>();
    for (int count = in.readInt(); count > 0; count--) {
      keys.add(in.readUTF());
    }
    return new RedisStreamEnumeratorState(splits, keys);
  }
}
