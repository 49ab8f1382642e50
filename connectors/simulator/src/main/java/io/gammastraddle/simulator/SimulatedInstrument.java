package io.gammastraddle.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything the simulator tracks for one instrument: its book, its trades and the statistics its
 * ticker reports. Subclasses price the instrument and write the kind-specific ticker fields.
 *
 * <p>Taker orders arrive as a Poisson process; each one picks a side and a size and sweeps at most
 * {@value #MAX_LEVELS_PER_TAKER} levels of the book, one trade per level, like Deribit's fills. The
 * ticker's {@code stats} cover the time since the simulation started.
 */
abstract class SimulatedInstrument {
  static final int MAX_LEVELS_PER_TAKER = 3;
  static final int INDEX_DECIMALS = 2;

  final Instrument instrument;
  final UnderlyingState underlying;
  final OrderBook book;
  final SplittableRandom random;
  final String bookChannel;
  final String tickerChannel;
  final String tradesChannel;

  private final double takerOrdersPerMilli;
  private final double medianTakerLots;
  private final Fills fills = new Fills();
  private double nextTakerAtMillis;

  private long lastTradeTicks;
  private int lastTickDirection;
  private long tradeSeq;
  private double firstTradePrice;
  private double high;
  private double low;
  private double coinVolume;
  private double usdVolume;
  protected double openInterest;
  protected double settlementPrice;

  SimulatedInstrument(
      Instrument instrument,
      UnderlyingState underlying,
      OrderBook book,
      double takerOrdersPerSecond,
      double medianTakerLots,
      SplittableRandom random) {
    this.instrument = instrument;
    this.underlying = underlying;
    this.book = book;
    this.random = random;
    this.takerOrdersPerMilli = takerOrdersPerSecond / 1000;
    this.medianTakerLots = medianTakerLots;
    this.bookChannel = "book." + instrument.name() + ".100ms";
    this.tickerChannel = "ticker." + instrument.name() + ".100ms";
    this.tradesChannel = "trades." + instrument.name() + ".100ms";
    this.tradeSeq = 1 + random.nextInt(1_000_000);
  }

  /** Theoretical price in the instrument's quote unit: USD for perpetuals, coin for options. */
  abstract double theoreticalPrice();

  abstract double markPrice();

  abstract int markDecimals();

  /** Recomputes the theoretical price and whatever the ticker derives from the underlying. */
  abstract void reprice(long nowMillis);

  /** Bid-ask spread in ticks the market makers quote around {@code theoreticalPrice}. */
  abstract long spreadTicks(double theoreticalPrice);

  abstract double coinAmount(long ticks, long lots);

  abstract double usdAmount(long ticks, long lots);

  /** Writes the ticker's {@code data} fields. */
  abstract void writeTickerData(JsonWriter json, long nowMillis);

  /** Writes fields only this kind's trades carry (options: {@code iv}). */
  void writeTradeExtras(JsonWriter json, long ticks) {}

  /** Prices the instrument, fills the book and sets the statistics at the start time. */
  final void start(long nowMillis) {
    reprice(nowMillis);
    quote();
    lastTradeTicks = Math.max(1, Math.round(book.ticks(theoreticalPrice())));
    firstTradePrice = book.price(lastTradeTicks);
    high = firstTradePrice;
    low = firstTradePrice;
    settlementPrice = markPrice();
    nextTakerAtMillis = nowMillis + nextTakerDelayMillis();
  }

  /** Advances to {@code nowMillis}: trades, requotes and appends this step's notifications. */
  final void step(
      long nowMillis,
      boolean settled,
      IdSequence tradeIds,
      JsonWriter json,
      List<Notification> out) {
    reprice(nowMillis);
    if (settled) {
      settlementPrice = markPrice();
    }
    book.beginStep();
    fills.clear();
    executeTakers(nowMillis, tradeIds);
    quote();
    out.add(bookChange(json, nowMillis));
    out.add(ticker(json, nowMillis));
    if (fills.count > 0) {
      out.add(trades(json));
    }
  }

  final String bookSnapshot(JsonWriter json, long nowMillis) {
    Notification.begin(json, bookChannel).beginObject("data");
    book.writeSnapshot(json, instrument.name(), nowMillis);
    json.endObject();
    return Notification.finish(json, bookChannel).frame();
  }

  final void writeBestQuotes(JsonWriter json) {
    writeBest(json, false, "best_ask_price", "best_ask_amount");
    writeBest(json, true, "best_bid_price", "best_bid_amount");
  }

  final void writeStats(JsonWriter json) {
    int decimals = book.priceDecimals();
    json.decimal("high", high, decimals)
        .decimal("low", low, decimals)
        .decimal("price_change", (lastPrice() / firstTradePrice - 1) * 100, 4)
        .decimal("volume", coinVolume, 8)
        .decimal("volume_usd", usdVolume, 2);
  }

  final double usdVolume() {
    return usdVolume;
  }

  final double lastPrice() {
    return book.price(lastTradeTicks);
  }

  final double index() {
    return underlying.index();
  }

  private void quote() {
    double theoreticalTicks = book.ticks(theoreticalPrice());
    long spread = spreadTicks(theoreticalPrice());
    long bid = Math.max(1, Math.round(theoreticalTicks - spread / 2.0));
    book.requote(bid, bid + spread);
  }

  private void executeTakers(long nowMillis, IdSequence tradeIds) {
    while (nextTakerAtMillis <= nowMillis) {
      long timestamp = (long) Math.ceil(nextTakerAtMillis);
      boolean buy = random.nextBoolean();
      long remaining = sampleTakerLots();
      for (int level = 0;
          remaining > 0 && level < MAX_LEVELS_PER_TAKER && book.hasLevels(!buy);
          level++) {
        long ticks = book.bestTicks(!buy);
        long filled = book.take(!buy, remaining);
        remaining -= filled;
        recordTrade(timestamp, buy, ticks, filled, tradeIds.next());
      }
      nextTakerAtMillis += nextTakerDelayMillis();
    }
  }

  private void recordTrade(long timestamp, boolean buy, long ticks, long lots, long tradeId) {
    int tickDirection;
    if (ticks > lastTradeTicks) {
      tickDirection = 0;
    } else if (ticks < lastTradeTicks) {
      tickDirection = 2;
    } else {
      tickDirection = lastTickDirection <= 1 ? 1 : 3;
    }
    lastTradeTicks = ticks;
    lastTickDirection = tickDirection;
    double price = book.price(ticks);
    high = Math.max(high, price);
    low = Math.min(low, price);
    coinVolume += coinAmount(ticks, lots);
    usdVolume += usdAmount(ticks, lots);
    // a trade opens or closes positions with equal odds
    double amount = book.amount(lots);
    openInterest = Math.max(0, openInterest + (random.nextBoolean() ? amount : -amount));
    fills.add(timestamp, buy, ticks, lots, tickDirection, tradeSeq++, tradeId);
  }

  private Notification bookChange(JsonWriter json, long nowMillis) {
    Notification.begin(json, bookChannel).beginObject("data");
    book.writeChange(json, instrument.name(), nowMillis);
    json.endObject();
    return Notification.finish(json, bookChannel);
  }

  private Notification ticker(JsonWriter json, long nowMillis) {
    Notification.begin(json, tickerChannel).beginObject("data");
    writeTickerData(json, nowMillis);
    json.endObject();
    return Notification.finish(json, tickerChannel);
  }

  private Notification trades(JsonWriter json) {
    Notification.begin(json, tradesChannel).beginArray("data");
    for (int i = 0; i < fills.count; i++) {
      long ticks = fills.ticks[i];
      double amount = book.amount(fills.lots[i]);
      json.beginObject()
          .field("timestamp", fills.timestamps[i])
          .decimal("price", book.price(ticks), book.priceDecimals())
          .decimal("amount", amount, book.amountDecimals())
          .field("direction", fills.buys[i] ? "buy" : "sell")
          .decimal("index_price", index(), INDEX_DECIMALS)
          .field("instrument_name", instrument.name())
          .field("trade_seq", fills.tradeSeqs[i])
          .decimal("mark_price", markPrice(), markDecimals())
          .field("tick_direction", fills.tickDirections[i])
          .decimal("contracts", amount / instrument.contractSize(), 1)
          .field("trade_id", Long.toString(fills.tradeIds[i]));
      writeTradeExtras(json, ticks);
      json.endObject();
    }
    json.endArray();
    return Notification.finish(json, tradesChannel);
  }

  private void writeBest(JsonWriter json, boolean bidSide, String priceField, String amountField) {
    if (book.hasLevels(bidSide)) {
      json.decimal(priceField, book.price(book.bestTicks(bidSide)), book.priceDecimals())
          .decimal(amountField, book.amount(book.bestLots(bidSide)), book.amountDecimals());
    } else {
      json.decimal(priceField, 0, 1).decimal(amountField, 0, 1);
    }
  }

  private double nextTakerDelayMillis() {
    return -Math.log(1 - random.nextDouble()) / takerOrdersPerMilli;
  }

  private long sampleTakerLots() {
    return Math.max(1, Math.round(medianTakerLots * Math.exp(random.nextGaussian())));
  }

  /** The trades of the current step, kept in parallel arrays until the step publishes them. */
  private static final class Fills {
    private int count;
    private long[] timestamps = new long[8];
    private boolean[] buys = new boolean[8];
    private long[] ticks = new long[8];
    private long[] lots = new long[8];
    private int[] tickDirections = new int[8];
    private long[] tradeSeqs = new long[8];
    private long[] tradeIds = new long[8];

    void clear() {
      count = 0;
    }

    void add(
        long timestamp,
        boolean buy,
        long priceTicks,
        long amountLots,
        int tickDirection,
        long tradeSeq,
        long tradeId) {
      if (count == ticks.length) {
        int capacity = count * 2;
        timestamps = Arrays.copyOf(timestamps, capacity);
        buys = Arrays.copyOf(buys, capacity);
        ticks = Arrays.copyOf(ticks, capacity);
        lots = Arrays.copyOf(lots, capacity);
        tickDirections = Arrays.copyOf(tickDirections, capacity);
        tradeSeqs = Arrays.copyOf(tradeSeqs, capacity);
        tradeIds = Arrays.copyOf(tradeIds, capacity);
      }
      timestamps[count] = timestamp;
      buys[count] = buy;
      ticks[count] = priceTicks;
      lots[count] = amountLots;
      tickDirections[count] = tickDirection;
      tradeSeqs[count] = tradeSeq;
      tradeIds[count] = tradeId;
      count++;
    }
  }
}
