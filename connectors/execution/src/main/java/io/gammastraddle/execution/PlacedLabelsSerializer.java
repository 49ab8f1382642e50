package io.gammastraddle.execution;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Writes {@link PlacedLabels} into checkpoints. Version 1: the label count (int), then each label
 * (modified UTF-8). A later version adds a branch to {@link #deserialize}; an unknown version is
 * refused rather than guessed at.
 */
final class PlacedLabelsSerializer implements SimpleVersionedSerializer<PlacedLabels> {

  static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(PlacedLabels state) throws IOException {
    // About 20 bytes per label of the form gsb-BTC-1042-c0.
    DataOutputSerializer out = new DataOutputSerializer(4 + 20 * state.labels().size());
    out.writeInt(state.labels().size());
    for (String label : state.labels()) {
      out.writeUTF(label);
    }
    return out.getCopyOfBuffer();
  }

  @Override
  public PlacedLabels deserialize(int version, byte[] serialized) throws IOException {
    return switch (version) {
      case 1 -> readVersion1(serialized);
      default ->
          throw new IOException(
              "unknown PlacedLabels version " + version + "; this build reads up to " + VERSION);
    };
  }

  private static PlacedLabels readVersion1(byte[] serialized) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("corrupt PlacedLabels: " + count + " labels");
    }
    List<String> labels = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      labels.add(in.readUTF());
    }
    if (in.available() > 0) {
      throw new IOException("corrupt PlacedLabels: " + in.available() + " bytes after the labels");
    }
    return new PlacedLabels(labels);
  }
}
