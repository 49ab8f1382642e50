package io.gammastraddle.gamma.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON of a {@link ControlCommand} on {@code gsb.control}, keyed by underlying:
 *
 * <pre>{"command":"reset-kill-switch","underlying":"BTC","operator":"alice",
 * "why":"loss understood, limits checked","ts":1700000000000}</pre>
 */
public final class ControlJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ControlJson() {}

  public static String write(ControlCommand command) {
    return JSON.createObjectNode()
        .put("command", command.command())
        .put("underlying", command.underlying())
        .put("operator", command.operator())
        .put("why", command.why())
        .put("ts", command.timestamp())
        .toString();
  }

  /**
   * @throws IllegalArgumentException naming what is wrong, for anything but a valid command
   */
  public static ControlCommand read(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a control command is a JSON object");
    }
    if (!node.path("ts").canConvertToExactIntegral()) {
      throw new IllegalArgumentException("a control command needs \"ts\" in epoch ms");
    }
    return new ControlCommand(
        node.path("underlying").asText(""),
        node.path("command").asText(""),
        node.path("operator").asText(""),
        node.path("why").asText(""),
        node.path("ts").asLong());
  }
}
