package io.gammastraddle.deribit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.websocket.DeribitRpcException;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which market-data channels to follow: for each currency its perpetual and the options a {@link
 * ChainSelection} picks (from {@code public/get_instruments} and {@code public/get_index_price}),
 * each with its book, ticker and trades channel, plus the currency's price index. Shared by the
 * bridge, which runs {@link #discover()} again periodically, and the recorder, so both follow the
 * same market.
 *
 * <pre>{@code
 * MarketChannels market = new MarketChannels(
 *     connection, List.of("BTC", "ETH"), "100ms", ChainSelection.defaults(), Clock.systemUTC());
 * connection.subscribe(market.discover()).join();
 * }</pre>
 */
public final class MarketChannels {

  private static final Logger LOG = LoggerFactory.getLogger(MarketChannels.class);

  /** JSON-RPC 2.0's "Method not found", what a server without {@code get_index_price} answers. */
  private static final int METHOD_NOT_FOUND = -32601;

  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final String INSTRUMENT_STATE = "instrument.state.";

  private final ResilientConnection connection;
  private final List<String> currencies;
  private final String interval;
  private final ChainSelection chain;
  private final Clock clock;
  private final AtomicBoolean warnedNoIndex = new AtomicBoolean();

  /**
   * @param connection where to ask for instruments and index prices
   * @param currencies e.g. {@code BTC}, {@code ETH}
   * @param interval the notification interval of the instrument channels, e.g. {@code 100ms}
   * @param chain which options to follow
   * @param clock what "now" is when counting days to expiry
   */
  public MarketChannels(
      ResilientConnection connection,
      List<String> currencies,
      String interval,
      ChainSelection chain,
      Clock clock) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.currencies = List.copyOf(currencies);
    this.interval = Objects.requireNonNull(interval, "interval");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The channels of every currency's perpetual, with the {@link ChainSelection#defaults()} options
   * if {@code options}, and its index, as of now.
   */
  public static List<String> discover(
      ResilientConnection connection, List<String> currencies, String interval, boolean options)
      throws IOException, TimeoutException, InterruptedException {
    ChainSelection chain = options ? ChainSelection.defaults() : ChainSelection.perpetualsOnly();
    return new MarketChannels(connection, currencies, interval, chain, Clock.systemUTC())
        .discover();
  }

  /**
   * Asks the exchange for the instruments (and, if options are followed, the index prices) and
   * returns the channels to follow, in a stable order. A server that does not know {@code
   * public/get_index_price} (JSON-RPC -32601) gets options of every strike, with one WARN.
   *
   * @throws DeribitRpcException if the server refuses a request otherwise
   */
  public List<String> discover() throws IOException, TimeoutException, InterruptedException {
    List<String> channels = new ArrayList<>();
    for (String currency : currencies) {
      List<String> wanted = channels(currency, chosen(currency), interval);
      LOG.debug("{}: {} channels to follow", currency, wanted.size());
      channels.addAll(wanted);
    }
    return channels;
  }

  /**
   * The {@code public/get_instruments} definitions of the instruments {@link #discover()} follows,
   * every currency's perpetuals then chosen options, for a caller that needs their terms too (the
   * simulator's mirror).
   */
  public List<JsonNode> instruments() throws IOException, TimeoutException, InterruptedException {
    List<JsonNode> instruments = new ArrayList<>();
    for (String currency : currencies) {
      instruments.addAll(chosen(currency));
    }
    return instruments;
  }

  /** Lists one currency's instruments (and index, if options are followed) and picks the chain. */
  private List<JsonNode> chosen(String currency)
      throws IOException, TimeoutException, InterruptedException {
    List<JsonNode> listed = new ArrayList<>();
    listed(currency, "future").forEach(listed::add);
    OptionalDouble index = OptionalDouble.empty();
    if (chain.includesOptions()) {
      listed(currency, "option").forEach(listed::add);
      index = indexPrice(currency);
    }
    return chosen(listed, index, chain, clock.instant());
  }

  /**
   * The channels to follow for one currency: the book, ticker and trades channels of its active
   * perpetuals and of the active options {@code chain} picks, then its price index channel.
   *
   * @param instruments {@code public/get_instruments} elements, of any kind
   * @param index the index price, or empty to pick options of every strike
   * @param now the time expiries are counted from
   */
  public static List<String> wanted(
      String currency,
      Iterable<JsonNode> instruments,
      OptionalDouble index,
      ChainSelection chain,
      String interval,
      Instant now) {
    return channels(currency, chosen(instruments, index, chain, now), interval);
  }

  private static List<String> channels(String currency, List<JsonNode> chosen, String interval) {
    List<String> channels = new ArrayList<>();
    chosen.forEach(
        instrument ->
            channels.addAll(
                instrumentChannels(instrument.get("instrument_name").asText(), interval)));
    channels.add(indexChannel(currency));
    return channels;
  }

  /** The active perpetuals, then the active options {@code chain} picks, in listing order. */
  private static List<JsonNode> chosen(
      Iterable<JsonNode> instruments, OptionalDouble index, ChainSelection chain, Instant now) {
    List<JsonNode> perpetuals = new ArrayList<>();
    List<JsonNode> options = new ArrayList<>();
    for (JsonNode instrument : instruments) {
      if (!instrument.path("is_active").asBoolean(true)) {
        continue;
      }
      String kind = instrument.path("kind").asText();
      if (kind.equals("future")
          && instrument.path("settlement_period").asText().equals("perpetual")) {
        perpetuals.add(instrument);
      } else if (kind.equals("option")) {
        options.add(instrument);
      }
    }
    List<JsonNode> chosen = new ArrayList<>(perpetuals);
    chosen.addAll(chosenOptions(options, index, chain, now));
    return chosen;
  }

  /** The options of the nearest expiries far enough away, within the moneyness window. */
  private static List<JsonNode> chosenOptions(
      List<JsonNode> options, OptionalDouble index, ChainSelection chain, Instant now) {
    long nowMillis = now.toEpochMilli();
    long earliest = nowMillis + Math.round(chain.minDaysToExpiry() * DAY_MILLIS);
    List<Long> expiries =
        options.stream()
            .map(MarketChannels::expiry)
            .filter(expiry -> expiry > nowMillis && expiry >= earliest)
            .distinct()
            .sorted()
            .limit(chain.maxExpiries())
            .toList();
    return options.stream()
        .filter(option -> expiries.contains(expiry(option)))
        .filter(
            option ->
                index.isEmpty()
                    || Math.abs(option.path("strike").asDouble() / index.getAsDouble() - 1)
                        <= chain.moneynessWindow())
        .toList();
  }

  private static long expiry(JsonNode instrument) {
    return instrument.path("expiration_timestamp").asLong();
  }

  public static List<String> instrumentChannels(String instrument, String interval) {
    return List.of(
        "book." + instrument + "." + interval,
        "ticker." + instrument + "." + interval,
        "trades." + instrument + "." + interval);
  }

  public static String indexChannel(String currency) {
    return "deribit_price_index." + indexName(currency);
  }

  /**
   * Deribit's notifications of options of {@code currency} listed or settled (the channel's kind
   * accepts {@code future}, {@code option}, {@code spot}, {@code future_combo}, {@code
   * option_combo}: docs.deribit.com, subscriptions/market-data/instrumentstatekindcurrency).
   */
  public static String instrumentStateChannel(String currency) {
    return INSTRUMENT_STATE + "option." + currency;
  }

  public static boolean isInstrumentState(String channel) {
    return channel.startsWith(INSTRUMENT_STATE);
  }

  private static String indexName(String currency) {
    return currency.toLowerCase(Locale.ROOT) + "_usd";
  }

  private JsonNode listed(String currency, String kind)
      throws IOException, TimeoutException, InterruptedException {
    return ResilientConnection.await(
        connection.call("public/get_instruments", Map.of("currency", currency, "kind", kind)));
  }

  private OptionalDouble indexPrice(String currency)
      throws IOException, TimeoutException, InterruptedException {
    try {
      JsonNode price =
          ResilientConnection.await(
                  connection.call(
                      "public/get_index_price", Map.of("index_name", indexName(currency))))
              .get("index_price");
      if (price == null || !price.isNumber() || !(price.asDouble() > 0)) {
        throw new IOException("public/get_index_price gave no positive index_price: " + price);
      }
      return OptionalDouble.of(price.asDouble());
    } catch (DeribitRpcException e) {
      if (e.code() != METHOD_NOT_FOUND) {
        throw e;
      }
      if (!warnedNoIndex.getAndSet(true)) {
        LOG.warn(
            "the server does not know public/get_index_price ({}): following options of every"
                + " strike",
            e.getMessage());
      }
      return OptionalDouble.empty();
    }
  }
}
