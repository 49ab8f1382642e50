package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One 08:00 UTC settlement of a BTC market started at 06:00 UTC on Wednesday 3 Jan 2024, when the
 * daily series lists {@code 3JAN24}: two simulated hours (72,000 steps) shared by every test.
 */
class ExpirySettlementTest {
  private static final long START = Instant.parse("2024-01-03T06:00:00Z").toEpochMilli();
  private static final long EXPIRY = Instant.parse("2024-01-03T08:00:00Z").toEpochMilli();
  private static final String EXPIRING = "BTC-3JAN24-";
  private static final String NEXT_DAILY = "BTC-4JAN24-";

  private static SimulatedMarket market;
  private static List<Instrument> before;
  private static final List<Double> indexInDeliveryWindow = new ArrayList<>();
  private static final Map<String, JsonNode> lastTickers = new HashMap<>();
  private static final List<JsonNode> settlementStep = new ArrayList<>();
  private static final List<JsonNode> nextStep = new ArrayList<>();
  private static JsonNode newSnapshot;

  @BeforeAll
  static void settleOnce() {
    market = new SimulatedMarket(31, START, List.of(UnderlyingParameters.btc()));
    before = market.instruments();
    while (market.nowMillis() < EXPIRY - SimulatedMarket.STEP_MILLIS) {
      boolean lastBeforeExpiry = market.nowMillis() == EXPIRY - 2 * SimulatedMarket.STEP_MILLIS;
      for (String frame : market.step()) {
        if (frame.contains("\"channel\":\"deribit_price_index.")) {
          recordIndex(Fixtures.parse(frame));
        } else if (lastBeforeExpiry && frame.contains("\"channel\":\"ticker.")) {
          JsonNode data = Fixtures.parse(frame).at("/params/data");
          lastTickers.put(data.get("instrument_name").asText(), data);
        }
      }
    }
    market.step().forEach(frame -> settlementStep.add(Fixtures.parse(frame)));
    settlementStep.forEach(ExpirySettlementTest::recordIndex);
    String newOption = names(market.instruments(), NEXT_DAILY).get(0).name();
    newSnapshot = Fixtures.parse(market.bookSnapshot(newOption)).at("/params/data");
    market.step().forEach(frame -> nextStep.add(Fixtures.parse(frame)));
  }

  private static void recordIndex(JsonNode message) {
    if (message.at("/params/channel").asText().startsWith("deribit_price_index.")) {
      JsonNode data = message.at("/params/data");
      long timestamp = data.get("timestamp").asLong();
      if (timestamp > EXPIRY - UnderlyingState.DELIVERY_WINDOW_MILLIS && timestamp <= EXPIRY) {
        indexInDeliveryWindow.add(data.get("price").asDouble());
      }
    }
  }

  @Test
  void expiringOptionsSettleAtTheIndexAverageOfTheLastHalfHour() {
    List<Instrument> expired = names(before, EXPIRING);
    double average = average(indexInDeliveryWindow);

    assertThat(indexInDeliveryWindow).hasSize(18_000);
    assertThat(expired).hasSize(6);
    for (Instrument option : expired) {
      assertThat(market.deliveryPrice(option.name()))
          .as(option.name())
          .hasValueCloseTo(average, within(0.01));
    }
    assertThat(market.deliveryPrice("BTC-5JAN24-60000-C")).isEmpty();
  }

  @Test
  void tickersEstimateTheDeliveryPriceFromTheAverageSoFar() {
    JsonNode expiring = lastTickers.get(EXPIRING + "60000-C");
    JsonNode weekly = lastTickers.get("BTC-5JAN24-60000-C");
    double averageSoFar = average(indexInDeliveryWindow.subList(0, 17_999));

    assertThat(expiring.get("estimated_delivery_price").asDouble())
        .isCloseTo(averageSoFar, within(0.01))
        .isNotEqualTo(expiring.get("index_price").asDouble());
    assertThat(weekly.get("estimated_delivery_price").asDouble())
        .isEqualTo(weekly.get("index_price").asDouble());
  }

