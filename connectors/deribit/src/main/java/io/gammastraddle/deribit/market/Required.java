package io.gammastraddle.deribit.market;

/** Checks on values read by {@link JsonValues}, refusing the message with the reason. */
final class Required {

  private Required() {}

  static String text(String value, String field) throws MalformedMessageException {
    if (value == null) {
      throw new MalformedMessageException("missing " + field);
    }
    if (value.isEmpty()) {
      throw new MalformedMessageException("empty " + field);
    }
    return value;
  }

  static long integer(Long value, String field) throws MalformedMessageException {
    if (value == null) {
      throw new MalformedMessageException("missing or non-integer " + field);
    }
    return value;
  }

  static long timestamp(Long value) throws MalformedMessageException {
    long timestamp = integer(value, "timestamp");
    if (timestamp <= 0) {
      throw new MalformedMessageException("timestamp must be positive");
    }
    return timestamp;
  }

  static double finite(double value, String what) throws MalformedMessageException {
    if (!Double.isFinite(value)) {
      throw new MalformedMessageException(what + " missing or not a number");
    }
    return value;
  }
}
