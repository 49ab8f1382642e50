package io.gammastraddle.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The deribit module's fixtures ({@link io.gammastraddle.deribit.Fixtures}) as JSON trees. */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  static List<JsonNode> lines(String file) {
    return io.gammastraddle.deribit.Fixtures.lines(file).stream().map(Fixtures::parse).toList();
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }
}
