package io.gammastraddle.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.book.BookState;
import io.gammastraddle.book.Levels;
import io.gammastraddle.book.OrderBook;
import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.market.MarketDecoder;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.market.PriceGrid;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.simulator.exchange.InstrumentSpec;
import io.gammastraddle.simulator.exchange.MarketView;
import io.gammastraddle.simulator.exchange.OptionGreeks;
import io.gammastraddle.simulator.exchange.PriceLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deribit's market as a {@link MirrorMarket} rebuilds it from the notifications it follows: the
 * instruments' definitions, books (snapshot plus chained changes), the latest tickers and index
 * prices. It is what the paper exchange trades against and what new subscribers' book snapshots are
 * rendered from. Used from one thread at a time (the exchange loop's, once the server runs).
 *
 * <p>An instrument is offered to the paper exchange only once its mark price and its currency's
 * index have arrived, so no order is priced or margined on a missing number. A book that misses a
 * change, or whose connection was lost, shows no levels until a fresh snapshot arrives: no paper
 * order fills against a book the mirror cannot vouch for.
 */
final class MirrorMarketView implements MarketView {
  private static final Logger LOG = LoggerFactory.getLogger(MirrorMarketView.class);
  private static final String BOOK_PREFIX = "book.";
  private static final String BOOK_SUFFIX = ".100ms";
  // Deribit's prices and amounts have at most 4 or 5 decimals (option tick 0.0001 coin, amount
  // step 0.1): 8 places print the parsed doubles exactly and drop only binary noise.
  private static final int LEVEL_DECIMALS = 8;

  /** One instrument followed: its {@code public/get_instruments} element and its terms. */
  private record Listed(String definitionJson, InstrumentSpec spec) {}

  private final Map<String, Listed> instruments = new LinkedHashMap<>();
  private final Consumer<String> brokenBooks;
  private final MarketDecoder decoder = new MarketDecoder();
  private final Map<String, BookState> books = new HashMap<>();
  private final Map<String, Ticker> tickers = new HashMap<>();
  private final Map<String, Double> indexPrices = new HashMap<>();
  private final JsonWriter json = new JsonWriter();
  private long nowMillis;

  /**
   * @param definitions {@code public/get_instruments} elements of the instruments followed
   * @param brokenBooks hears the channel of each book that missed a change upstream
   * @param nowMillis the clock's start, epoch milliseconds
   */
  MirrorMarketView(List<JsonNode> definitions, Consumer<String> brokenBooks, long nowMillis) {
    for (JsonNode definition : definitions) {
      InstrumentSpec spec = spec(definition);
      instruments.put(spec.name(), new Listed(definition.toString(), spec));
    }
    this.brokenBooks = brokenBooks;
    this.nowMillis = nowMillis;
  }

  /** The terms {@code public/get_instruments} gives, as the paper exchange reads them. */
  static InstrumentSpec spec(JsonNode definition) {
    boolean option = definition.path("kind").asText().equals("option");
    boolean perpetual = definition.path("settlement_period").asText().equals("perpetual");
    InstrumentSpec.Kind kind =
        option
            ? InstrumentSpec.Kind.OPTION
            : perpetual ? InstrumentSpec.Kind.PERPETUAL : InstrumentSpec.Kind.FUTURE;
    return new InstrumentSpec(
        definition.path("instrument_name").asText(),
        definition.path("settlement_currency").asText(),
        kind,
        priceGrid(definition),
        definition.path("min_trade_amount").asDouble(),
        definition.path("contract_size").asDouble(),
        perpetual ? Long.MAX_VALUE : definition.path("expiration_timestamp").asLong(),
        option ? definition.path("strike").asDouble() : Double.NaN,
        option ? definition.path("option_type").asText() : null);
  }

  /** {@code tick_size} and the coarser ticks of {@code tick_size_steps} (dearer options). */
  private static PriceGrid priceGrid(JsonNode definition) {
    List<PriceGrid.Step> steps = new ArrayList<>();
    for (JsonNode step : definition.path("tick_size_steps")) {
      steps.add(
          new PriceGrid.Step(
              step.path("above_price").asDouble(), step.path("tick_size").asDouble()));
    }
    return new PriceGrid(definition.path("tick_size").asDouble(), steps);
  }

  /** The instruments followed, in the order of their definitions. */
  List<String> instrumentNames() {
    return List.copyOf(instruments.keySet());
  }

  /**
   * The definitions of the instruments followed, of {@code currency} ({@code any} for all) and
   * Deribit {@code kind} ({@code null} for all), leaving out those expired by now.
   */
  List<String> definitions(String currency, String kind) {
    List<String> out = new ArrayList<>();
    for (Listed listed : instruments.values()) {
      InstrumentSpec spec = listed.spec();
      if ((currency.equals("any") || spec.currency().equals(currency))
          && (kind == null || spec.deribitKind().equals(kind))
          && spec.expirationMillis() > nowMillis) {
        out.add(listed.definitionJson());
      }
    }
    return out;
  }

  /** Moves the clock, epoch milliseconds. */
  void advanceTo(long epochMillis) {
    nowMillis = epochMillis;
  }

  /**
   * Applies one notification: a book snapshot or change, a ticker, an index price (trades change
   * nothing here). A change that does not link to its book marks the book stale and is reported to
   * {@code brokenBooks} once, until a snapshot repairs it.
   */
  void apply(SubscriptionParams notification, long receivedNanos) {
    try {
      decoder.decode(notification.withReceiveTime(receivedNanos), this::apply);
    } catch (MalformedMessageException malformed) {
      LOG.debug("Mirror cannot read {}: {}", notification.channel(), malformed.getMessage());
    }
  }

  private void apply(MarketEvent event) {
    if (event.book() != null) {
      String instrument = event.book().instrument();
      BookState.Step step = BookState.next(books.get(instrument), event.book());
      books.put(instrument, step.state());
      if (step.outcome() == BookState.Outcome.GAP) {
        brokenBooks.accept(bookChannel(instrument));
      }
    } else if (event.ticker() != null) {
      tickers.put(event.ticker().instrument(), event.ticker());
    } else if (event.index() != null) {
      indexPrices.put(event.index().underlying(), event.index().price());
    }
  }

  /**
   * The upstream connection was lost: every book is stale until the reconnection's snapshots
   * arrive, since changes were missed meanwhile.
   */
  void connectionLost() {
    books.replaceAll((instrument, state) -> new BookState(state.book(), true));
  }

  /**
   * What has not arrived yet: each instrument without a book or a ticker, each currency without an
   * index price. Empty once the mirror can serve every instrument.
   */
  List<String> missing() {
    List<String> missing = new ArrayList<>();
    for (Listed listed : instruments.values()) {
      String name = listed.spec().name();
      if (!books.containsKey(name) || books.get(name).book() == null) {
        missing.add(bookChannel(name));
      }
      if (!tickers.containsKey(name)) {
        missing.add("ticker." + name + BOOK_SUFFIX);
      }
      if (!indexPrices.containsKey(listed.spec().currency())) {
        missing.add("index of " + listed.spec().currency());
      }
    }
    return missing.stream().distinct().toList();
  }

  /**
   * The {@code book.{instrument}.100ms} snapshot notification of the book as rebuilt, with the
   * {@code change_id} of the last change applied, so the next change upstream links to it. Before
   * the first snapshot arrives it is empty with change id 0, which no change links to.
   *
   * @throws IllegalArgumentException if the instrument is not followed
   */
  String bookSnapshot(String instrument) {
    if (!instruments.containsKey(instrument)) {
      throw new IllegalArgumentException("no such instrument: " + instrument);
    }
    BookState state = books.get(instrument);
    OrderBook book = state == null ? null : state.book();
    String channel = bookChannel(instrument);
    json.reset();
    Notification.begin(json, channel)
        .beginObject("data")
        .field("type", "snapshot")
        .field("timestamp", book == null ? nowMillis : book.timestamp())
        .field("instrument_name", instrument)
        .field("change_id", book == null ? 0 : book.changeId());
    writeLevels("bids", book == null ? Levels.EMPTY : book.bids());
    writeLevels("asks", book == null ? Levels.EMPTY : book.asks());
    json.endObject();
    return Notification.finish(json, channel).frame();
  }

  private void writeLevels(String side, Levels levels) {
    json.beginArray(side);
    for (int i = 0; i < levels.size(); i++) {
      json.beginArray()
          .value("new")
          .value(levels.prices()[i], LEVEL_DECIMALS)
          .value(levels.amounts()[i], LEVEL_DECIMALS)
          .endArray();
    }
    json.endArray();
  }

  private static String bookChannel(String instrument) {
    return BOOK_PREFIX + instrument + BOOK_SUFFIX;
  }

  @Override
  public long nowMillis() {
    return nowMillis;
  }

  @Override
  public Optional<InstrumentSpec> instrument(String name) {
    Listed listed = instruments.get(name);
    if (listed == null
        || !Double.isFinite(markPrice(name))
        || !Double.isFinite(indexPrice(listed.spec().currency()))) {
      return Optional.empty();
    }
    return Optional.of(listed.spec());
  }

  @Override
  public List<PriceLevel> bids(String instrument) {
    return levels(instrument, true);
  }

  @Override
  public List<PriceLevel> asks(String instrument) {
    return levels(instrument, false);
  }

  private List<PriceLevel> levels(String instrument, boolean bids) {
    BookState state = books.get(instrument);
    if (state == null || state.stale() || state.book() == null) {
      return List.of();
    }
    Levels side = bids ? state.book().bids() : state.book().asks();
    List<PriceLevel> levels = new ArrayList<>(side.size());
    for (int i = 0; i < side.size(); i++) {
      levels.add(new PriceLevel(side.prices()[i], side.amounts()[i]));
    }
    return levels;
  }

  @Override
  public double markPrice(String instrument) {
    Ticker ticker = tickers.get(instrument);
    return ticker == null ? Double.NaN : ticker.markPrice();
  }

  @Override
  public double indexPrice(String currency) {
    return indexPrices.getOrDefault(currency, Double.NaN);
  }

  /** Always empty: mirrored expiries do not settle paper positions (README, "Mirror mode"). */
  @Override
  public OptionalDouble deliveryPrice(String instrument) {
    return OptionalDouble.empty();
  }

  @Override
  public Optional<OptionGreeks> greeks(String instrument) {
    Ticker ticker = tickers.get(instrument);
    if (ticker == null || ticker.kind() != InstrumentKind.OPTION || Double.isNaN(ticker.delta())) {
      return Optional.empty();
    }
    return Optional.of(
        new OptionGreeks(ticker.delta(), ticker.gamma(), ticker.vega(), ticker.theta()));
  }
}
