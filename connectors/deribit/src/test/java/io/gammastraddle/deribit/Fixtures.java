package io.gammastraddle.deribit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real Deribit messages in {@code fixtures/deribit} (one JSON-RPC message per line; provenance
 * in its SOURCES.md), for tests in any module.
 */
public final class Fixtures {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  public static Path directory() {
    String configured = System.getProperty("gsb.fixtures");
    Path dir = configured != null ? Path.of(configured) : Path.of("fixtures", "deribit");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("Deribit fixtures not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  /** Every fixture file. */
  public static List<Path> files() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of one fixture file, e.g. {@code ws_book_100ms.json}. */
  public static List<String> lines(String file) {
    return lines(directory().resolve(file));
  }

  public static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A subscription frame turned into a {@code deribit.market.raw} value: its params plus {@code
   * recv_ts}.
   */
  public static String marketValue(String frame, long receivedNanos) {
    try {
      JsonNode root = MAPPER.readTree(frame);
      ObjectNode params = ((ObjectNode) root.get("params")).deepCopy();
      params.put("recv_ts", receivedNanos);
      return MAPPER.writeValueAsString(params);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean isSubscription(String frame) {
    return frame.contains("\"method\":\"subscription\"");
  }
}
