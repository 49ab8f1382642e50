package io.gammastraddle.deribit.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.market.JsonValues;
import io.gammastraddle.deribit.market.MalformedMessageException;

/**
 * The fields of one JSON object of a user notification, read with the same rules as the market
 * decoder's {@code JsonValues} and {@code Required} (ids may be integers, integers may be written
 * as floats without a fraction), refusing the message with the reason, named after the object
 * ({@code "trade: missing trade_id"}), when a required field is missing or of the wrong type.
 */
final class JsonFields {

  private final JsonNode object;
  private final String prefix;

  private JsonFields(JsonNode object, String prefix) {
    this.object = object;
    this.prefix = prefix;
  }

  /** The fields of {@code node}, which must be an object; {@code what} names it in reasons. */
  static JsonFields of(JsonNode node, String what) throws MalformedMessageException {
    if (!node.isObject()) {
      throw new MalformedMessageException(what + " is not a JSON object");
    }
    return new JsonFields(node, what + ": ");
  }

  /** The fields of the notification itself, whose reasons need no name. */
  static JsonFields ofMessage(JsonNode root) throws MalformedMessageException {
    if (!root.isObject()) {
      throw new MalformedMessageException("not a JSON object");
    }
    return new JsonFields(root, "");
  }

  boolean has(String field) {
    JsonNode value = object.get(field);
    return value != null && !value.isNull();
  }

  /** The field's value; null when absent. */
  JsonNode get(String field) {
    return object.get(field);
  }

  /** A non-empty string, or an integer as its decimal text (Deribit's ids can be numbers). */
  String text(String field) throws MalformedMessageException {
    String text = optionalText(field);
    if (!has(field)) {
      throw refused("missing " + field);
    }
    if (text.isEmpty()) {
      throw refused("empty " + field);
    }
    return text;
  }

  /** Like {@link #text}, but absent, null or empty read as "". */
  String optionalText(String field) throws MalformedMessageException {
    if (!has(field)) {
      return "";
    }
    JsonNode value = object.get(field);
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asText();
    }
    throw refused(field + " is not a string: " + value);
  }

  /** A finite number. */
  double number(String field) throws MalformedMessageException {
    JsonNode value = object.get(field);
    double number = value != null && value.isNumber() ? value.doubleValue() : Double.NaN;
    if (!Double.isFinite(number)) {
      throw refused(field + " missing or not a number");
    }
    return number;
  }

  /** A positive integer: epoch ms, or ns for {@code recv_ts}. */
  long positiveInteger(String field) throws MalformedMessageException {
    JsonNode value = object.get(field);
    Long integer = value == null ? null : integer(value);
    if (integer == null) {
      throw refused("missing or non-integer " + field);
    }
    if (integer <= 0) {
      throw refused(field + " must be positive");
    }
    return integer;
  }

  MalformedMessageException refused(String reason) {
    return new MalformedMessageException(prefix + reason);
  }

  /** An integer that fits a long, or a float with no fraction that does; null otherwise. */
  private static Long integer(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? value.longValue() : null;
    }
    if (value.isFloatingPointNumber()) {
      return JsonValues.wholeNumber(value.doubleValue());
    }
    return null;
  }
}