  @Test
  void settledOptionsLeaveTheListingsAndStopPublishing() {
    for (Instrument option : names(before, EXPIRING)) {
      String name = option.name();
      assertThat(market.instrument(name)).as(name).isEmpty();
      assertThat(market.channels()).doesNotContain("book." + name + ".100ms");
      assertThatThrownBy(() -> market.bookSnapshot(name))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(market.instruments()).noneMatch(i -> i.name().startsWith(EXPIRING));
    assertThat(settlementStep)
        .filteredOn(message -> !isInstrumentState(message))
        .noneMatch(message -> message.at("/params/channel").asText().contains(EXPIRING));
  }

  @Test
  void theDailySeriesListsItsNextExpiryAroundTheIndexWithNewIds() {
    List<Instrument> listed = names(market.instruments(), NEXT_DAILY);
    long atm = Math.round(indexInDeliveryWindow.get(indexInDeliveryWindow.size() - 1) / 1000);
    int lastIdBefore = before.stream().mapToInt(Instrument::instrumentId).max().orElseThrow();

    assertThat(market.instruments()).hasSameSizeAs(before);
    assertThat(listed)
        .extracting(Instrument::strike)
        .containsExactly(
            (atm - 1) * 1000.0,
            (atm - 1) * 1000.0,
            atm * 1000.0,
            atm * 1000.0,
            (atm + 1) * 1000.0,
            (atm + 1) * 1000.0);
    assertThat(listed)
        .extracting(Instrument::instrumentId)
        .containsExactlyInAnyOrder(
            lastIdBefore + 1,
            lastIdBefore + 2,
            lastIdBefore + 3,
            lastIdBefore + 4,
            lastIdBefore + 5,
            lastIdBefore + 6);
    assertThat(listed)
        .allMatch(i -> i.expirationTimestamp() == EXPIRY + ExpiryCalendar.DAY_MILLIS)
        .allMatch(i -> i.creationTimestamp() == EXPIRY);
    assertThat(market.channels())
        .containsAll(listed.stream().map(i -> "ticker." + i.name() + ".100ms").toList());
  }

  @Test
  void aNewBookChainsFromItsSnapshot() {
    String name = newSnapshot.get("instrument_name").asText();
    JsonNode change =
        nextStep.stream()
            .filter(m -> m.at("/params/channel").asText().equals("book." + name + ".100ms"))
            .findFirst()
            .orElseThrow()
            .at("/params/data");

    assertThat(name).startsWith(NEXT_DAILY);
    assertThat(newSnapshot.get("bids")).hasSize(SimulatedOption.BOOK_SHAPE.depth());
    assertThat(change.get("prev_change_id").asLong())
        .isEqualTo(newSnapshot.get("change_id").asLong());
  }

  @Test
  void instrumentStateAnnouncesEachDeliveryAndListingOnFourChannels() {
    List<JsonNode> states = settlementStep.stream().filter(m -> isInstrumentState(m)).toList();
    List<String> channels =
        List.of(
            "instrument.state.option.BTC",
            "instrument.state.option.any",
            "instrument.state.any.BTC",
            "instrument.state.any.any");

    for (Instrument option : names(before, EXPIRING)) {
      assertThat(announcements(states, option.name(), "delivered"))
          .containsExactlyElementsOf(channels);
    }
    for (Instrument option : names(market.instruments(), NEXT_DAILY)) {
      assertThat(announcements(states, option.name(), "open")).containsExactlyElementsOf(channels);
    }
    assertThat(states).hasSize(12 * 4);
    JsonNode data = states.get(0).at("/params/data");
    assertThat(data.get("timestamp").asLong()).isEqualTo(EXPIRY);
    assertThat(data.fieldNames())
        .toIterable()
        .containsExactly("timestamp", "state", "instrument_name");
    assertThat(market.channels()).containsAll(channels);
  }

  private static List<String> announcements(List<JsonNode> states, String name, String state) {
    return states.stream()
        .filter(m -> m.at("/params/data/instrument_name").asText().equals(name))
        .filter(m -> m.at("/params/data/state").asText().equals(state))
        .map(m -> m.at("/params/channel").asText())
        .toList();
  }

  private static boolean isInstrumentState(JsonNode message) {
    return message.at("/params/channel").asText().startsWith("instrument.state.");
  }

  private static List<Instrument> names(List<Instrument> instruments, String prefix) {
    return instruments.stream().filter(i -> i.name().startsWith(prefix)).toList();
  }

  private static double average(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
