package io.gammastraddle.simulator.exchange;

import io.gammastraddle.market.PriceGrid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A market whose every number the test sets: BTC at 60,000 and ETH at 3,000, a BTC perpetual, a
 * 60,000 call and put expiring 2024-01-05 08:00 UTC, and an ETH perpetual, with small books.
 */
final class FakeMarket implements MarketView {
  static final long START = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();
  static final long EXPIRY = Instant.parse("2024-01-05T08:00:00Z").toEpochMilli();

  static final InstrumentSpec PERPETUAL =
      new InstrumentSpec(
          "BTC-PERPETUAL",
          "BTC",
          InstrumentSpec.Kind.PERPETUAL,
          PriceGrid.flat(0.5),
          10,
          10,
          Long.MAX_VALUE,
          Double.NaN,
          null);
  static final InstrumentSpec CALL = option("C", "call");
  static final InstrumentSpec PUT = option("P", "put");
  static final InstrumentSpec ETH_PERPETUAL =
      new InstrumentSpec(
          "ETH-PERPETUAL",
          "ETH",
          InstrumentSpec.Kind.PERPETUAL,
          PriceGrid.flat(0.05),
          1,
          1,
          Long.MAX_VALUE,
          Double.NaN,
          null);

  private final Map<String, InstrumentSpec> instruments = new HashMap<>();
  private final Map<String, List<PriceLevel>> bids = new HashMap<>();
  private final Map<String, List<PriceLevel>> asks = new HashMap<>();
  private final Map<String, Double> marks = new HashMap<>();
  private final Map<String, Double> indexes = new HashMap<>();
  private final Map<String, Double> deliveries = new HashMap<>();
  private final Map<String, OptionGreeks> greeks = new HashMap<>();
  private long now = START;

  FakeMarket() {
    for (InstrumentSpec instrument : List.of(PERPETUAL, CALL, PUT, ETH_PERPETUAL)) {
      instruments.put(instrument.name(), instrument);
    }
    indexes.put("BTC", 60_000.0);
    indexes.put("ETH", 3_000.0);
    book(PERPETUAL, levels(59_999.5, 1000, 59_990, 2000), levels(60_000, 1000, 60_010, 2000));
    mark(PERPETUAL, 60_000);
    book(CALL, levels(0.019, 1, 0.0185, 2), levels(0.02, 1, 0.0205, 2));
    mark(CALL, 0.0195);
    greeks.put(CALL.name(), new OptionGreeks(0.5, 0.0001, 40, -150));
    book(PUT, levels(0.0185, 1), levels(0.0205, 1));
    mark(PUT, 0.0195);
    greeks.put(PUT.name(), new OptionGreeks(-0.5, 0.0001, 40, -150));
    book(ETH_PERPETUAL, levels(2999.95, 5000), levels(3000.05, 5000));
    mark(ETH_PERPETUAL, 3000);
  }

  private static InstrumentSpec option(String suffix, String type) {
    return new InstrumentSpec(
        "BTC-5JAN24-60000-" + suffix,
        "BTC",
        InstrumentSpec.Kind.OPTION,
        PriceGrid.deribitOption(),
        0.1,
        1,
        EXPIRY,
        60_000,
        type);
  }

  /** Levels from price, amount pairs, best first. */
  static List<PriceLevel> levels(double... priceAmountPairs) {
    List<PriceLevel> levels = new ArrayList<>();
    for (int i = 0; i < priceAmountPairs.length; i += 2) {
      levels.add(new PriceLevel(priceAmountPairs[i], priceAmountPairs[i + 1]));
    }
    return levels;
  }

  FakeMarket book(
      InstrumentSpec instrument, List<PriceLevel> bidLevels, List<PriceLevel> askLevels) {
    bids.put(instrument.name(), bidLevels);
    asks.put(instrument.name(), askLevels);
    return this;
  }

  FakeMarket mark(InstrumentSpec instrument, double price) {
    marks.put(instrument.name(), price);
    return this;
  }

  FakeMarket index(String currency, double price) {
    indexes.put(currency, price);
    return this;
  }

  FakeMarket deliver(InstrumentSpec instrument, double price) {
    deliveries.put(instrument.name(), price);
    return this;
  }

  FakeMarket advance(long millis) {
    now += millis;
    return this;
  }

  @Override
  public long nowMillis() {
    return now;
  }

  @Override
  public Optional<InstrumentSpec> instrument(String name) {
    return Optional.ofNullable(instruments.get(name));
  }

  @Override
  public List<PriceLevel> bids(String instrument) {
    return bids.getOrDefault(instrument, List.of());
  }

  @Override
  public List<PriceLevel> asks(String instrument) {
    return asks.getOrDefault(instrument, List.of());
  }

  @Override
  public double markPrice(String instrument) {
    return marks.get(instrument);
  }

  @Override
  public double indexPrice(String currency) {
    return indexes.get(currency);
  }

  @Override
  public OptionalDouble deliveryPrice(String instrument) {
    Double price = deliveries.get(instrument);
    return price == null ? OptionalDouble.empty() : OptionalDouble.of(price);
  }

  @Override
  public Optional<OptionGreeks> greeks(String instrument) {
    return Optional.ofNullable(greeks.get(instrument));
  }
}
