package io.gammastraddle.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded synthetic Deribit market that writes the exact notifications Deribit's public channels
 * send. Given the same {@code (seed, startEpochMillis)} and parameters it produces the same frames,
 * byte for byte, on the same JDK.
 *
 * <p><b>Instruments.</b> For each underlying (defaults {@link UnderlyingParameters#btc()} and
 * {@link UnderlyingParameters#eth()}): the perpetual ({@code BTC-PERPETUAL}) and calls and puts on
 * 5 strikes (the strike step apart, centred on the start price) for two expiries: the first Friday
 * 08:00 UTC at least 2 days after the start and the one 4 weeks later ({@code BTC-5JAN24-60000-C}).
 *
 * <p><b>Dynamics</b>, stepped every {@value #STEP_MILLIS} ms of simulated time:
 *
 * <ul>
 *   <li>index: geometric Brownian motion with the underlying's annualized volatility (BTC 60%, ETH
 *       75%), no drift in log terms beyond the Itô correction, so its realized volatility matches;
 *   <li>perpetual mid = index * (1 + basis); the basis is Ornstein-Uhlenbeck around 1 bp with a 4
 *       bp stationary standard deviation and a 15-minute half-life; funding per 8 h is the basis
 *       clamped like Deribit's (zero within +-0.025%), {@code funding_8h} its 8-hour average,
 *       {@code interest_value} its running sum;
 *   <li>options: Black-76 on the forward index * exp(5% * T) with r = 0, T = time to the 08:00 UTC
 *       expiry / 365 days, iv = atm + skew * m + curvature * m^2 with m = ln(K/F) (BTC 55%, ETH 70%
 *       at the money, skew -0.10, curvature 0.5); the at-the-money level moves as an
 *       Ornstein-Uhlenbeck process in log space (10% standard deviation, 2-hour half-life). Price
 *       in coin = USD price / forward; Greeks in Deribit's ticker convention (see {@link
 *       OptionValue});
 *   <li>books: perpetuals 20 levels a side, one tick wide (0.5 USD BTC, 0.05 USD ETH), amounts in
 *       multiples of 10 USD; options 10 levels a side, about 3% wide, tick 0.0005 coin, amounts in
 *       multiples of 0.1 coin. Each step some levels change size or leave, the top follows the
 *       theoretical price and the book is refilled, so every book publishes a change each step;
 *   <li>trades: Poisson arrivals of taker orders (BTC perpetual 5/s, ETH perpetual 3/s, each option
 *       0.02/s) that sweep up to 3 levels of the book.
 * </ul>
 *
 * <p>Channels: {@code book.{instrument}.100ms}, {@code ticker.{instrument}.100ms}, {@code
 * trades.{instrument}.100ms}, {@code deribit_price_index.{btc_usd,eth_usd}}. Not thread-safe: one
 * thread steps the market and takes snapshots, so a snapshot always matches the change chain.
 */
public final class SimulatedMarket {
  public static final long STEP_MILLIS = 100;

  private static final int FIRST_INSTRUMENT_ID = 210_001;
  private static final int STRIKES_EACH_SIDE = 2;

  private final List<UnderlyingState> underlyings = new ArrayList<>();
  private final List<String> indexChannels = new ArrayList<>();
  private final List<SimulatedInstrument> simulated = new ArrayList<>();
  private final Map<String, SimulatedInstrument> byName = new LinkedHashMap<>();
  private final List<Instrument> instruments;
  private final Set<String> channels;
  private final IdSequence tradeIds;
  private final JsonWriter json = new JsonWriter();
  private long nowMillis;

  /** The default BTC and ETH market. */
  public SimulatedMarket(long seed, long startEpochMillis) {
    this(seed, startEpochMillis, List.of(UnderlyingParameters.btc(), UnderlyingParameters.eth()));
  }

  public SimulatedMarket(
      long seed, long startEpochMillis, List<UnderlyingParameters> underlyingParameters) {
    List<String> currencies =
        underlyingParameters.stream().map(UnderlyingParameters::currency).toList();
    if (currencies.isEmpty() || Set.copyOf(currencies).size() != currencies.size()) {
      throw new IllegalArgumentException(
          "underlyings must be distinct and not empty: " + currencies);
    }
    this.nowMillis = startEpochMillis;
    SplittableRandom root = new SplittableRandom(seed);
    this.tradeIds = new IdSequence(100_000_000L + root.nextInt(100_000_000));
    long firstExpiry = ExpiryCalendar.firstExpiry(startEpochMillis);
    long[] expiries = {firstExpiry, ExpiryCalendar.secondExpiry(startEpochMillis)};
    long creation = startEpochMillis - startEpochMillis % 86_400_000L - 86_400_000L;
    int instrumentId = FIRST_INSTRUMENT_ID;
    for (UnderlyingParameters parameters : underlyingParameters) {
      // each underlying and instrument draws from its own stream, so adding one changes no other
      UnderlyingState underlying = new UnderlyingState(parameters, STEP_MILLIS, root.split());
      underlyings.add(underlying);
      indexChannels.add("deribit_price_index." + parameters.indexName());
      add(
          new SimulatedPerpetual(
              Instrument.perpetual(parameters, instrumentId++),
              underlying,
              root.split(),
              firstChangeId(root)));
      long atm = Math.round(parameters.startPrice() / parameters.strikeStep());
      for (long expiry : expiries) {
        for (long k = atm - STRIKES_EACH_SIDE; k <= atm + STRIKES_EACH_SIDE; k++) {
          long strike = Math.round(k * parameters.strikeStep());
          for (Instrument.Kind kind : List.of(Instrument.Kind.CALL, Instrument.Kind.PUT)) {
            Instrument option =
                Instrument.option(
                    parameters.currency(), kind, strike, expiry, creation, instrumentId++);
            add(new SimulatedOption(option, underlying, root.split(), firstChangeId(root)));
          }
        }
      }
    }
    this.instruments = simulated.stream().map(s -> s.instrument).toList();
    this.channels = Collections.unmodifiableSet(allChannels());
    simulated.forEach(s -> s.start(startEpochMillis));
  }

  /**
   * Advances simulated time by {@value #STEP_MILLIS} ms and returns the notification frames of
   * every channel that has news: for each instrument a book change and a ticker, and its trades if
   * any happened; then each price index.
   */
  public List<String> step() {
    List<Notification> notifications = stepNotifications();
    List<String> frames = new ArrayList<>(notifications.size());
    for (Notification notification : notifications) {
      frames.add(notification.frame());
    }
    return frames;
  }

  /** {@link #step()} with each frame's channel, for routing to subscribers. */
  List<Notification> stepNotifications() {
    long previous = nowMillis;
    nowMillis += STEP_MILLIS;
    boolean settled =
        ExpiryCalendar.settlementsUpTo(nowMillis) != ExpiryCalendar.settlementsUpTo(previous);
    for (UnderlyingState underlying : underlyings) {
      underlying.advance();
    }
    List<Notification> out = new ArrayList<>(simulated.size() * 2 + 16);
    for (SimulatedInstrument instrument : simulated) {
      instrument.step(nowMillis, settled, tradeIds, json, out);
    }
    for (int i = 0; i < underlyings.size(); i++) {
      out.add(priceIndex(underlyings.get(i), indexChannels.get(i)));
    }
    return out;
  }

  /**
   * The {@code book.{instrument}.100ms} snapshot notification of the current book, carrying the
   * {@code change_id} of the latest change, so the next change's {@code prev_change_id} links to
   * it.
   *
   * @throws IllegalArgumentException if the market has no such instrument
   */
  public String bookSnapshot(String instrumentName) {
    SimulatedInstrument instrument = byName.get(instrumentName);
    if (instrument == null) {
      throw new IllegalArgumentException("no such instrument: " + instrumentName);
    }
    return instrument.bookSnapshot(json, nowMillis);
  }

  /** Simulated time of the latest step, in epoch milliseconds. */
  public long nowMillis() {
    return nowMillis;
  }

  /**
   * The listed instruments: per underlying the perpetual, then its options by expiry and strike.
   */
  public List<Instrument> instruments() {
    return instruments;
  }

  /** Every channel that can be subscribed to. */
  public Set<String> channels() {
    return channels;
  }

  /** The currencies of the simulated underlyings ({@code BTC}, {@code ETH}). */
  public List<String> currencies() {
    return underlyings.stream().map(u -> u.parameters.currency()).toList();
  }

  private void add(SimulatedInstrument instrument) {
    simulated.add(instrument);
    byName.put(instrument.instrument.name(), instrument);
  }

  private Set<String> allChannels() {
    Set<String> all = new LinkedHashSet<>();
    for (SimulatedInstrument instrument : simulated) {
      all.add(instrument.bookChannel);
      all.add(instrument.tickerChannel);
      all.add(instrument.tradesChannel);
    }
    all.addAll(indexChannels);
    return all;
  }

  private Notification priceIndex(UnderlyingState underlying, String channel) {
    Notification.begin(json, channel)
        .beginObject("data")
        .field("timestamp", nowMillis)
        .decimal("price", underlying.index(), SimulatedInstrument.INDEX_DECIMALS)
        .field("index_name", underlying.parameters.indexName())
        .endObject();
    return Notification.finish(json, channel);
  }

  private static long firstChangeId(SplittableRandom random) {
    return 10_000_000_000L + random.nextLong(90_000_000_000L);
  }
}
