package io.gammastraddle.recording;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a recording (DESIGN section 14): gzip-compressed JSON-lines files {@code
 * DIR/<prefix>-<yyyyMMdd-HHmmss>-<seq>.jsonl.gz}, one line {@code {"recv_ts":<ns>,"msg":<frame>}}
 * per frame, the frame copied verbatim.
 *
 * <p>The timestamp in the file names is when this writer was opened (UTC) and {@code seq} counts
 * its files from {@code 000001}, so reading the directory in name order reads the frames in the
 * order they were written, across rotations and across recording sessions.
 *
 * <p>A file is closed and the next one started once it holds {@link #DEFAULT_ROTATE_BYTES}
 * (configurable) of uncompressed lines, so each file is a complete gzip stream soon after it fills.
 *
 * <p>Durability: the open file is gzip sync-flushed when a write finds the last flush more than
 * {@link #FLUSH_INTERVAL} old, and on {@link #flush()} and {@link #close()}. A crash therefore
 * loses at most the lines written since the last flush; everything before it stays readable, and
 * {@link RecordingReader} reads a gzip file cut short by a crash up to its last complete line.
 *
 * <p>Thread-safe: every method is synchronized, so a shutdown hook may close it while another
 * thread writes.
 */
public final class RecordingWriter implements AutoCloseable {

  /** Uncompressed bytes after which a file is rotated by default: 256 MiB. */
  public static final long DEFAULT_ROTATE_BYTES = 256L * 1024 * 1024;

  /** The longest time written lines stay only in memory while frames keep arriving. */
  public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter SESSION_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path directory;
  private final String filePrefix;
  private final long rotateBytes;
  private final Clock clock;
  private final List<Path> files = new ArrayList<>();

  private OutputStream out;
  private long bytesInFile;
  private long linesWritten;
  private long lastFlushMillis;
  private boolean closed;

  /** A writer rotating at {@link #DEFAULT_ROTATE_BYTES}, naming files by the system clock. */
  public RecordingWriter(Path directory, String prefix) throws IOException {
    this(directory, prefix, DEFAULT_ROTATE_BYTES, Clock.systemUTC());
  }

  /**
   * @param directory where the files go; created if missing
   * @param prefix the start of every file name: letters, digits, {@code .}, {@code _} or {@code -}
   * @param rotateBytes uncompressed bytes after which the next line starts a new file
   * @param clock names the files and times the flushes
   */
  public RecordingWriter(Path directory, String prefix, long rotateBytes, Clock clock)
      throws IOException {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("file prefix must be [A-Za-z0-9._-]+: " + prefix);
    }
    if (rotateBytes <= 0) {
      throw new IllegalArgumentException("rotateBytes must be positive: " + rotateBytes);
    }
    this.directory = Files.createDirectories(directory);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.filePrefix = prefix + "-" + SESSION_FORMAT.format(clock.instant()) + "-";
    this.rotateBytes = rotateBytes;
  }

  /**
   * Appends one frame.
   *
   * @param recvTsNanos when the frame was received, in epoch nanoseconds
   * @param frame one WebSocket text frame: a single JSON object, on one line
   * @throws IllegalArgumentException if the frame is not one JSON object or contains a line break;
   *     nothing is written then
   * @throws IOException if the file cannot be written, or this writer is closed
   */
  public synchronized void write(long recvTsNanos, String frame) throws IOException {
    requireOneLineJsonObject(frame);
    if (closed) {
      throw new IOException("recording writer for " + directory + " is closed");
    }
    if (out != null && bytesInFile >= rotateBytes) {
      closeFile();
    }
    if (out == null) {
      openNextFile();
    }
    byte[] line =
        ("{\"recv_ts\":" + recvTsNanos + ",\"msg\":" + frame + "}\n")
            .getBytes(StandardCharsets.UTF_8);
    out.write(line);
    bytesInFile += line.length;
    linesWritten++;
    if (clock.millis() - lastFlushMillis >= FLUSH_INTERVAL.toMillis()) {
      flush();
    }
  }

  /** Makes every line written so far readable from the file, as a crash would find it. */
  public synchronized void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
    lastFlushMillis = clock.millis();
  }

  /** The files written so far, in name order (which is the order they were written). */
  public synchronized List<Path> files() {
    return List.copyOf(files);
  }

  public synchronized long linesWritten() {
    return linesWritten;
  }

  /** Finishes the open file's gzip stream. Calling it again does nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (out != null) {
      closeFile();
    }
  }

  @Override
  public String toString() {
    return "RecordingWriter["
        + directory.resolve(filePrefix + "*" + RecordingReader.GZIP_SUFFIX)
        + "]";
  }

  private void openNextFile() throws IOException {
    Path file =
        directory.resolve(
            String.format("%s%06d%s", filePrefix, files.size() + 1, RecordingReader.GZIP_SUFFIX));
    // CREATE_NEW: a second writer started in the same second fails instead of overwriting.
    OutputStream fileOut = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
    try {
      out =
          new BufferedOutputStream(new GZIPOutputStream(fileOut, BUFFER_BYTES, true), BUFFER_BYTES);
    } catch (IOException | RuntimeException e) {
      fileOut.close();
      throw e;
    }
    files.add(file);
    bytesInFile = 0;
    lastFlushMillis = clock.millis();
  }

  private void closeFile() throws IOException {
    OutputStream closing = out;
    out = null;
    closing.close();
  }

  /** Rejects what would make an unreadable line, so every line written can be read back. */
  private static void requireOneLineJsonObject(String frame) {
    Objects.requireNonNull(frame, "frame");
    if (frame.indexOf('\n') >= 0 || frame.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("frame contains a line break: " + abbreviate(frame));
    }
    try (JsonParser parser = JSON.createParser(frame)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("frame is not a JSON object: " + abbreviate(frame));
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("frame has text after its object: " + abbreviate(frame));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("frame is not valid JSON: " + abbreviate(frame), e);
    }
  }

  private static String abbreviate(String frame) {
    return frame.length() <= 200 ? frame : frame.substring(0, 200) + "...";
  }
}
