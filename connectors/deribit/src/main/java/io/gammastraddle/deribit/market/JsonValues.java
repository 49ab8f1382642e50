package io.gammastraddle.deribit.market;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import java.io.IOException;

/**
 * Reads the value a streaming parser is at. Every method leaves the parser on the last token of
 * that value, skipping whatever it does not use, so callers can move on with {@code nextToken()}. A
 * value of the wrong type reads as absent (null or NaN); the caller decides whether that is an
 * error.
 */
public final class JsonValues {

  /** Reads one field of an object; the parser is at the field's value. */
  @FunctionalInterface
  interface FieldReader {
    void read(String field, JsonParser parser) throws IOException;
  }

  private JsonValues() {}

  /** Hands each field of an object to {@code reader}; anything but an object has no fields. */
  static void readObject(JsonParser parser, FieldReader reader) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
      parser.nextToken();
      reader.read(field, parser);
    }
  }

  /** A string, or an integer as its decimal text (some ids are numbers); null otherwise. */
  static String text(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return parser.getNumberValue().toString();
    }
    parser.skipChildren();
    return null;
  }

  /**
   * Any value as text, for error messages: numbers in canonical form, "" for an object or array.
   */
  static String anyText(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_NUMBER_INT -> parser.getNumberValue().toString();
      case VALUE_NUMBER_FLOAT -> Double.toString(parser.getDoubleValue());
      case START_OBJECT, START_ARRAY -> {
        parser.skipChildren();
        yield "";
      }
      default -> parser.getText();
    };
  }

  /** An integer that fits a long, or a float with no fraction that does; null otherwise. */
  static Long integer(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      // The parser only resorts to BigInteger for integers outside the long range.
      return parser.getNumberType() == NumberType.BIG_INTEGER ? null : parser.getLongValue();
    }
    if (token == JsonToken.VALUE_NUMBER_FLOAT) {
      return wholeNumber(parser.getDoubleValue());
    }
    parser.skipChildren();
    return null;
  }

  /** {@code value} as a long when it is a whole number within the long range; null otherwise. */
  public static Long wholeNumber(double value) {
    boolean exact =
        Double.isFinite(value)
            && value == Math.rint(value)
            && value >= Long.MIN_VALUE
            && value <= Long.MAX_VALUE;
    return exact ? (long) value : null;
  }

  /** A number (possibly infinite, when too large for a double); NaN for anything else. */
  static double number(JsonParser parser) throws IOException {
    if (parser.currentToken().isNumeric()) {
      return parser.getDoubleValue();
    }
    parser.skipChildren();
    return Double.NaN;
  }

  /**
   * A leniently read long for informative fields (receive time, trade sequence): numbers are
   * truncated, numeric text is parsed, {@code true} is 1 and anything else is 0.
   */
  static long lenientLong(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_NUMBER_INT ->
          parser.getNumberType() == NumberType.BIG_INTEGER
              ? parser.getBigIntegerValue().longValue()
              : parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> (long) parser.getDoubleValue();
      case VALUE_STRING -> NumberInput.parseAsLong(parser.getText(), 0);
      case VALUE_TRUE -> 1;
      default -> {
        parser.skipChildren();
        yield 0;
      }
    };
  }
}
