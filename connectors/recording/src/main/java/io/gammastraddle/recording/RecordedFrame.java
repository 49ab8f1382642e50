package io.gammastraddle.recording;

import java.util.Objects;

/**
 * One line of a recording: a WebSocket text frame and when it was received.
 *
 * @param recvTsNanos when the frame was received, in epoch nanoseconds
 * @param frame the frame's text, byte-for-byte as Deribit sent it
 */
public record RecordedFrame(long recvTsNanos, String frame) {

  public RecordedFrame {
    Objects.requireNonNull(frame, "frame");
  }
}
