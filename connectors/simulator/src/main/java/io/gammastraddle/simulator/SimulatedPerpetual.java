package io.gammastraddle.simulator;

import java.util.SplittableRandom;

/**
 * The inverse perpetual: mid = index * (1 + basis), quoted one tick wide, amounts in USD in
 * multiples of {@value #LOT_USD}. Funding comes from the basis (see {@link UnderlyingState}).
 */
final class SimulatedPerpetual extends SimulatedInstrument {
  static final OrderBook.Shape BOOK_SHAPE = new OrderBook.Shape(20, 3, 200, 1.5, 0.15);
  static final double LOT_USD = 10;
  static final double MEDIAN_TAKER_LOTS = 30;

  /** Deribit's price limits sit about 1.5% either side of the mark price. */
  static final double PRICE_BAND = 0.015;

  static final double INITIAL_OPEN_INTEREST_USD = 1e9;

  private double mid;

  SimulatedPerpetual(
      Instrument instrument,
      UnderlyingState underlying,
      SplittableRandom random,
      long firstChangeId) {
    super(
        instrument,
        underlying,
        new OrderBook(instrument.priceGrid(), LOT_USD, BOOK_SHAPE, random, firstChangeId),
        underlying.parameters.perpetualTradesPerSecond(),
        MEDIAN_TAKER_LOTS,
        random);
    openInterest = Math.round(INITIAL_OPEN_INTEREST_USD * (0.8 + 0.4 * random.nextDouble()));
  }

  @Override
  void reprice(long nowMillis) {
    mid = underlying.perpetualMid();
  }

  @Override
  double theoreticalPrice() {
    return mid;
  }

  @Override
  double markPrice() {
    return mid;
  }

  @Override
  int markDecimals() {
    return 2;
  }

  @Override
  long spreadTicks(double theoreticalPrice) {
    return 1;
  }

  @Override
  double coinAmount(long ticks, long lots) {
    return book.amount(lots) / book.price(ticks);
  }

  @Override
  double usdAmount(long ticks, long lots) {
    return book.amount(lots);
  }

  @Override
  void writeTickerData(JsonWriter json, long nowMillis) {
    json.field("timestamp", nowMillis).field("state", "open").beginObject("stats");
    writeStats(json);
    json.decimal("volume_notional", usdVolume(), 2)
        .endObject()
        .decimal("index_price", index(), INDEX_DECIMALS)
        .field("instrument_name", instrument.name())
        .decimal("last_price", lastPrice(), book.priceDecimals())
        .decimal("settlement_price", settlementPrice, 2)
        .decimal("min_price", mid * (1 - PRICE_BAND), 2)
        .decimal("max_price", mid * (1 + PRICE_BAND), 2)
        .decimal("open_interest", openInterest, 1)
        .decimal("mark_price", mid, 2)
        .decimal("interest_value", underlying.interestValue(), 12);
    writeBestQuotes(json);
    json.decimal("estimated_delivery_price", index(), INDEX_DECIMALS)
        .decimal("current_funding", underlying.currentFunding(), 8)
        .decimal("funding_8h", underlying.funding8h(), 8);
  }
}
