package io.gammastraddle.recording;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.simulator.SimulatedMarket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRoundTripTest {

  private static final long START_NANOS = 1_795_617_837_000_000_000L;
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T15:30:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void readsBackEverySimulatedAndFixtureFrameByteForByteInOrderAcrossRotatedFiles()
      throws IOException {
    List<RecordedFrame> written = frames();

    try (RecordingWriter writer = new RecordingWriter(dir, "deribit", 16 * 1024, CLOCK)) {
      for (RecordedFrame frame : written) {
        writer.write(frame.recvTsNanos(), frame.frame());
      }
      assertThat(writer.files()).hasSizeGreaterThan(10);
      assertThat(writer.linesWritten()).isEqualTo(written.size());
    }

    assertThat(readAll(dir)).containsExactlyElementsOf(written);
    gunzipEveryOtherFile(dir);
    assertThat(readAll(dir)).containsExactlyElementsOf(written);
  }

  @Test
  void namesFilesByPrefixSessionTimeAndSequenceSoNameOrderIsWriteOrder() throws IOException {
    List<Path> files;
    try (RecordingWriter writer = new RecordingWriter(dir, "deribit", 1, CLOCK)) {
      for (int i = 0; i < 12; i++) {
        writer.write(START_NANOS + i, "{\"i\":" + i + "}");
      }
      files = writer.files();
    }

    assertThat(files.get(0).getFileName()).hasToString("deribit-20261125-153000-000001.jsonl.gz");
    assertThat(files.get(11).getFileName()).hasToString("deribit-20261125-153000-000012.jsonl.gz");
    assertThat(RecordingReader.files(dir)).containsExactlyElementsOf(files);
    assertThat(readAll(dir).stream().map(RecordedFrame::frame))
        .containsExactly(
            "{\"i\":0}",
            "{\"i\":1}",
            "{\"i\":2}",
            "{\"i\":3}",
            "{\"i\":4}",
            "{\"i\":5}",
            "{\"i\":6}",
            "{\"i\":7}",
            "{\"i\":8}",
            "{\"i\":9}",
            "{\"i\":10}",
            "{\"i\":11}");
  }

  @Test
  void keepsNumbersThatAParsedTreeWouldRewrite() throws IOException {
    String frame =
        "{ \"method\" : \"subscription\", \"params\":{\"channel\":\"ticker.BTC-PERPETUAL.100ms\","
            + "\"data\":{\"a\":1.0002e6,\"b\":9007199254740993,\"c\":1.50,\"d\":-0.0,\"e\":\"\\u00e9\"}}}";

    try (RecordingWriter writer = new RecordingWriter(dir, "deribit", 1024, CLOCK)) {
      writer.write(START_NANOS, frame);
    }

    assertThat(readAll(dir)).containsExactly(new RecordedFrame(START_NANOS, frame));
  }

  @Test
  void readsPlainAndGzipFilesInNameOrderAndIgnoresOtherFiles() throws IOException {
    writePlain(dir.resolve("b.jsonl"), line(2, "{\"n\":2}"), "", line(3, "{\"n\":3}"));
    writeGzip(dir.resolve("a.jsonl.gz"), line(1, "{\"n\":1}"));
    writeGzip(dir.resolve("c.jsonl.gz"), line(4, "{\"n\":4}"));
    writePlain(dir.resolve("README.md"), "not a recording");

    assertThat(readAll(dir))
        .containsExactly(
            new RecordedFrame(1, "{\"n\":1}"),
            new RecordedFrame(2, "{\"n\":2}"),
            new RecordedFrame(3, "{\"n\":3}"),
            new RecordedFrame(4, "{\"n\":4}"));
  }

  @Test
  void acceptsLinesWithFieldsInAnyOrderAndExtraFields() throws IOException {
    Path file = dir.resolve("other-tool.jsonl");
    writePlain(file, "{\"msg\": {\"x\": [1, {\"y\": 2}]} , \"source\":{\"z\":1}, \"recv_ts\": 7}");

    assertThat(readAll(file)).containsExactly(new RecordedFrame(7, "{\"x\": [1, {\"y\": 2}]}"));
  }

  @Test
  void stopsAtAMalformedLineNamingItsFileAndLineNumber() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    writePlain(file, line(1, "{}"), line(2, "{}"), "{\"recv_ts\":3,\"msg\":{\"cut");

    try (RecordingReader reader = new RecordingReader(dir)) {
      assertThat(reader.next()).isEqualTo(new RecordedFrame(1, "{}"));
      assertThat(reader.next()).isEqualTo(new RecordedFrame(2, "{}"));
      assertThatThrownBy(reader::next)
          .isInstanceOf(MalformedRecordingException.class)
          .hasMessageStartingWith(file + ":3: not valid JSON")
          .satisfies(
              e -> {
                MalformedRecordingException malformed = (MalformedRecordingException) e;
                assertThat(malformed.file()).isEqualTo(file);
                assertThat(malformed.lineNumber()).isEqualTo(3);
              });
    }
  }

  @Test
  void rejectsLinesThatAreValidJsonButNotTheFormat() throws IOException {
    assertMalformed("{\"msg\":{}}", "recv_ts or msg is missing");
    assertMalformed("{\"recv_ts\":1}", "recv_ts or msg is missing");
    assertMalformed("{\"recv_ts\":1.5,\"msg\":{}}", "recv_ts is not an integer");
    assertMalformed("{\"recv_ts\":99999999999999999999,\"msg\":{}}", "recv_ts is not an integer");
    assertMalformed("{\"recv_ts\":1,\"msg\":\"{}\"}", "msg is not a JSON object");
    assertMalformed("[1]", "not a JSON object");
    assertMalformed("{\"recv_ts\":1,\"msg\":{}} {}", "text after the line's object");
  }

  @Test
  void readsTheCompleteLinesOfAGzipFileCutShortByACrash() throws IOException {
    Path crashed;
    try (RecordingWriter writer =
        new RecordingWriter(dir.resolve("live"), "deribit", 1 << 20, CLOCK)) {
      writer.write(1, "{\"n\":1}");
      writer.write(2, "{\"n\":2}");
      writer.flush();
      writer.write(3, "{\"n\":3}"); // buffered only: lost in the crash
      crashed = Files.copy(writer.files().get(0), dir.resolve("crashed.jsonl.gz"));
    }

    try (RecordingReader reader = new RecordingReader(crashed)) {
      List<RecordedFrame> frames = new ArrayList<>();
      reader.forEachRemaining(frames::add);
      assertThat(frames)
          .containsExactly(new RecordedFrame(1, "{\"n\":1}"), new RecordedFrame(2, "{\"n\":2}"));
      assertThat(reader.truncatedFiles()).isEqualTo(1);
    }
  }

  @Test
  void dropsOnlyThePartialLastLineOfAGzipFileCutMidLine() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GZIPOutputStream gzip = new GZIPOutputStream(bytes, true);
    gzip.write((line(1, "{}") + "\n" + line(2, "{}") + "\n{\"recv_ts\":3,\"ms").getBytes(UTF_8));
    gzip.flush(); // the crash comes before close(): no gzip trailer
    Path crashed = Files.write(dir.resolve("crashed.jsonl.gz"), bytes.toByteArray());
    writePlain(dir.resolve("next.jsonl"), line(4, "{}"));

    try (RecordingReader reader = new RecordingReader(dir)) {
      List<RecordedFrame> frames = new ArrayList<>();
      reader.forEachRemaining(frames::add);
      assertThat(frames)
          .containsExactly(
              new RecordedFrame(1, "{}"), new RecordedFrame(2, "{}"), new RecordedFrame(4, "{}"));
      assertThat(reader.truncatedFiles()).isEqualTo(1);
    }
    assertThat(crashed).exists();
  }

  @Test
  void refusesFramesThatWouldMakeAnUnreadableLine() throws IOException {
    try (RecordingWriter writer = new RecordingWriter(dir, "deribit", 1024, CLOCK)) {
      assertThatThrownBy(() -> writer.write(1, "{\"a\":\n1}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("line break");
      assertThatThrownBy(() -> writer.write(1, "{\"a\":1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not valid JSON");
      assertThatThrownBy(() -> writer.write(1, "{} {}"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("text after");
      assertThatThrownBy(() -> writer.write(1, "[]"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a JSON object");
      assertThat(writer.linesWritten()).isZero();
      assertThat(writer.files()).isEmpty();
    }
  }

  @Test
  void refusesToOverwriteAnotherWritersFile() throws IOException {
    try (RecordingWriter first = new RecordingWriter(dir, "deribit", 1024, CLOCK);
        RecordingWriter second = new RecordingWriter(dir, "deribit", 1024, CLOCK)) {
      first.write(1, "{}");
      assertThatThrownBy(() -> second.write(2, "{}"))
          .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }
    assertThat(readAll(dir)).containsExactly(new RecordedFrame(1, "{}"));
  }

  @Test
  void saysWhenADirectoryHoldsNoRecording() {
    assertThatThrownBy(() -> new RecordingReader(dir))
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("no *.jsonl or *.jsonl.gz files");
  }

  /** Simulated frames, then every line of every fixture file, 1 ms apart. */
  static List<RecordedFrame> frames() {
    List<String> texts = new ArrayList<>();
    SimulatedMarket market = new SimulatedMarket(42, START_NANOS / 1_000_000);
    for (int i = 0; i < 20; i++) {
      texts.addAll(market.step());
    }
    for (Path file : Fixtures.files()) {
      texts.addAll(Fixtures.lines(file));
    }
    List<RecordedFrame> frames = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      frames.add(new RecordedFrame(START_NANOS + i * 1_000_000L, texts.get(i)));
    }
    return frames;
  }

  private void assertMalformed(String line, String reason) throws IOException {
    Path file = dir.resolve("malformed.jsonl");
    writePlain(file, line);
    try (RecordingReader reader = new RecordingReader(file)) {
      assertThatThrownBy(reader::next)
          .as(line)
          .isInstanceOf(MalformedRecordingException.class)
          .hasMessageStartingWith(file + ":1: " + reason);
    }
  }

  private static List<RecordedFrame> readAll(Path recording) throws IOException {
    List<RecordedFrame> frames = new ArrayList<>();
    try (RecordingReader reader = new RecordingReader(recording)) {
      reader.forEachRemaining(frames::add);
      assertThat(reader.truncatedFiles()).isZero();
    }
    return frames;
  }

  /** Turns every other file into its plain {@code .jsonl} equivalent, keeping its name order. */
  private static void gunzipEveryOtherFile(Path dir) throws IOException {
    List<Path> files = RecordingReader.files(dir);
    for (int i = 0; i < files.size(); i += 2) {
      Path gzip = files.get(i);
      String name = gzip.getFileName().toString();
      try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
        Files.copy(in, dir.resolve(name.substring(0, name.length() - ".gz".length())));
      }
      Files.delete(gzip);
    }
    assertThat(RecordingReader.files(dir))
        .hasSameSizeAs(files)
        .anyMatch(f -> f.toString().endsWith(".jsonl"));
  }

  private static String line(long recvTs, String frame) {
    return "{\"recv_ts\":" + recvTs + ",\"msg\":" + frame + "}";
  }

  private static void writePlain(Path file, String... lines) throws IOException {
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
  }

  private static void writeGzip(Path file, String... lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
