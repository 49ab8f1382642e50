package io.gammastraddle.recording;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a recording (DESIGN section 14) frame by frame: every {@code *.jsonl} and {@code
 * *.jsonl.gz} file of a directory in file-name order, each line in turn. Other files are ignored.
 *
 * <p>Each frame is cut out of its line with Jackson's streaming parser (token char offsets plus
 * {@code skipChildren()}), so {@link RecordedFrame#frame()} is the {@code msg} value byte-for-byte
 * as written. The fields of a line may come in any order and unknown fields are ignored; blank
 * lines are skipped.
 *
 * <p>A malformed line stops the reading: {@link #hasNext()} and {@link #next()} throw {@link
 * MalformedRecordingException} naming the file and line, because a replay that quietly drops lines
 * would not be lossless. The one tolerated defect is a gzip file cut short, which is what a crash
 * of the recorder leaves: its complete lines are read, the partial tail is dropped, and the file is
 * logged and counted in {@link #truncatedFiles()}.
 *
 * <pre>{@code
 * try (RecordingReader frames = new RecordingReader(Path.of("recordings"))) {
 *   while (frames.hasNext()) {
 *     RecordedFrame frame = frames.next();
 *   }
 * }
 * }</pre>
 *
 * <p>Not thread-safe. I/O failures while iterating are thrown as {@link UncheckedIOException}.
 */
public final class RecordingReader implements Iterator<RecordedFrame>, AutoCloseable {

  static final String PLAIN_SUFFIX = ".jsonl";
  static final String GZIP_SUFFIX = ".jsonl.gz";

  private static final Logger LOG = LoggerFactory.getLogger(RecordingReader.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final Iterator<Path> files;
  private Path file;
  private CrashCutStream source;
  private BufferedReader lines;
  private String lookahead;
  private boolean lookaheadRead;
  private long lineNumber;
  private RecordedFrame next;
  private long truncatedFiles;

  /**
   * @param recording a recording directory, or a single recording file
   * @throws NoSuchFileException if it does not exist or holds no recording file
   */
  public RecordingReader(Path recording) throws IOException {
    this.files = files(recording).iterator();
  }

  /**
   * The files of a recording in reading order: the file itself, or the directory's {@code *.jsonl}
   * and {@code *.jsonl.gz} files sorted by name.
   *
   * @throws NoSuchFileException if it does not exist or holds no recording file
   */
  public static List<Path> files(Path recording) throws IOException {
    if (!Files.isDirectory(recording)) {
      if (!Files.isRegularFile(recording)) {
        throw new NoSuchFileException(recording.toString(), null, "no such recording");
      }
      return List.of(recording);
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(recording)) {
      files =
          listed
              .filter(Files::isRegularFile)
              .filter(RecordingReader::isRecordingFile)
              .sorted(Comparator.comparing(f -> f.getFileName().toString()))
              .toList();
    }
    if (files.isEmpty()) {
      throw new NoSuchFileException(
          recording.toString(), null, "no *" + PLAIN_SUFFIX + " or *" + GZIP_SUFFIX + " files");
    }
    return files;
  }

  @Override
  public boolean hasNext() {
    try {
      while (next == null) {
        if (lines == null && !openNextFile()) {
          return false;
        }
        String line = readLine();
        if (line == null) {
          closeFile();
        } else if (!line.isBlank()) {
          next = parse(line);
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * @throws MalformedRecordingException if the next line does not follow the format
   * @throws UncheckedIOException if a file cannot be read
   */
  @Override
  public RecordedFrame next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RecordedFrame frame = next;
    next = null;
    return frame;
  }

  /** Gzip files that ended mid-stream (a recorder crash); their complete lines were read. */
  public long truncatedFiles() {
    return truncatedFiles;
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      closeFile();
    }
  }

  private boolean openNextFile() throws IOException {
    if (!files.hasNext()) {
      return false;
    }
    file = files.next();
    lineNumber = 0;
    lookaheadRead = false;
    InputStream in = Files.newInputStream(file);
    try {
      if (file.getFileName().toString().endsWith(".gz")) {
        in = new GZIPInputStream(in, 64 * 1024);
      }
    } catch (IOException e) {
      in.close();
      throw e;
    }
    source = new CrashCutStream(in);
    lines = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8), 64 * 1024);
    return true;
  }

  /**
   * The next line of the open file, or {@code null} at its end. Reads one line ahead so that the
   * last line of a gzip file cut short can be recognized, and dropped when it is partial.
   */
  private String readLine() throws IOException {
    String line = lookaheadRead ? lookahead : lines.readLine();
    if (line == null) {
      return null;
    }
    lookahead = lines.readLine();
    lookaheadRead = true;
    if (lookahead == null && source.cut) {
      truncatedFiles++;
      LOG.warn(
          "{} ends mid-stream after line {} (the recorder crashed?); {}",
          file,
          lineNumber + (source.endedWithNewline() ? 1 : 0),
          source.endedWithNewline() ? "no line is lost" : "its partial last line is dropped");
      if (!source.endedWithNewline()) {
        return null;
      }
    }
    lineNumber++;
    return line;
  }

  private void closeFile() throws IOException {
    BufferedReader closing = lines;
    lines = null;
    closing.close();
  }

  private RecordedFrame parse(String line) {
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("not a JSON object", null);
      }
      Long recvTs = null;
      String frame = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("recv_ts")) {
          if (value != JsonToken.VALUE_NUMBER_INT
              || parser.getNumberType() != JsonParser.NumberType.INT
                  && parser.getNumberType() != JsonParser.NumberType.LONG) {
            throw malformed("recv_ts is not an integer of nanoseconds", null);
          }
          recvTs = parser.getLongValue();
        } else if (field.equals("msg")) {
          if (value != JsonToken.START_OBJECT) {
            throw malformed("msg is not a JSON object", null);
          }
          int start = charOffset(parser);
          parser.skipChildren();
          frame = line.substring(start, charOffset(parser) + 1);
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw malformed("text after the line's object", null);
      }
      if (recvTs == null || frame == null) {
        throw malformed("recv_ts or msg is missing", null);
      }
      return new RecordedFrame(recvTs, frame);
    } catch (IOException e) {
      throw malformed("not valid JSON: " + reason(e), e);
    }
  }

  private MalformedRecordingException malformed(String reason, Throwable cause) {
    return new MalformedRecordingException(file, lineNumber, reason, cause);
  }

  private static String reason(IOException e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.toString();
  }

  private static int charOffset(JsonParser parser) {
    return Math.toIntExact(parser.currentTokenLocation().getCharOffset());
  }

  /**
   * Ends a stream where a crash cut its gzip data ({@link EOFException} from {@link
   * GZIPInputStream}) instead of failing, remembering that it did and its last byte.
   */
  private static final class CrashCutStream extends FilterInputStream {

    private boolean cut;
    private int lastByte = -1;

    CrashCutStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (cut) {
        return -1;
      }
      try {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          lastByte = buffer[offset + n - 1];
        }
        return n;
      } catch (EOFException e) {
        cut = true;
        return -1;
      }
    }

    boolean endedWithNewline() {
      return lastByte == '\n';
    }
  }

  private static boolean isRecordingFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(PLAIN_SUFFIX) || name.endsWith(GZIP_SUFFIX);
  }
}
