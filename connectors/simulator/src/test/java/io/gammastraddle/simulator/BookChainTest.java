package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A client that applies a snapshot and then every change ends up with the simulator's book. */
class BookChainTest {
  private static final long START = Instant.parse("2024-03-01T12:00:00Z").toEpochMilli();

  @Test
  void snapshotThenChainedChangesRebuildEveryBookExactly() {
    SimulatedMarket market = new SimulatedMarket(11, START);
    for (int i = 0; i < 20; i++) {
      market.step();
    }
    Map<String, ReplayedBook> books = new HashMap<>();
    for (Instrument instrument : market.instruments()) {
      books.put(instrument.name(), ReplayedBook.of(instrument, snapshot(market, instrument)));
    }

    for (int i = 0; i < 1_000; i++) {
      for (String frame : market.step()) {
        JsonNode message = Fixtures.parse(frame);
        if (message.at("/params/channel").asText().startsWith("book.")) {
          JsonNode data = message.at("/params/data");
          books.get(data.get("instrument_name").asText()).apply(data);
        }
      }
    }

    for (Instrument instrument : market.instruments()) {
      ReplayedBook replayed = books.get(instrument.name());
      ReplayedBook fresh = ReplayedBook.of(instrument, snapshot(market, instrument));
      assertThat(replayed.changeId).as(instrument.name()).isEqualTo(fresh.changeId);
      assertThat(replayed.bids).as(instrument.name() + " bids").isEqualTo(fresh.bids);
      assertThat(replayed.asks).as(instrument.name() + " asks").isEqualTo(fresh.asks);
    }
  }

  @Test
  void snapshotCarriesNoPreviousChangeId() {
    SimulatedMarket market = new SimulatedMarket(11, START);
    JsonNode data = Fixtures.parse(market.bookSnapshot("BTC-PERPETUAL")).at("/params/data");

    assertThat(data.get("type").asText()).isEqualTo("snapshot");
    assertThat(data.has("prev_change_id")).isFalse();
    assertThat(data.get("bids")).hasSize(SimulatedPerpetual.BOOK_SHAPE.depth());
    assertThat(data.get("asks")).hasSize(SimulatedPerpetual.BOOK_SHAPE.depth());
  }

  private static JsonNode snapshot(SimulatedMarket market, Instrument instrument) {
    return Fixtures.parse(market.bookSnapshot(instrument.name())).at("/params/data");
  }

  /** What a careful client keeps: levels by price, checking every action it applies. */
  private static final class ReplayedBook {
    private final Instrument instrument;
    private final BigDecimal lot;
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private long changeId;

    private ReplayedBook(Instrument instrument) {
      this.instrument = instrument;
      this.lot =
          BigDecimal.valueOf(
              instrument.isOption() ? instrument.minTradeAmount() : SimulatedPerpetual.LOT_USD);
    }

    static ReplayedBook of(Instrument instrument, JsonNode snapshot) {
      assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
      ReplayedBook book = new ReplayedBook(instrument);
      book.changeId = snapshot.get("change_id").asLong();
      snapshot.get("bids").forEach(level -> book.level(book.bids, level, "new"));
      snapshot.get("asks").forEach(level -> book.level(book.asks, level, "new"));
      return book;
    }

    void apply(JsonNode change) {
      String name = instrument.name();
      assertThat(change.get("type").asText()).isEqualTo("change");
      assertThat(change.get("prev_change_id").asLong()).as(name + " chain").isEqualTo(changeId);
      assertThat(change.get("change_id").asLong()).isGreaterThan(changeId);
      assertThat(change.get("bids").size() + change.get("asks").size())
          .as(name + " actions")
          .isPositive();
      changeId = change.get("change_id").asLong();
      change.get("bids").forEach(level -> level(bids, level, null));
      change.get("asks").forEach(level -> level(asks, level, null));
      assertThat(bids).as(name + " bids").isNotEmpty();
      assertThat(asks).as(name + " asks").isNotEmpty();
      assertThat(bids.firstKey()).as(name + " crossed").isLessThan(asks.firstKey());
    }

    private void level(TreeMap<BigDecimal, BigDecimal> side, JsonNode level, String onlyAction) {
      String action = level.get(0).asText();
      BigDecimal price = level.get(1).decimalValue();
      BigDecimal amount = level.get(2).decimalValue();
      String where = instrument.name() + " " + level;
      if (onlyAction != null) {
        assertThat(action).as(where).isEqualTo(onlyAction);
      }
      assertThat(instrument.priceGrid().isOnTick(price.doubleValue()))
          .as(where + " off the tick grid")
          .isTrue();
      assertThat(price.signum()).as(where).isPositive();
      switch (action) {
        case "new" -> assertThat(side.put(price, amount)).as(where + " already there").isNull();
        case "change" -> assertThat(side.put(price, amount)).as(where + " not there").isNotNull();
        case "delete" -> {
          assertThat(amount.signum()).as(where).isZero();
          assertThat(side.remove(price)).as(where + " not there").isNotNull();
        }
        default -> throw new AssertionError("unknown action in " + where);
      }
      if (!action.equals("delete")) {
        assertThat(amount.signum()).as(where).isPositive();
        assertThat(amount.remainder(lot).signum()).as(where + " not whole lots").isZero();
      }
    }
  }
}
