package io.gammastraddle.deribit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gammastraddle.deribit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Instrument definitions for tests, from {@code rpc_public_get_instruments.json} line 3 (a
 * perpetual, a dated future, an option and a combo): the recorded ones, and options made from the
 * recorded option with another name, strike and expiry.
 */
public final class RecordedInstruments {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordedInstruments() {}

  /** The {@code result} of line {@code line} of the fixture. */
  public static List<JsonNode> result(int line) {
    try {
      JsonNode result =
          JSON.readTree(Fixtures.lines("rpc_public_get_instruments.json").get(line - 1))
              .get("result");
      return StreamSupport.stream(result.spliterator(), false).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode named(String name) {
    return result(3).stream()
        .filter(instrument -> instrument.get("instrument_name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** A copy of the recorded BTC-PERPETUAL. */
  public static ObjectNode perpetual() {
    return named("BTC-PERPETUAL").deepCopy();
  }

  /** The recorded option BTC-27DEC24-100000-C renamed, with another strike and expiry. */
  public static ObjectNode option(String name, double strike, Instant expiry) {
    ObjectNode option = named("BTC-27DEC24-100000-C").deepCopy();
    option.put("instrument_name", name);
    option.put("strike", strike);
    option.put("expiration_timestamp", expiry.toEpochMilli());
    return option;
  }

  /** A {@code public/get_instruments} result holding {@code instruments}. */
  public static String resultJson(List<? extends JsonNode> instruments) {
    return JSON.createArrayNode().addAll(instruments).toString();
  }
}
