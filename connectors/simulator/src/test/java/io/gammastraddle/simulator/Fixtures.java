package io.gammastraddle.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Deribit messages in the project's {@code fixtures/deribit} (JSON Lines; provenance in
 * its SOURCES.md), found through the {@code gsb.fixtures} property the build sets.
 */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  static List<JsonNode> lines(String file) {
    String directory = System.getProperty("gsb.fixtures", "fixtures/deribit");
    Path path = Path.of(directory, file);
    try {
      return Files.readAllLines(path).stream()
          .filter(line -> !line.isBlank())
          .map(Fixtures::parse)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + path.toAbsolutePath(), e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }
}
