package io.gammastraddle.simulator;

/**
 * Appends compact JSON to a reusable buffer, placing commas itself.
 *
 * <p>The market writes every frame through one instance, so the hot loop builds no object trees and
 * formats no doubles through {@link Double#toString}: decimals are rounded to a fixed number of
 * places and written from a scaled {@code long}, which prints prices the way Deribit does ({@code
 * 60000.5}, {@code 0.0085}, {@code 20.0}). Not thread-safe.
 */
final class JsonWriter {
  private static final int MAX_DECIMALS = 12;
  private static final long[] POWERS_OF_TEN = new long[MAX_DECIMALS + 1];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i <= MAX_DECIMALS; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private final StringBuilder out = new StringBuilder(2048);
  private int depth;
  // bit d is set once the container at depth d holds an element and needs a comma before the next
  private long containerHasElement;

  JsonWriter beginObject() {
    separate();
    return open('{');
  }

  JsonWriter beginObject(String name) {
    name(name);
    return open('{');
  }

  JsonWriter endObject() {
    return close('}');
  }

  JsonWriter beginArray() {
    separate();
    return open('[');
  }

  JsonWriter beginArray(String name) {
    name(name);
    return open('[');
  }

  JsonWriter endArray() {
    return close(']');
  }

  JsonWriter field(String name, String value) {
    name(name);
    string(value);
    return this;
  }

  JsonWriter field(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  JsonWriter field(String name, boolean value) {
    name(name);
    out.append(value);
    return this;
  }

  /** Writes {@code value} rounded half-up to {@code decimals} places, always as a float literal. */
  JsonWriter decimal(String name, double value, int decimals) {
    name(name);
    appendDecimal(value, decimals);
    return this;
  }

  /** Writes already serialized JSON (a response's result, a request's id) as the field's value. */
  JsonWriter rawField(String name, String json) {
    name(name);
    out.append(json);
    return this;
  }

  /** Writes already serialized JSON as the next array element. */
  JsonWriter rawValue(String json) {
    separate();
    out.append(json);
    return this;
  }

  JsonWriter value(String value) {
    separate();
    string(value);
    return this;
  }

  JsonWriter value(double value, int decimals) {
    separate();
    appendDecimal(value, decimals);
    return this;
  }

  /** Returns the JSON written so far and empties the buffer for the next document. */
  String take() {
    if (depth != 0) {
      throw new IllegalStateException("unclosed JSON container at depth " + depth);
    }
    String json = out.toString();
    out.setLength(0);
    containerHasElement = 0;
    return json;
  }

  /** Drops anything half-written, e.g. after a failure in the middle of a document. */
  void reset() {
    out.setLength(0);
    depth = 0;
    containerHasElement = 0;
  }

  private JsonWriter open(char bracket) {
    out.append(bracket);
    depth++;
    containerHasElement &= ~(1L << depth);
    return this;
  }

  private JsonWriter close(char bracket) {
    out.append(bracket);
    depth--;
    return this;
  }

  private void name(String name) {
    separate();
    // field names are constants of this package, never input: no escaping needed
    out.append('"').append(name).append("\":");
  }

  private void separate() {
    if (depth == 0) {
      return;
    }
    long bit = 1L << depth;
    if ((containerHasElement & bit) != 0) {
      out.append(',');
    } else {
      containerHasElement |= bit;
    }
  }

  private void string(String value) {
    out.append('"');
    if (needsEscaping(value)) {
      appendEscaped(value);
    } else {
      // names and values are nearly always plain identifiers: copy them in one go
      out.append(value);
    }
    out.append('"');
  }

  private static boolean needsEscaping(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  private void appendEscaped(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
  }

  private void appendDecimal(double value, int decimals) {
    long scale = POWERS_OF_TEN[decimals];
    double scaled = value * scale;
    if (!Double.isFinite(scaled) || Math.abs(scaled) >= 9e18) {
      throw new IllegalArgumentException("cannot write " + value + " with " + decimals + " places");
    }
    long units = Math.round(scaled);
    if (units < 0) {
      out.append('-');
      units = -units;
    }
    out.append(units / scale).append('.');
    long fraction = units % scale;
    if (fraction == 0) {
      out.append('0');
      return;
    }
    int places = decimals;
    while (fraction % 10 == 0) {
      fraction /= 10;
      places--;
    }
    for (int digits = digitCount(fraction); digits < places; digits++) {
      out.append('0');
    }
    out.append(fraction);
  }

  private static int digitCount(long positive) {
    int digits = 1;
    while (positive >= 10) {
      positive /= 10;
      digits++;
    }
    return digits;
  }
}
