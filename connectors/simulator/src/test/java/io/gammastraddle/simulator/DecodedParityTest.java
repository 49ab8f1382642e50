package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.market.MarketDecoder;
import io.gammastraddle.market.MarketEvent;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real Deribit messages in the fixtures and the simulator's messages decode into the same
 * records with the same fields filled: what the job reads from the simulator it reads from Deribit.
 * A field is filled unless it is {@code NaN} or null (the decoder's "not sent"). A field every real
 * message of a kind fills must be filled by every generated one; a generated message may fill only
 * fields some real message fills.
 */
class DecodedParityTest {
  private static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final int STEPS = 600;

  private static final List<String> generatedFrames = new ArrayList<>();

  record Kind(String name, List<String> real, List<String> generated) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void generate() {
    SimulatedMarket market = new SimulatedMarket(11, START);
    for (Instrument instrument : market.instruments()) {
      generatedFrames.add(market.bookSnapshot(instrument.name()));
    }
    for (int i = 0; i < STEPS; i++) {
      generatedFrames.addAll(market.step());
    }
  }

  static Stream<Kind> kinds() {
    List<String> books = lines("ws_book_100ms.json");
    return Stream.of(
        new Kind(
            "book snapshot",
            select(books, contains("\"type\":\"snapshot\"")),
            generated(contains("\"type\":\"snapshot\""))),
        new Kind(
            "book change",
            select(books, contains("\"type\":\"change\"")),
            generated(contains("\"type\":\"change\""))),
        new Kind(
            "perpetual ticker",
            lines("ws_ticker_perpetual_100ms.json"),
            generated(contains("\"channel\":\"ticker.").and(contains("PERPETUAL")))),
        new Kind(
            "option ticker",
            lines("ws_ticker_option_100ms.json"),
            generated(contains("\"channel\":\"ticker.").and(contains("PERPETUAL").negate()))),
        new Kind("trades", lines("ws_trades.json"), generated(contains("\"channel\":\"trades."))),
        new Kind(
            "price index",
            lines("ws_deribit_price_index.json"),
            generated(contains("\"channel\":\"deribit_price_index."))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void simulatedMessagesDecodeIntoTheRecordsRealOnesDo(Kind kind) throws Exception {
    List<Record> real = decodeAll(kind.real());
    List<Record> generated = decodeAll(kind.generated());
    assertThat(real).as("real %s records", kind).isNotEmpty();
    assertThat(generated).as("generated %s records", kind).isNotEmpty();
    assertThat(generated.stream().map(Object::getClass).distinct())
        .as("record type")
        .containsExactlyElementsOf(real.stream().map(Object::getClass).distinct().toList());

    Set<String> everyRealFills = null;
    Set<String> someRealFills = new HashSet<>();
    for (Record record : real) {
      Set<String> filled = filled(record);
      someRealFills.addAll(filled);
      if (everyRealFills == null) {
        everyRealFills = new HashSet<>(filled);
      } else {
        everyRealFills.retainAll(filled);
      }
    }
    Set<String> differences = new TreeSet<>();
    for (Record record : generated) {
      Set<String> filled = filled(record);
      everyRealFills.stream()
          .filter(field -> !filled.contains(field))
          .forEach(field -> differences.add("not filled: " + field));
      filled.stream()
          .filter(field -> !someRealFills.contains(field))
          .forEach(field -> differences.add("never filled by Deribit: " + field));
    }
    assertThat(differences).as("%s fields, simulator vs Deribit", kind).isEmpty();
  }

  private static List<Record> decodeAll(List<String> frames) throws MalformedMessageException {
    MarketDecoder decoder = new MarketDecoder();
    List<Record> records = new ArrayList<>();
    for (String frame : frames) {
      decoder.decode(
          io.gammastraddle.deribit.Fixtures.marketValue(frame, 1),
          event -> records.add(payload(event)));
    }
    return records;
  }

  private static Record payload(MarketEvent event) {
    return Stream.of(event.book(), event.trade(), event.ticker(), event.index())
        .filter(r -> r != null)
        .findFirst()
        .orElseThrow(() -> new AssertionError("decoded to a dead letter: " + event.deadLetter()));
  }

  private static Set<String> filled(Record record) {
    Set<String> filled = new HashSet<>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      boolean missing = value == null || (value instanceof Double d && d.isNaN());
      if (!missing) {
        filled.add(component.getName());
      }
    }
    return filled;
  }

  private static List<String> lines(String file) {
    return io.gammastraddle.deribit.Fixtures.lines(file);
  }

  private static List<String> generated(Predicate<String> filter) {
    return select(generatedFrames, filter);
  }

  private static Predicate<String> contains(String text) {
    return frame -> frame.contains(text);
  }

  private static List<String> select(List<String> frames, Predicate<String> filter) {
    return frames.stream().filter(filter).toList();
  }
}
