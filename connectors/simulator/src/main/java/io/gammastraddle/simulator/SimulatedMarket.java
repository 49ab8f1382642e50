package io.gammastraddle.simulator;

import io.gammastraddle.pricing.OptionValuation;
import io.gammastraddle.simulator.exchange.MarketView;
import io.gammastraddle.simulator.exchange.PriceLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded synthetic Deribit market that writes the exact notifications Deribit's public channels
 * send. Given the same {@code (seed, startEpochMillis)} and parameters it produces the same frames,
 * byte for byte, on the same JDK.
 *
 * <p><b>Instruments.</b> For each underlying (defaults {@link UnderlyingParameters#btc()} and
 * {@link UnderlyingParameters#eth()}): the perpetual ({@code BTC-PERPETUAL}) and calls and puts on
 * three expiries at a time, one of each {@link ExpiryCalendar.Series}: the next daily 08:00 UTC at
 * least 2 hours away (3 strikes), the next Friday at least 2 days away (5 strikes) and the next
 * last Friday of a month at least 4 weeks away (3 strikes), never two on the same date. Strikes are
 * the strike step apart, centred on the index when the expiry lists ({@code BTC-5JAN24-60000-C}):
 * 22 options and a perpetual per currency.
 *
 * <p><b>Expiries.</b> At each 08:00 UTC the expiring options settle at Deribit's delivery price,
 * the average of the index over the 30 minutes before (see {@link #deliveryPrice}); they stop
 * publishing and leave {@link #instruments()} and {@link #channels()}, and their series lists its
 * next expiry with new instrument ids, books and change ids. Both are announced on {@code
 * instrument.state.{kind}.{currency}}: {@code delivered} when an option settles, {@code open} when
 * one lists.
 *
 * <p><b>Dynamics</b>, stepped every {@value #STEP_MILLIS} ms of simulated time:
 *
 * <ul>
 *   <li>index: a stochastic-volatility jump diffusion, a martingale (log variance
 *       Ornstein-Uhlenbeck, correlated with the price, plus Merton jumps; {@link IndexDynamics}),
 *       about 60% long-run volatility for BTC and 75% for ETH;
 *   <li>perpetual mid = index * (1 + basis); the basis is Ornstein-Uhlenbeck around 1 bp with a 4
 *       bp stationary standard deviation and a 15-minute half-life; funding per 8 h is the basis
 *       clamped like Deribit's (zero within +-0.025%), {@code funding_8h} its 8-hour average,
 *       {@code interest_value} its running sum;
 *   <li>options: Black-76 on the forward index * exp(5% * T) with r = 0, T = time to the 08:00 UTC
 *       expiry / 365 days, iv = atm + skew * m + curvature * m^2 with m = ln(K/F) (BTC 55%, ETH 70%
 *       at the money, skew -0.10, curvature 0.5); the at-the-money level moves as an
 *       Ornstein-Uhlenbeck process in log space (10% standard deviation, 2-hour half-life). Price
 *       in coin = USD price / forward; Greeks in Deribit's ticker convention (see {@link
 *       io.gammastraddle.pricing.Black76});
 *   <li>books: perpetuals 20 levels a side, one tick wide (0.5 USD BTC, 0.05 USD ETH), amounts in
 *       multiples of 10 USD; options 10 levels a side, about 3% wide, on Deribit's option grid
 *       (0.0001 coin up to 0.005, 0.0005 above), amounts in multiples of 0.1 BTC or 1 ETH. Each
 *       step some levels change size or leave, the top follows the theoretical price and the book
 *       is refilled, so every book publishes a change each step;
 *   <li>trades: Poisson arrivals of taker orders (BTC perpetual 5/s, ETH perpetual 3/s, each option
 *       0.02/s) that sweep up to 3 levels of the book.
 * </ul>
 *
 * <p>Channels: {@code book.{instrument}.100ms}, {@code ticker.{instrument}.100ms}, {@code
 * trades.{instrument}.100ms} of the listed instruments, {@code deribit_price_index.{btc_usd,
 * eth_usd}} and {@code instrument.state.{future,option,any}.{BTC,ETH,any}}. Not thread-safe: one
 * thread steps the market and reads it, so a snapshot always matches the change chain.
 */
public final class SimulatedMarket implements MarketSource {
  public static final long STEP_MILLIS = 100;

  /** How long {@link #deliveryPrice} remembers a settled instrument. */
  private static final Duration SETTLED_RETENTION = Duration.ofDays(7);

  /**
   * Deribit's book lifecycle states, which {@code instrument.state} carries since its API release
   * 13.01.2026 ("New order book lifecycle", replacing created/started/settled/closed/terminated):
   * {@code open} once tradable, {@code delivered} at expiry (docs.deribit.com, market-data guide).
   */
  private static final String STATE_OPEN = "open";

  private static final String STATE_DELIVERED = "delivered";

  private static final int FIRST_INSTRUMENT_ID = 210_001;
  private static final String ANY = "any";
  private static final List<String> STATE_KINDS = List.of("future", "option", ANY);

  /** Longest first, so a shorter series skips a date a longer one already holds. */
  private static final List<ExpiryCalendar.Series> LISTING_ORDER =
      List.of(
          ExpiryCalendar.Series.MONTHLY, ExpiryCalendar.Series.WEEKLY, ExpiryCalendar.Series.DAILY);

  private static final Comparator<SimulatedOption> OPTION_ORDER =
      Comparator.<SimulatedOption>comparingLong(o -> o.instrument.expirationTimestamp())
          .thenComparingDouble(o -> o.instrument.strike())
          .thenComparing(o -> o.instrument.kind());

  private final List<Chain> chains = new ArrayList<>();
  private final List<String> stateChannels = new ArrayList<>();
  private final IdSequence instrumentIds = new IdSequence(FIRST_INSTRUMENT_ID);
  private final IdSequence tradeIds;
  private final Map<String, Settlement> settled = new LinkedHashMap<>();
  private final JsonWriter json = new JsonWriter();
  private final MarketView view = new SimulatedMarketView(this);
  private List<SimulatedInstrument> listed = List.of();
  private Map<String, SimulatedInstrument> byName = Map.of();
  private List<Instrument> instruments = List.of();
  private Set<String> channels = Set.of();
  private long nowMillis;
  private long nextSettlementMillis;

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
    this.nextSettlementMillis = ExpiryCalendar.settlementAfter(startEpochMillis);
    SplittableRandom root = new SplittableRandom(seed);
    this.tradeIds = new IdSequence(100_000_000L + root.nextInt(100_000_000));
    for (UnderlyingParameters parameters : underlyingParameters) {
      // each underlying and instrument draws from its own stream, so adding one changes no other
      UnderlyingState underlying = new UnderlyingState(parameters, STEP_MILLIS, root.split());
      SimulatedPerpetual perpetual =
          new SimulatedPerpetual(
              Instrument.perpetual(parameters, nextInstrumentId()),
              underlying,
              root.split(),
              firstChangeId(root));
      perpetual.start(startEpochMillis);
      chains.add(new Chain(underlying, perpetual, root.split()));
    }
    for (String kind : STATE_KINDS) {
      for (String currency : currencies) {
        stateChannels.add(stateChannel(kind, currency));
      }
      stateChannels.add(stateChannel(kind, ANY));
    }
    for (Chain chain : chains) {
      for (ExpiryCalendar.Series series : LISTING_ORDER) {
        list(chain, series);
      }
    }
    updateListings();
  }

  /**
   * Advances simulated time by {@value #STEP_MILLIS} ms and returns the notification frames of
   * every channel that has news: at 08:00 UTC first the settled and the newly listed options'
   * {@code instrument.state}; then for each listed instrument a book change and a ticker, and its
   * trades if any happened; then each price index.
   */
  public List<String> step() {
    List<Notification> notifications = stepNotifications();
    List<String> frames = new ArrayList<>(notifications.size());
    for (Notification notification : notifications) {
      frames.add(notification.frame());
    }
    return frames;
  }

  @Override
  public long stepMillis() {
    return STEP_MILLIS;
  }

  /** {@link #step()} with each frame's channel, for routing to subscribers. */
  @Override
  public List<Notification> stepNotifications() {
    nowMillis += STEP_MILLIS;
    boolean settling = nowMillis >= nextSettlementMillis;
    boolean inDeliveryWindow =
        nowMillis <= nextSettlementMillis
            && nowMillis > nextSettlementMillis - UnderlyingState.DELIVERY_WINDOW_MILLIS;
    for (Chain chain : chains) {
      chain.underlying.advance();
      if (inDeliveryWindow) {
        chain.underlying.sampleDeliveryWindow();
      }
    }
    List<Notification> out = new ArrayList<>(listed.size() * 2 + 16);
    if (settling) {
      settleExpiredOptions(out);
      listSuccessors(out);
      updateListings();
      nextSettlementMillis = ExpiryCalendar.settlementAfter(nowMillis);
    }
    for (SimulatedInstrument instrument : listed) {
      instrument.step(nowMillis, settling, tradeIds, json, out);
    }
    for (Chain chain : chains) {
      out.add(priceIndex(chain));
    }
    return out;
  }

  /**
   * The {@code book.{instrument}.100ms} snapshot notification of the current book, carrying the
   * {@code change_id} of the latest change, so the next change's {@code prev_change_id} links to
   * it.
   *
   * @throws IllegalArgumentException if no such instrument is listed
   */
  @Override
  public String bookSnapshot(String instrumentName) {
    return listedInstrument(instrumentName).bookSnapshot(json, nowMillis);
  }

  /** Simulated time of the latest step, in epoch milliseconds. */
  @Override
  public long nowMillis() {
    return nowMillis;
  }

  /**
   * The instruments listed now: per underlying the perpetual, then its options by expiry, strike
   * and type (call first). The list changes when options settle and new ones list.
   */
  public List<Instrument> instruments() {
    return instruments;
  }

  /** Every channel that can be subscribed to now; it changes with the listed instruments. */
  @Override
  public Set<String> channels() {
    return channels;
  }

  /** The currencies of the simulated underlyings ({@code BTC}, {@code ETH}). */
  @Override
  public List<String> currencies() {
    return chains.stream().map(chain -> chain.underlying.parameters.currency()).toList();
  }

  @Override
  public List<String> instrumentDefinitions(String currency, String kind) {
    return instruments.stream()
        .filter(i -> currency.equals("any") || i.currency().equals(currency))
        .filter(i -> kind == null || i.deribitKind().equals(kind))
        .map(Instrument::definitionJson)
        .toList();
  }

  @Override
  public MarketView view() {
    return view;
  }

  /** The Black-76 value of a listed option at the latest step; empty for other instruments. */
  Optional<OptionValuation> optionValue(String name) {
    return byName.get(name) instanceof SimulatedOption option
        ? Optional.of(option.value())
        : Optional.empty();
  }

  /** The contract terms of a listed instrument; empty if it is not listed (never, or settled). */
  public Optional<Instrument> instrument(String name) {
    SimulatedInstrument instrument = byName.get(name);
    return instrument == null ? Optional.empty() : Optional.of(instrument.instrument);
  }

  /**
   * The bid side of a listed instrument's current book, best (highest) first.
   *
   * @throws IllegalArgumentException if no such instrument is listed
   */
  public List<PriceLevel> bids(String name) {
    return listedInstrument(name).book.levels(true);
  }

  /**
   * The ask side of a listed instrument's current book, best (lowest) first.
   *
   * @throws IllegalArgumentException if no such instrument is listed
   */
  public List<PriceLevel> asks(String name) {
    return listedInstrument(name).book.levels(false);
  }

  /**
   * The mark price of a listed instrument, before the ticker rounds it: coin for options, USD for
   * perpetuals.
   *
   * @throws IllegalArgumentException if no such instrument is listed
   */
  public double markPrice(String name) {
    return listedInstrument(name).markPrice();
  }

  /**
   * The price index of a currency ({@code BTC}: {@code btc_usd}) in USD, before rounding.
   *
   * @throws IllegalArgumentException if the market does not simulate the currency
   */
  public double indexPrice(String currency) {
    for (Chain chain : chains) {
      if (chain.underlying.parameters.currency().equals(currency)) {
        return chain.underlying.index();
      }
    }
    throw new IllegalArgumentException("no such currency: " + currency);
  }

  /**
   * The delivery price an option settled at, in USD: the average of the index over the 30 minutes
   * before its expiry, rounded like the index to 0.01. Present from its expiry on, for a week;
   * empty for listed and unknown instruments.
   */
  public OptionalDouble deliveryPrice(String name) {
    Settlement settlement = settled.get(name);
    return settlement == null
        ? OptionalDouble.empty()
        : OptionalDouble.of(settlement.deliveryPrice());
  }

  private SimulatedInstrument listedInstrument(String name) {
    SimulatedInstrument instrument = byName.get(name);
    if (instrument == null) {
      throw new IllegalArgumentException("no such instrument: " + name);
    }
    return instrument;
  }

  private void settleExpiredOptions(List<Notification> out) {
    for (Chain chain : chains) {
      double deliveryPrice = roundToIndex(chain.underlying.deliveryAverage());
      chain.underlying.resetDeliveryWindow();
      for (Iterator<SimulatedOption> it = chain.options.iterator(); it.hasNext(); ) {
        Instrument option = it.next().instrument;
        if (option.expirationTimestamp() <= nowMillis) {
          it.remove();
          settled.put(option.name(), new Settlement(deliveryPrice, nowMillis));
          publishState(option, STATE_DELIVERED, out);
        }
      }
      chain.expiries.values().removeIf(expiry -> expiry <= nowMillis);
    }
    long forgetBefore = nowMillis - SETTLED_RETENTION.toMillis();
    settled.values().removeIf(settlement -> settlement.settledAtMillis() < forgetBefore);
  }

  private void listSuccessors(List<Notification> out) {
    for (Chain chain : chains) {
      for (ExpiryCalendar.Series series : LISTING_ORDER) {
        if (!chain.expiries.containsKey(series)) {
          for (SimulatedOption option : list(chain, series)) {
            publishState(option.instrument, STATE_OPEN, out);
          }
        }
      }
    }
  }

  /**
   * Lists the next expiry of {@code series}: calls and puts around the index, priced and quoted.
   */
  private List<SimulatedOption> list(Chain chain, ExpiryCalendar.Series series) {
    UnderlyingParameters parameters = chain.underlying.parameters;
    long expiry = ExpiryCalendar.nextExpiry(series, nowMillis, chain.expiries.values());
    chain.expiries.put(series, expiry);
    long atm = Math.round(chain.underlying.index() / parameters.strikeStep());
    List<SimulatedOption> options = new ArrayList<>();
    for (long k = Math.max(1, atm - series.strikesEachSide);
        k <= atm + series.strikesEachSide;
        k++) {
      long strike = Math.round(k * parameters.strikeStep());
      for (Instrument.Kind kind : List.of(Instrument.Kind.CALL, Instrument.Kind.PUT)) {
        Instrument terms =
            Instrument.option(parameters, kind, strike, expiry, nowMillis, nextInstrumentId());
        SimulatedOption option =
            new SimulatedOption(
                terms, chain.underlying, chain.random.split(), firstChangeId(chain.random));
        option.start(nowMillis);
        options.add(option);
      }
    }
    chain.options.addAll(options);
    chain.options.sort(OPTION_ORDER);
    return options;
  }

  /** Recomputes what {@link #instruments()} and {@link #channels()} report. */
  private void updateListings() {
    List<SimulatedInstrument> all = new ArrayList<>();
    for (Chain chain : chains) {
      all.add(chain.perpetual);
      all.addAll(chain.options);
    }
    Map<String, SimulatedInstrument> names = new HashMap<>();
    Set<String> allChannels = new LinkedHashSet<>();
    for (SimulatedInstrument instrument : all) {
      names.put(instrument.instrument.name(), instrument);
      allChannels.add(instrument.bookChannel);
      allChannels.add(instrument.tickerChannel);
      allChannels.add(instrument.tradesChannel);
    }
    chains.forEach(chain -> allChannels.add(chain.indexChannel));
    allChannels.addAll(stateChannels);
    listed = List.copyOf(all);
    byName = names;
    instruments = all.stream().map(instrument -> instrument.instrument).toList();
    channels = Collections.unmodifiableSet(allChannels);
  }

  /**
   * Deribit's {@code instrument.state} notification, {@code {"timestamp", "state",
   * "instrument_name"}} (the docs' example for {@code instrument.state.any.any}), on the channel of
   * the instrument's kind and currency and on their {@code any} forms.
   */
  private void publishState(Instrument instrument, String state, List<Notification> out) {
    for (String kind : List.of(instrument.deribitKind(), ANY)) {
      for (String currency : List.of(instrument.currency(), ANY)) {
        String channel = stateChannel(kind, currency);
        Notification.begin(json, channel)
            .beginObject("data")
            .field("timestamp", nowMillis)
            .field("state", state)
            .field("instrument_name", instrument.name())
            .endObject();
        out.add(Notification.finish(json, channel));
      }
    }
  }

  private Notification priceIndex(Chain chain) {
    Notification.begin(json, chain.indexChannel)
        .beginObject("data")
        .field("timestamp", nowMillis)
        .decimal("price", chain.underlying.index(), SimulatedInstrument.INDEX_DECIMALS)
        .field("index_name", chain.underlying.parameters.indexName())
        .endObject();
    return Notification.finish(json, chain.indexChannel);
  }

  private int nextInstrumentId() {
    return Math.toIntExact(instrumentIds.next());
  }

  /** Deribit's currency in these channels is upper case or {@code any}: {@code option.BTC}. */
  private static String stateChannel(String kind, String currency) {
    return "instrument.state." + kind + "." + currency;
  }

  private static double roundToIndex(double price) {
    double scale = Math.pow(10, SimulatedInstrument.INDEX_DECIMALS);
    return Math.round(price * scale) / scale;
  }

  private static long firstChangeId(SplittableRandom random) {
    return 10_000_000_000L + random.nextLong(90_000_000_000L);
  }

  /** One underlying's instruments: its perpetual and the options of each listed expiry. */
  private static final class Chain {
    final UnderlyingState underlying;
    final SimulatedPerpetual perpetual;
    final SplittableRandom random;
    final String indexChannel;
    final Map<ExpiryCalendar.Series, Long> expiries = new EnumMap<>(ExpiryCalendar.Series.class);
    final List<SimulatedOption> options = new ArrayList<>();

    Chain(UnderlyingState underlying, SimulatedPerpetual perpetual, SplittableRandom random) {
      this.underlying = underlying;
      this.perpetual = perpetual;
      this.random = random;
      this.indexChannel = "deribit_price_index." + underlying.parameters.indexName();
    }
  }

  private record Settlement(double deliveryPrice, long settledAtMillis) {}
}
