package io.gammastraddle.gamma.backtest;

import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.market.MarketDecoder;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.recording.RecordedFrame;
import io.gammastraddle.recording.RecordingReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A recording (DESIGN section 14) as a bounded source of decoded market events, in the recording's
 * order: what the Kafka source yields after {@code gsb replay}, without Kafka. Each subscription
 * notification is decoded as the job decodes {@code deribit.market.raw} (its params with the
 * recorded {@code recv_ts}); user channels and other frames are skipped, as the replay skips them.
 * A notification that does not decode becomes a dead letter naming the file's frame number.
 *
 * <p>One split reads the whole recording, so it is read by one reader in order. Its checkpointed
 * position is the number of events emitted; a restored reader decodes from the start and skips
 * them.
 */
public final class RecordingSource
    implements Source<MarketEvent, RecordingSource.Split, Collection<RecordingSource.Split>> {

  private final String recording;

  public RecordingSource(Path recording) {
    this.recording = recording.toAbsolutePath().toString();
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<MarketEvent, Split> createReader(SourceReaderContext context) {
    return new IteratorSourceReader<>(context);
  }

  @Override
  public SplitEnumerator<Split, Collection<Split>> createEnumerator(
      SplitEnumeratorContext<Split> context) {
    return new IteratorSourceEnumerator<>(context, List.of(new Split(recording, 0)));
  }

  @Override
  public SplitEnumerator<Split, Collection<Split>> restoreEnumerator(
      SplitEnumeratorContext<Split> context, Collection<Split> remaining) {
    return new IteratorSourceEnumerator<>(context, remaining);
  }

  @Override
  public SimpleVersionedSerializer<Split> getSplitSerializer() {
    return new SplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Collection<Split>> getEnumeratorCheckpointSerializer() {
    return new EnumeratorSerializer();
  }

  /**
   * The recording from its {@code emitted}-th event on.
   *
   * @param path the recording directory or file
   * @param emitted events already emitted before a checkpoint
   */
  public record Split(String path, long emitted)
      implements IteratorSourceSplit<MarketEvent, Events> {

    @Override
    public String splitId() {
      return path;
    }

    @Override
    public Events getIterator() {
      return new Events(path, emitted);
    }

    @Override
    public IteratorSourceSplit<MarketEvent, Events> getUpdatedSplitForIterator(Events events) {
      return new Split(path, events.emitted);
    }
  }

  /** The events of a recording; it closes the recording when it reaches the end. */
  public static final class Events implements Iterator<MarketEvent> {
    private final String path;
    private final RecordingReader frames;
    private final MarketDecoder decoder = new MarketDecoder();
    private final ArrayDeque<MarketEvent> decoded = new ArrayDeque<>();
    private long frameNumber;
    private long emitted;

    Events(String path, long skip) {
      this.path = path;
      try {
        this.frames = new RecordingReader(Path.of(path));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the recording " + path, e);
      }
      while (emitted < skip && hasNext()) {
        next();
      }
    }

    @Override
    public boolean hasNext() {
      while (decoded.isEmpty()) {
        if (!frames.hasNext()) {
          close();
          return false;
        }
        decode(frames.next());
      }
      return true;
    }

    @Override
    public MarketEvent next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      emitted++;
      return decoded.poll();
    }

    private void close() {
      try {
        frames.close();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close the recording " + path, e);
      }
    }

    private void decode(RecordedFrame frame) {
      frameNumber++;
      SubscriptionParams params = frame.marketNotification();
      if (params == null) {
        return;
      }
      String value = params.withReceiveTime(frame.recvTsNanos());
      try {
        decoder.decode(value, decoded::add);
      } catch (MalformedMessageException e) {
        decoded.add(
            MarketEvent.of(
                new DeadLetter("recording " + path, 0, frameNumber, e.getMessage(), value)));
      }
    }
  }

  private static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Split split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(split.path());
        out.writeLong(split.emitted());
      }
      return bytes.toByteArray();
    }

    @Override
    public Split deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("Unknown recording split version " + version);
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return new Split(in.readUTF(), in.readLong());
      }
    }
  }

  private static final class EnumeratorSerializer
      implements SimpleVersionedSerializer<Collection<Split>> {
    private final SplitSerializer splits = new SplitSerializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Collection<Split> remaining) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(remaining.size());
        for (Split split : remaining) {
          byte[] serialized = splits.serialize(split);
          out.writeInt(serialized.length);
          out.write(serialized);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public Collection<Split> deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("Unknown recording enumerator version " + version);
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
      int count = in.readInt();
      List<Split> remaining = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] split = new byte[in.readInt()];
        in.readFully(split);
        remaining.add(splits.deserialize(splits.getVersion(), split));
      }
      return remaining;
    }
  }
}
