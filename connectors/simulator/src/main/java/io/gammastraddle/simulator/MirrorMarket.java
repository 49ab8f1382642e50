package io.gammastraddle.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.chain.ChainSelection;
import io.gammastraddle.deribit.chain.MarketChannels;
import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import io.gammastraddle.simulator.exchange.MarketView;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A market that follows a real Deribit feed instead of generating one: paper trading on real
 * prices. It subscribes upstream, without an account, to the public book, ticker and trades
 * channels of the instruments a {@link ChainSelection} picks and to the currencies' price indexes
 * (the channels {@link MarketChannels#discover()} returns), passes every notification on to the
 * simulator's subscribers verbatim, and rebuilds the books, marks, Greeks and index prices that the
 * paper exchange matches against and that new subscribers' book snapshots come from.
 *
 * <pre>{@code
 * try (MirrorMarket market = MirrorMarket.open(
 *         URI.create(MirrorMarket.DERIBIT_URL), List.of("BTC", "ETH"), ChainSelection.defaults());
 *     SimulatorServer server = new SimulatorServer(market, bind, ServerOptions.defaults())) {
 *   server.start();   // clients see Deribit's market at server.uri() and trade on paper
 * }
 * }</pre>
 *
 * <p>Frames arrive on the upstream connection's thread and wait in a queue; {@link
 * #stepNotifications()} drains it on the exchange loop's thread every {@value #STEP_MILLIS} ms, so
 * the loop sees the mirror as it sees the generated market and mirroring adds at most that much
 * latency. A book that misses a change upstream is resubscribed there; Deribit's fresh snapshot
 * then reaches every subscriber as a notification. The clock is the wall clock: serve a mirror at
 * speed 1. The server does not own the mirror: close it after the server.
 */
public final class MirrorMarket implements MarketSource, AutoCloseable {
  /** Deribit's production WebSocket API, whose public market data needs no account. */
  public static final String DERIBIT_URL = "wss://www.deribit.com/ws/api/v2";

  /** How often the exchange loop takes the frames received: the latency mirroring adds. */
  static final long STEP_MILLIS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(MirrorMarket.class);
  private static final String INTERVAL = "100ms";
  // A book's snapshot answers its subscription and tickers and indexes move with the market (how
  // often Deribit sends the index is not documented): seconds should do, unless the feed is in
  // trouble, and then the mirror should not hold up the server for ever.
  private static final Duration FIRST_DATA_TIMEOUT = Duration.ofSeconds(10);
  private static final long FIRST_DATA_POLL_MILLIS = 5;

  /** A frame as received upstream, or (null frame) the news that the connection was lost. */
  private record Received(String frame, long receivedNanos) {
    static final Received CONNECTION_LOST = new Received(null, 0);
  }

  private final ResilientConnection upstream;
  private final ConcurrentLinkedQueue<Received> inbox;
  private final List<String> currencies;
  private final Set<String> channels;
  private final List<String> brokenBooks = new ArrayList<>();
  private final MirrorMarketView view;
  private long nowMillis;

  private MirrorMarket(
      ResilientConnection upstream,
      ConcurrentLinkedQueue<Received> inbox,
      List<String> currencies,
      List<JsonNode> definitions) {
    this.upstream = upstream;
    this.inbox = inbox;
    this.currencies = List.copyOf(currencies);
    this.view = new MirrorMarketView(definitions, brokenBooks::add, System.currentTimeMillis());
    Set<String> wanted = new LinkedHashSet<>();
    for (String instrument : view.instrumentNames()) {
      wanted.addAll(MarketChannels.instrumentChannels(instrument, INTERVAL));
    }
    for (String currency : currencies) {
      wanted.add(MarketChannels.indexChannel(currency));
    }
    this.channels = Collections.unmodifiableSet(wanted);
  }

  /**
   * {@link #open(URI, List, ChainSelection, ResilientConnection.Settings)} with default settings.
   */
  public static MirrorMarket open(URI upstream, List<String> currencies, ChainSelection chain)
      throws IOException, TimeoutException, InterruptedException {
    return open(upstream, currencies, chain, ResilientConnection.Settings.defaults());
  }

  /**
   * Connects to {@code upstream} (no credentials), chooses the chain of each currency, subscribes
   * to its channels and waits until every instrument's book and ticker and every index price have
   * arrived (at most {@code 10 s}; after that it goes on with a warning naming what is missing, and
   * an instrument without a mark is unknown to the paper exchange until its ticker arrives).
   *
   * @param upstream Deribit ({@link #DERIBIT_URL}) or anything speaking its API, such as a
   *     simulator
   * @param currencies e.g. {@code BTC}, {@code ETH}
   * @param chain which options to follow besides each perpetual
   * @param settings how the upstream connection is kept up; credentials are ignored
   * @throws IOException if the upstream cannot be reached
   */
  public static MirrorMarket open(
      URI upstream,
      List<String> currencies,
      ChainSelection chain,
      ResilientConnection.Settings settings)
      throws IOException, TimeoutException, InterruptedException {
    ConcurrentLinkedQueue<Received> inbox = new ConcurrentLinkedQueue<>();
    ResilientConnection connection =
        ResilientConnection.open(
            upstream,
            (frame, receivedNanos) -> inbox.add(new Received(frame, receivedNanos)),
            new ResilientConnection.Listener() {
              @Override
              public void onReconnected(int reconnects) {
                // logged by the connection; the resubscription's snapshots repair the books
              }

              @Override
              public void onConnectionLost(Throwable cause) {
                inbox.add(Received.CONNECTION_LOST);
              }
            },
            settings.withCredentials(null).withCancelOnDisconnect(false));
    try {
      MirrorMarket market =
          new MirrorMarket(
              connection,
              inbox,
              currencies,
              new MarketChannels(connection, currencies, INTERVAL, chain, Clock.systemUTC())
                  .instruments());
      ResilientConnection.await(connection.subscribe(market.channels));
      market.awaitFirstData();
      LOG.info(
          "Mirroring {} instruments ({} channels) of {}",
          market.view.instrumentNames().size(),
          market.channels.size(),
          upstream);
      return market;
    } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Applies the frames received until the view has every book, ticker and index, before any client
   * can subscribe (so nothing needs passing on), then starts the clock.
   */
  private void awaitFirstData() throws InterruptedException {
    long deadline = System.nanoTime() + FIRST_DATA_TIMEOUT.toNanos();
    List<String> missing = view.missing();
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(FIRST_DATA_POLL_MILLIS);
      takeReceived();
      missing = view.missing();
    }
    if (!missing.isEmpty()) {
      LOG.warn(
          "Mirror started without data for {} channels after {} s, e.g. {}",
          missing.size(),
          FIRST_DATA_TIMEOUT.toSeconds(),
          missing.subList(0, Math.min(5, missing.size())));
    }
    nowMillis = System.currentTimeMillis();
    view.advanceTo(nowMillis);
  }

  @Override
  public long stepMillis() {
    return STEP_MILLIS;
  }

  /**
   * The wall clock, in steps: the exchange loop moves it by {@link #stepMillis()} per step and
   * keeps it on the wall clock at speed 1.
   */
  @Override
  public long nowMillis() {
    return nowMillis;
  }

  /** The upstream notifications received since the last step, verbatim and in arrival order. */
  @Override
  public List<Notification> stepNotifications() {
    nowMillis += STEP_MILLIS;
    view.advanceTo(nowMillis);
    return takeReceived();
  }

  /**
   * Applies the frames received so far to the view and returns them as notifications; books found
   * broken meanwhile are resubscribed upstream in one request.
   */
  private List<Notification> takeReceived() {
    List<Notification> notifications = new ArrayList<>();
    Received received;
    while ((received = inbox.poll()) != null) {
      if (received == Received.CONNECTION_LOST) {
        view.connectionLost();
        continue;
      }
      SubscriptionParams params = subscriptionParams(received.frame());
      if (params != null) {
        view.apply(params, received.receivedNanos());
        notifications.add(new Notification(params.channel(), received.frame()));
      }
    }
    if (!brokenBooks.isEmpty()) {
      resubscribe(List.copyOf(brokenBooks));
      brokenBooks.clear();
    }
    return notifications;
  }

  private static SubscriptionParams subscriptionParams(String frame) {
    try {
      return Notifications.subscription(frame);
    } catch (IllegalArgumentException malformed) {
      LOG.debug("Mirror skipped a frame that is not JSON: {}", malformed.getMessage());
      return null;
    }
  }

  private void resubscribe(List<String> books) {
    LOG.info("Mirrored books {} missed changes upstream; resubscribing", books);
    upstream
        .resubscribe(books)
        .whenComplete(
            (confirmed, failure) -> {
              if (failure != null) {
                // the connection is down: its reconnection resubscribes every book anyway
                LOG.warn("Resubscribing {} upstream failed: {}", books, failure.getMessage());
              }
            });
  }

  @Override
  public String bookSnapshot(String instrument) {
    return view.bookSnapshot(instrument);
  }

  /** The book, ticker and trades channels of the instruments followed and the price indexes. */
  @Override
  public Set<String> channels() {
    return channels;
  }

  @Override
  public List<String> currencies() {
    return currencies;
  }

  /**
   * The upstream's definitions of the instruments followed (numbers as Jackson writes them), less
   * those expired: the mirror follows the instruments chosen when it opened.
   */
  @Override
  public List<String> instrumentDefinitions(String currency, String kind) {
    return view.definitions(currency, kind);
  }

  @Override
  public MarketView view() {
    return view;
  }

  /** Closes the upstream connection. */
  @Override
  public void close() {
    upstream.close();
  }
}
