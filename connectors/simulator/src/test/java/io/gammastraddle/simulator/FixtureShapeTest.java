package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated message has the shape of the real Deribit messages of its kind: the same paths
 * and JSON types. Fields present in only some of the real lines (those only newer or older API
 * versions send, such as {@code contracts}, {@code interest_value}, {@code volume_notional} or
 * {@code starbase_*}) are optional; fields in every real line are required (inside arrays only
 * where the array has elements); nothing else may appear.
 */
class FixtureShapeTest {
  private static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  // one simulated minute: enough for trades on most instruments
  private static final int STEPS = 600;

  private static final List<JsonNode> frames = new ArrayList<>();
  private static final List<JsonNode> snapshots = new ArrayList<>();
  private static final List<JsonNode> definitions = new ArrayList<>();

  record Kind(String name, List<JsonNode> real, List<JsonNode> generated) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void generate() {
    SimulatedMarket market = new SimulatedMarket(7, START);
    for (int i = 0; i < STEPS; i++) {
      market.step().forEach(frame -> frames.add(Fixtures.parse(frame)));
    }
    for (Instrument instrument : market.instruments()) {
      snapshots.add(Fixtures.parse(market.bookSnapshot(instrument.name())));
      definitions.add(Fixtures.parse(instrument.definitionJson()));
    }
  }

  static Stream<Kind> kinds() {
    List<JsonNode> books = Fixtures.lines("ws_book_100ms.json");
    List<JsonNode> listed = new ArrayList<>();
    Fixtures.lines("rpc_public_get_instruments.json").stream()
        .filter(line -> line.has("result"))
        .forEach(line -> line.get("result").forEach(listed::add));
    Fixtures.lines("rpc_public_get_instrument_option.json").stream()
        .filter(line -> line.has("result"))
        .forEach(line -> listed.add(line.get("result")));
    listed.add(withDeribitOptionTicks(listed.get(listed.size() - 1)));
    return Stream.of(
        new Kind("book snapshot", select(books, dataType("snapshot")), snapshots),
        new Kind("book change", select(books, dataType("change")), generated("book.")),
        new Kind(
            "perpetual ticker",
            Fixtures.lines("ws_ticker_perpetual_100ms.json"),
            select(generated("ticker."), channelContains("PERPETUAL"))),
        new Kind(
            "option ticker",
            Fixtures.lines("ws_ticker_option_100ms.json"),
            select(generated("ticker."), channelContains("PERPETUAL").negate())),
        new Kind("trades", Fixtures.lines("ws_trades.json"), generated("trades.")),
        new Kind(
            "price index",
            Fixtures.lines("ws_deribit_price_index.json"),
            generated("deribit_price_index.")),
        new Kind(
            "perpetual definition",
            select(listed, name -> name.path("instrument_name").asText().endsWith("PERPETUAL")),
            select(definitions, kind("future"))),
        new Kind(
            "option definition",
            select(listed, kind("option")),
            select(definitions, kind("option"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void generatedMessagesHaveTheRealShape(Kind kind) {
    assertThat(kind.real()).as("real %s lines", kind).isNotEmpty();
    assertThat(kind.generated()).as("generated %s messages", kind).isNotEmpty();
    List<JsonShape> realShapes = kind.real().stream().map(JsonShape::of).toList();
    JsonShape required = JsonShape.common(realShapes);
    JsonShape allowed = JsonShape.union(realShapes);

    Set<String> violations = new TreeSet<>();
    for (JsonNode message : kind.generated()) {
      JsonShape shape = JsonShape.of(message);
      for (String path : required.paths()) {
        if (!shape.paths().contains(path) && !insideEmptyArray(path, shape)) {
          violations.add("missing " + path);
        }
      }
      for (String path : shape.paths()) {
        if (!allowed.paths().contains(path)) {
          violations.add("unknown " + path);
        } else if (!allowed.types(path).containsAll(shape.types(path))) {
          violations.add(path + " is " + shape.types(path) + ", real " + allowed.types(path));
        }
      }
    }
    assertThat(violations).as("%s differences from the real messages", kind).isEmpty();
  }

  /**
   * The docs' option example with the tick fields of a real BTC or ETH option. That example's
   * {@code above_price} is an integer (120); Deribit's announcement of the stepped option ticks (6
   * July 2023) gives {@code "tick_size": 0.0001, "tick_size_steps": [{above_price: 0.005,
   * tick_size: 0.0005}]}, a decimal threshold.
   */
  private static JsonNode withDeribitOptionTicks(JsonNode definition) {
    ObjectNode option = definition.deepCopy();
    option.put("tick_size", 0.0001);
    option
        .putArray("tick_size_steps")
        .addObject()
        .put("above_price", 0.005)
        .put("tick_size", 0.0005);
    return option;
  }

  /** An element's fields can only be required where the array has elements ({@code bids: []}). */
  private static boolean insideEmptyArray(String path, JsonShape shape) {
    int element = path.lastIndexOf("[]");
    return element >= 0 && !shape.paths().contains(path.substring(0, element + 2));
  }

  private static List<JsonNode> generated(String channelPrefix) {
    return select(frames, f -> f.at("/params/channel").asText().startsWith(channelPrefix));
  }

  private static Predicate<JsonNode> dataType(String type) {
    return message -> message.at("/params/data/type").asText().equals(type);
  }

  private static Predicate<JsonNode> channelContains(String text) {
    return message -> message.at("/params/channel").asText().contains(text);
  }

  private static Predicate<JsonNode> kind(String kind) {
    return definition -> definition.path("kind").asText().equals(kind);
  }

  private static List<JsonNode> select(Iterable<JsonNode> messages, Predicate<JsonNode> filter) {
    return StreamSupport.stream(messages.spliterator(), false).filter(filter).toList();
  }
}
