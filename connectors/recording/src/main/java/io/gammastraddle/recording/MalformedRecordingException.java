package io.gammastraddle.recording;

import java.nio.file.Path;

/** A line of a recording that does not follow the recording format (DESIGN section 14). */
public final class MalformedRecordingException extends RuntimeException {

  private final Path file;
  private final long lineNumber;

  MalformedRecordingException(Path file, long lineNumber, String reason, Throwable cause) {
    super(file + ":" + lineNumber + ": " + reason, cause);
    this.file = file;
    this.lineNumber = lineNumber;
  }

  /** The recording file holding the line. */
  public Path file() {
    return file;
  }

  /** The line's number in its file, from 1. */
  public long lineNumber() {
    return lineNumber;
  }
}
