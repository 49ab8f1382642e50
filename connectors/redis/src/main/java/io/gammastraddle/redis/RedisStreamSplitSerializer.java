package io.gammastraddle.redis;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Version 1: the stream key and the last delivered entry id, both as UTF strings. */
final class RedisStreamSplitSerializer implements SimpleVersionedSerializer<RedisStreamSplit> {

  private static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(RedisStreamSplit split) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    write(split, out);
    return out.getCopyOfBuffer();
  }

  @Override
  public RedisStreamSplit deserialize(int version, byte[] serialized) throws IOException {
    if (version != VERSION) {
      throw new IOException("Unknown version " + version + " of a Redis stream split");
    }
    return read(new DataInputDeserializer(serialized));
  }

  static void write(RedisStreamSplit split, DataOutputView out) throws IOException {
    out.writeUTF(split.streamKey());
    out.writeUTF(split.lastDeliveredId());
  }

  static RedisStreamSplit read(DataInputView in) throws IOException {
    return new RedisStreamSplit(in.readUTF(), in.readUTF());
  }
}
