package io.gammastraddle.recording;

import io.gammastraddle.deribit.websocket.NotificationListener;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every notification it is given: the core of {@code gsb record}. Pass it to {@link
 * io.gammastraddle.deribit.websocket.DeribitClient#connect} as the listener.
 *
 * <p>A frame the writer cannot store (disk full, writer closed) stops the recording: the failure is
 * logged, {@link #stopped()} completes exceptionally with it, and later frames are dropped, so its
 * owner can exit non-zero instead of recording a recording with holes.
 */
public final class Recorder implements NotificationListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

  private final RecordingWriter writer;
  private final LongAdder framesRecorded = new LongAdder();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile boolean closing;

  /**
   * @param writer where the frames go; closed by {@link #close()}
   */
  public Recorder(RecordingWriter writer) {
    this.writer = Objects.requireNonNull(writer, "writer");
  }

  /**
   * Writes the frame with its receive time.
   *
   * @throws IllegalArgumentException if the frame is not one JSON object on one line (see {@link
   *     RecordingWriter#write}); it is not recorded and the recording goes on
   */
  @Override
  public void onNotification(String frame, long receivedEpochNanos) {
    if (closing || stopped.isDone()) {
      return;
    }
    try {
      writer.write(receivedEpochNanos, frame);
      framesRecorded.increment();
    } catch (IOException e) {
      // a frame racing close() finds the writer closed: that is the end, not a failure
      if (!closing && stopped.completeExceptionally(e)) {
        LOG.error("recording stopped: {}", e.toString());
      }
    }
  }

  /**
   * Completes normally after {@link #close()}; exceptionally with the cause when a frame could not
   * be written.
   */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  public long framesRecorded() {
    return framesRecorded.sum();
  }

  /** Closes the writer, finishing its last file. */
  @Override
  public void close() throws IOException {
    closing = true;
    try {
      writer.close();
    } finally {
      stopped.complete(null);
      LOG.info("recording closed: {} frames in {}", framesRecorded(), writer.files());
    }
  }
}
