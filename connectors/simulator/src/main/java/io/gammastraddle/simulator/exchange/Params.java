package io.gammastraddle.simulator.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Typed access to a request's {@code params}; a missing required or mistyped parameter is refused
 * with {@code -32602 Invalid params} naming it, as Deribit does.
 */
final class Params {
  private final JsonNode params;

  Params(JsonNode params) {
    this.params = params == null || params.isNull() ? MissingNode.getInstance() : params;
  }

  String text(String name) {
    return optionalText(name)
        .orElseThrow(() -> new Rejection(DeribitError.invalidParams(name, "required")));
  }

  Optional<String> optionalText(String name) {
    JsonNode value = params.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new Rejection(DeribitError.invalidParams(name, "must be a string"));
    }
    return Optional.of(value.asText());
  }

  OptionalDouble number(String name) {
    JsonNode value = params.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return OptionalDouble.empty();
    }
    if (!value.isNumber()) {
      throw new Rejection(DeribitError.invalidParams(name, "must be a number"));
    }
    return OptionalDouble.of(value.asDouble());
  }

  Optional<Boolean> flag(String name) {
    JsonNode value = params.path(name);
    if (value.isMissingNode() || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      throw new Rejection(DeribitError.invalidParams(name, "must be a boolean"));
    }
    return Optional.of(value.asBoolean());
  }
}
