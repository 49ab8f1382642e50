package io.gammastraddle.bridge;

import io.gammastraddle.deribit.chain.ChainSelection;
import io.gammastraddle.deribit.chain.MarketChannels;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.deribit.websocket.StalenessWatchdog;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridges Deribit's market data (or the simulator's), and optionally the account's own orders,
 * trades and portfolio, into Kafka: the core of {@code gsb ingest}.
 *
 * <p>On {@link #start()} it picks each currency's perpetual and option chain ({@link
 * MarketChannels}, {@link ChainSelection}), subscribes to their {@code book}, {@code ticker} and
 * {@code trades} channels plus the currency's price index, and writes every notification to {@link
 * Config#topic()} keyed by instrument or index name. The value is the notification's params object
 * exactly as received, with {@code recv_ts} (epoch ns) in front (DESIGN section 4). With {@link
 * Config#withUserChannels(Credentials)} it also authenticates, subscribes the account's {@code
 * user.*} channels with {@code private/subscribe} and writes them, in the same format, to {@link
 * Config#userTopic()}; the two feeds never mix. Since Deribit does not replay the notifications a
 * lost connection missed, it then also asks for the account's summary ({@code
 * private/get_account_summary}, written as a {@code user.portfolio.(currency)} notification: the
 * equity the strategy needs before anything changes) and positions ({@code private/get_positions})
 * in each currency, at start and after every reconnect, and writes the positions to the user topic
 * as one record of its own channel {@code gsb.positions.(CURRENCY)} (keyed by currency; see {@link
 * io.gammastraddle.deribit.user.UserDecoder#positionsChannel}), so the strategy can reconcile the
 * positions it built from fills. A failed request is logged and asked again after the connection's
 * backoff (growing while it keeps failing) if connected, or on the next reconnect; market data goes
 * on meanwhile.
 *
 * <p>While running, it
 *
 * <ul>
 *   <li>follows each book's change chain ({@code prev_change_id}); on a missing link it counts a
 *       gap and resubscribes that book, which makes Deribit send a fresh snapshot. Every frame is
 *       still published: the job marks the book stale on the gap and recovers on the snapshot;
 *   <li>lists the instruments again every {@link Config#instrumentRefresh()}, and soon after
 *       Deribit announces an option listed or settled ({@code instrument.state}), subscribing new
 *       channels and unsubscribing those no longer chosen;
 *   <li>watches every book, ticker and index channel with a {@link StalenessWatchdog}: one WARN
 *       when a channel stays silent longer than {@link Config#stalenessThreshold()}, one INFO when
 *       it delivers again.
 * </ul>
 *
 * <p>A lost or silent WebSocket is replaced ({@link ResilientConnection}: backoff with jitter, the
 * same channels subscribed again, so every book starts over from a fresh snapshot); the bridge
 * counts the reconnects and keeps producing. A record Kafka refuses is never skipped quietly: the
 * bridge logs the reason, counts it, closes the WebSocket and completes {@link #stopped()}
 * exceptionally, so its owner can exit non-zero.
 *
 * <pre>{@code
 * try (MarketDataBridge bridge =
 *     new MarketDataBridge(MarketDataBridge.Config.defaults(url, "localhost:9092"))) {
 *   bridge.start();
 *   bridge.stopped().join(); // returns only if the connection or Kafka fails
 * }
 * }</pre>
 */
public final class MarketDataBridge implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MarketDataBridge.class);
  private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long after an {@code instrument.state} notification the instruments are listed again: the
   * options of one expiry settle, and those of a new one list, together, so one refresh covers a
   * burst of them.
   */
  private static final Duration REFRESH_AFTER_STATE_CHANGE = Duration.ofSeconds(1);

  /** The longest pause between two staleness checks (and retries of failed resyncs). */
  private static final Duration MAX_CHECK_PERIOD = Duration.ofSeconds(1);

  /**
   * What to bridge and where to.
   *
   * @param url the Deribit WebSocket endpoint, e.g. {@code wss://www.deribit.com/ws/api/v2}
   * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port...]}
   * @param topic the market-data topic, {@value #DEFAULT_TOPIC} by default
   * @param userTopic the topic of the account's notifications, {@value #DEFAULT_USER_TOPIC} by
   *     default
   * @param currencies the currencies whose instruments and price index are bridged
   * @param interval the notification interval of the instrument channels, e.g. {@code 100ms}
   * @param chain which options of each currency are bridged
   * @param instrumentRefresh how often the instruments are listed again
   * @param stalenessThreshold how long a book, ticker or index channel may stay silent before it is
   *     declared stale
   * @param userChannels the API key whose orders, trades, portfolio and positions are bridged, or
   *     null for market data only
   * @param connection how the WebSocket is watched and restored
   */
  public record Config(
      URI url,
      String bootstrapServers,
      String topic,
      String userTopic,
      List<String> currencies,
      String interval,
      ChainSelection chain,
      Duration instrumentRefresh,
      Duration stalenessThreshold,
      Credentials userChannels,
      ResilientConnection.Settings connection) {

    public static final String DEFAULT_TOPIC = "deribit.market.raw";
    public static final String DEFAULT_USER_TOPIC = "deribit.user.raw";

    public Config {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(userTopic, "userTopic");
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(chain, "chain");
      requirePositive(instrumentRefresh, "instrumentRefresh");
      requirePositive(stalenessThreshold, "stalenessThreshold");
      Objects.requireNonNull(connection, "connection");
      currencies = List.copyOf(currencies);
      if (currencies.isEmpty()) {
        throw new IllegalArgumentException("at least one currency is needed");
      }
    }

    /**
     * BTC and ETH with the {@link ChainSelection#defaults()} options, at 100 ms, to {@value
     * #DEFAULT_TOPIC}; instruments listed again every 5 minutes; channels stale after 10 s of
     * silence; no user channels; the default connection settings.
     *
     * <p>Why 10 s: a followed book or ticker at 100 ms changes many times a second while its market
     * is open (its mark price moves with the index), and the index ticks about once a second; 10 s
     * is a hundred intervals, far beyond network jitter or a GC pause, yet well within the 90 s
     * after which a silent connection is replaced, so a single channel that stopped shows up first.
     */
    public static Config defaults(URI url, String bootstrapServers) {
      return new Config(
          url,
          bootstrapServers,
          DEFAULT_TOPIC,
          DEFAULT_USER_TOPIC,
          List.of("BTC", "ETH"),
          "100ms",
          ChainSelection.defaults(),
          Duration.ofMinutes(5),
          Duration.ofSeconds(10),
          null,
          ResilientConnection.Settings.defaults());
    }

    public Config withTopic(String newTopic) {
      return new Config(
          url,
          bootstrapServers,
          newTopic,
          userTopic,
          currencies,
          interval,
          chain,
          instrumentRefresh,
          stalenessThreshold,
          userChannels,
          connection);
    }

    public Config withUserTopic(String newTopic) {
      return new Config(
          url,
          bootstrapServers,
          topic,
          newTopic,
          currencies,
          interval,
          chain,
          instrumentRefresh,
          stalenessThreshold,
          userChannels,
          connection);
    }

    public Config withCurrencies(List<String> newCurrencies) {
      return new Config(
          url,
          bootstrapServers,
          topic,
          userTopic,
          newCurrencies,
          interval,
          chain,
          instrumentRefresh,
          stalenessThreshold,
          userChannels,
          connection);
    }

    public Config withInterval(String newInterval) {
      return new Config(
          url,
          bootstrapServers,
          topic,
          userTopic,
          currencies,
          newInterval,
          chain,
          instrumentRefresh,
          stalenessThreshold,
          userChannels,
          connection);
    }

    /** Which options to bridge; {@link ChainSelection#perpetualsOnly()} for none. */
    public Config withChain(ChainSelection selection) {
      return new Config(
          url,
          bootstrapServers,
          topic,
          userTopic,
          currencies,
          interval,
          selection,
          instrumentRefresh,
          stalenessThreshold,
          userChannels,
          connection);
    }

    /**
     * The {@link ChainSelection#defaults()} options, or none: a shorthand for {@link
     * #withChain(ChainSelection)}.
     */
    public Config withIncludeOptions(boolean options) {
      return withChain(options ? ChainSelection.defaults() : ChainSelection.perpetualsOnly());
    }

    public Config withInstrumentRefresh(Duration period) {
      return new Config(
          url,
          bootstrapServers,
          topic,
          userTopic,
          currencies,
          interval,
          chain,
          period,
          stalenessThreshold,
          userChannels,
          connection);
    }

    public Config withStalenessThreshold(Duration threshold) {
      return new Config(
          url,
          bootstrapServers,
          topic,
          userTopic,
          currencies,
          interval,
          chain,
          instrumentRefresh,
          threshold,
          userChannels,
          connection);
    }

    /**
     * Authenticates with {@code apiKey} (e.g. from {@link Credentials#fromEnvironment()}) and
     * bridges the account's {@code user.orders}, {@code user.trades} and {@code user.portfolio}
     * notifications of every currency to {@link #userTopic()}, with its positions at start and
     * after every reconnect; null for none.
     */
    public Config withUserChannels(Credentials apiKey) {
      return new Config(
          url,
          bootstrapServers,
          topic,
          userTopic,
          currencies,
          interval,
          chain,
          instrumentRefresh,
          stalenessThreshold,
          apiKey,
          connection);
    }

    public Config withConnection(ResilientConnection.Settings settings) {
      return new Config(
          url,
          bootstrapServers,
          topic,
          userTopic,
          currencies,
          interval,
          chain,
          instrumentRefresh,
          stalenessThreshold,
          userChannels,
          settings);
    }

    /** The connection settings, authenticating with the user channels' key if there is one. */
    private ResilientConnection.Settings connectionSettings() {
      return userChannels == null ? connection : connection.withCredentials(userChannels);
    }

    private static void requirePositive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
    }
  }

  /**
   * The bridge's counters at one moment, for a status line.
   *
   * @param framesReceived subscription frames received
   * @param recordsProduced records Kafka acknowledged, market and user
   * @param userRecordsProduced of those, the records of the user topic
   * @param sendErrors records Kafka refused
   * @param bookGaps missing links found in book change chains
   * @param resyncs books resynchronized by a fresh snapshot after a gap
   * @param staleChannels channels stale as of the last check
   * @param staleEvents times a channel went stale
   * @param reconnects times the WebSocket was restored
   */
  public record Status(
      long framesReceived,
      long recordsProduced,
      long userRecordsProduced,
      long sendErrors,
      long bookGaps,
      long resyncs,
      int staleChannels,
      long staleEvents,
      int reconnects) {}

  private final Config config;
  private final Supplier<Producer<String, String>> producers;
  private final LongAdder framesReceived = new LongAdder();
  private final LongAdder recordsProduced = new LongAdder();
  private final LongAdder userRecordsProduced = new LongAdder();
  private final LongAdder sendErrors = new LongAdder();
  private final LongAdder bookGaps = new LongAdder();
  private final LongAdder resyncs = new LongAdder();
  private final LongAdder staleEvents = new LongAdder();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final Callback marketRecordSent = (metadata, error) -> onSent(error, false);
  private final Callback userRecordSent = (metadata, error) -> onSent(error, true);
  private final BookChains books = new BookChains();
  private final StalenessWatchdog watchdog;
  // The market channels chosen by the latest discovery.
  private final Set<String> marketChannels = ConcurrentHashMap.newKeySet();
  // Failed private/get_positions in a row, by currency; none once one succeeds.
  private final Map<String, Integer> positionsFailures = new ConcurrentHashMap<>();
  // Books whose chain broke and that still need a resubscription.
  private final Set<String> resyncsDue = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean resyncScheduled = new AtomicBoolean();
  private final AtomicBoolean refreshScheduled = new AtomicBoolean();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "gsb-bridge");
            thread.setDaemon(true);
            return thread;
          });

  // Held while a record is handed to the producer, so close() never closes it mid-send.
  private final Object producing = new Object();
  private boolean closing;

  private volatile Producer<String, String> producer;
  private volatile ResilientConnection connection;
  private volatile MarketChannels market;

  public MarketDataBridge(Config config) {
    this(
        config,
        // No linger: each millisecond a market message waits here adds to tick-to-order latency
        // (bench/README.md). Under load the producer still batches what arrives while a request
        // is in flight.
        () -> new KafkaProducer<>(producerProperties(config.bootstrapServers(), "gsb-bridge", 0)));
  }

  /** A bridge writing to the producers {@code producers} makes (tests use Kafka's MockProducer). */
  MarketDataBridge(Config config, Supplier<Producer<String, String>> producers) {
    this.config = Objects.requireNonNull(config, "config");
    this.producers = Objects.requireNonNull(producers, "producers");
    this.watchdog =
        new StalenessWatchdog(
            config.stalenessThreshold(),
            config.connection().options().clock(),
            new StalenessWatchdog.Listener() {
              @Override
              public void onStale(String channel, Instant lastHeard) {
                staleEvents.increment();
                LOG.warn(
                    "{} is stale: silent since {}, over {} ms",
                    channel,
                    lastHeard,
                    config.stalenessThreshold().toMillis());
              }

              @Override
              public void onRecovered(String channel) {
                LOG.info("{} delivers again", channel);
              }
            });
  }

  /**
   * Connects (authenticating if there are user channels), lists the instruments, subscribes and
   * starts producing; returns once the server has confirmed the subscriptions. From then on the
   * connection is restored whenever it is lost. Call {@link #close()} afterwards even if this
   * throws.
   *
   * @throws IOException if the WebSocket cannot be opened or closes during start
   * @throws TimeoutException if Deribit does not answer a request in time
   * @throws io.gammastraddle.deribit.websocket.DeribitRpcException if Deribit refuses a request
   */
  public void start() throws IOException, TimeoutException, InterruptedException {
    producer = producers.get();
    connection =
        ResilientConnection.open(
            config.url(),
            this::onNotification,
            new ResilientConnection.Listener() {
              @Override
              public void onReconnected(int reconnects) {
                LOG.info("connection restored ({} so far); channels resubscribed", reconnects);
                if (config.userChannels() != null) {
                  config.currencies().forEach(MarketDataBridge.this::requestPositions);
                }
              }

              @Override
              public void onConnectionLost(Throwable cause) {
                LOG.warn("connection lost, reconnecting: {}", cause.getMessage());
              }
            },
            config.connectionSettings());
    market =
        new MarketChannels(
            connection,
            config.currencies(),
            config.interval(),
            config.chain(),
            config.connection().options().clock());
    List<String> channels = market.discover();
    follow(channels);
    List<String> confirmed = ResilientConnection.await(connection.subscribe(channels));
    if (confirmed.size() < channels.size()) {
      LOG.warn("the server confirmed only {} of {} channels", confirmed.size(), channels.size());
    }
    if (config.chain().includesOptions()) {
      subscribeInstrumentStates();
    }
    if (config.userChannels() != null) {
      subscribeUserChannels();
      config.currencies().forEach(this::requestPositions);
    }
    long checkMillis =
        Math.max(
            10, Math.min(MAX_CHECK_PERIOD.toMillis(), config.stalenessThreshold().toMillis() / 4));
    scheduler.scheduleWithFixedDelay(
        this::checkChannels, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    long refreshMillis = config.instrumentRefresh().toMillis();
    scheduler.scheduleWithFixedDelay(
        this::refreshInstruments, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    LOG.info(
        "bridging {} channels from {} to Kafka topic {}",
        confirmed.size(),
        connection,
        config.topic());
  }

  /**
   * Completes normally after {@link #close()}; exceptionally with the cause when Kafka refuses a
   * record. A lost WebSocket does not stop the bridge: it is restored.
   */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** Subscription frames received from the WebSocket. */
  public long framesReceived() {
    return framesReceived.sum();
  }

  /** Records Kafka has acknowledged, on both topics. */
  public long recordsProduced() {
    return recordsProduced.sum();
  }

  /** Records of the user topic Kafka has acknowledged. */
  public long userRecordsProduced() {
    return userRecordsProduced.sum();
  }

  /** How many times the WebSocket has been restored since {@link #start()}. */
  public int reconnects() {
    return connection == null ? 0 : connection.reconnects();
  }

  /** Records Kafka refused. */
  public long sendErrors() {
    return sendErrors.sum();
  }

  /** Missing links found in the books' change chains, each followed by a resubscription. */
  public long bookGaps() {
    return bookGaps.sum();
  }

  /** Books resynchronized: a fresh snapshot arrived after a gap. */
  public long resyncs() {
    return resyncs.sum();
  }

  /** The channels silent for longer than the threshold as of the last check, sorted. */
  public Set<String> staleChannels() {
    return watchdog.staleChannels();
  }

  /** How many times a channel went stale. */
  public long staleEvents() {
    return staleEvents.sum();
  }

  /** The market channels followed now, as of the latest instrument discovery. */
  public Set<String> marketChannels() {
    return Set.copyOf(marketChannels);
  }

  /** Every counter at once, for a status line. */
  public Status status() {
    return new Status(
        framesReceived(),
        recordsProduced(),
        userRecordsProduced(),
        sendErrors(),
        bookGaps(),
        resyncs(),
        watchdog.staleCount(),
        staleEvents(),
        reconnects());
  }

  /**
   * Stops the periodic work, closes the WebSocket, then flushes and closes the producer. Frames
   * still arriving meanwhile are counted as received but not produced.
   */
  @Override
  public void close() {
    scheduler.shutdownNow();
    if (connection != null) {
      connection.close();
    }
    synchronized (producing) {
      closing = true;
    }
    if (producer != null) {
      producer.close(PRODUCER_CLOSE_TIMEOUT); // waits for every record sent so far
    }
    stopped.complete(null);
    LOG.info("bridge closed: {}", status());
  }

  @Override
  public String toString() {
    return "MarketDataBridge[" + connection + " -> " + config.topic() + "]";
  }

  private void onNotification(String frame, long receivedNanos) {
    framesReceived.increment();
    SubscriptionParams params = Notifications.subscription(frame);
    if (params == null) {
      throw new IllegalArgumentException("subscription frame without a channel");
    }
    String channel = params.channel();
    if (UserChannels.isUser(channel)) {
      produce(
          new ProducerRecord<>(
              config.userTopic(), UserChannels.key(params), params.withReceiveTime(receivedNanos)),
          userRecordSent);
      return;
    }
    if (MarketChannels.isInstrumentState(channel)) {
      refreshSoon();
      return;
    }
    produce(record(config.topic(), params, receivedNanos), marketRecordSent);
    if (!marketChannels.contains(channel)) {
      return; // a late frame of a channel just unsubscribed
    }
    if (watched(channel)) {
      watchdog.notified(channel);
    }
    if (channel.startsWith("book.")) {
      followBook(channel, params);
    }
  }

  private void produce(ProducerRecord<String, String> record, Callback sent) {
    synchronized (producing) {
      if (closing || stopped.isDone()) {
        return;
      }
      try {
        producer.send(record, sent);
      } catch (RuntimeException e) {
        sent.onCompletion(null, e);
      }
    }
  }

  private void followBook(String channel, SubscriptionParams params) {
    switch (books.follow(channel, params.json())) {
      case GAP -> {
        bookGaps.increment();
        LOG.warn("{} missed a change; resubscribing for a fresh snapshot", channel);
        resyncsDue.add(channel);
        if (resyncScheduled.compareAndSet(false, true)) {
          runSoon(this::resubscribeBrokenBooks);
        }
      }
      case RESYNCED -> {
        resyncs.increment();
        LOG.info("{} resynchronized from a fresh snapshot", channel);
      }
      default -> {}
    }
  }

  /**
   * Resubscribes, in one go, the books whose chain broke and that still wait for a snapshot and are
   * still followed. While the connection is down nothing is sent: the reconnection resubscribes
   * every channel anyway. A failed resubscription is tried again at the next check.
   */
  private void resubscribeBrokenBooks() {
    resyncScheduled.set(false);
    if (resyncsDue.isEmpty() || !connection.isConnected()) {
      return;
    }
    List<String> due = new ArrayList<>();
    for (String channel : resyncsDue) {
      resyncsDue.remove(channel);
      if (books.awaitingSnapshot(channel) && marketChannels.contains(channel)) {
        due.add(channel);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    connection
        .resubscribe(due)
        .whenComplete(
            (confirmed, error) -> {
              if (error != null) {
                LOG.warn(
                    "resubscribing {} books failed, will retry: {}", due.size(), error.toString());
                resyncsDue.addAll(due);
              }
            });
  }

  private void checkChannels() {
    watchdog.check();
    resubscribeBrokenBooks();
  }

  private void refreshSoon() {
    if (refreshScheduled.compareAndSet(false, true)) {
      try {
        scheduler.schedule(
            this::refreshInstruments, REFRESH_AFTER_STATE_CHANGE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closed) {
        // closing: no more refreshes
      }
    }
  }

  /**
   * Lists the instruments again and follows the channels now chosen: subscribes the new ones,
   * unsubscribes (and stops watching) those no longer chosen. A failure keeps the channels as they
   * are until the next refresh.
   */
  private void refreshInstruments() {
    refreshScheduled.set(false);
    try {
      Set<String> wanted = new LinkedHashSet<>(market.discover());
      List<String> added = wanted.stream().filter(c -> !marketChannels.contains(c)).toList();
      List<String> removed = marketChannels.stream().filter(c -> !wanted.contains(c)).toList();
      if (added.isEmpty() && removed.isEmpty()) {
        return;
      }
      LOG.info(
          "instruments changed: following {} more channels, {} fewer",
          added.size(),
          removed.size());
      unfollow(removed);
      follow(added);
      ResilientConnection.await(connection.unsubscribe(removed));
      ResilientConnection.await(connection.subscribe(added));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | TimeoutException | RuntimeException e) {
      LOG.warn("refreshing the instruments failed: {}", e.toString());
    }
  }

  private void follow(Collection<String> channels) {
    marketChannels.addAll(channels);
    watchdog.watch(channels.stream().filter(MarketDataBridge::watched).toList());
  }

  private void unfollow(Collection<String> channels) {
    marketChannels.removeAll(channels);
    channels.forEach(
        channel -> {
          watchdog.forget(channel);
          books.forget(channel);
        });
  }

  /**
   * Whether silence on a channel means trouble: books, tickers and indexes update continuously, but
   * trades come only when someone trades, and an option may not trade for hours.
   */
  private static boolean watched(String channel) {
    return !channel.startsWith("trades.");
  }

  private void subscribeInstrumentStates()
      throws IOException, TimeoutException, InterruptedException {
    List<String> states =
        config.currencies().stream().map(MarketChannels::instrumentStateChannel).toList();
    if (ResilientConnection.await(connection.subscribe(states)).isEmpty()) {
      LOG.info(
          "the server offers no instrument.state channel: instruments are listed again every {}"
              + " s only",
          config.instrumentRefresh().toSeconds());
    }
  }

  private void subscribeUserChannels() throws IOException, TimeoutException, InterruptedException {
    List<String> channels =
        config.currencies().stream().flatMap(c -> UserChannels.channels(c).stream()).toList();
    List<String> confirmed = ResilientConnection.await(connection.subscribePrivate(channels));
    LOG.info(
        "bridging {} of {} user channels to Kafka topic {}",
        confirmed.size(),
        channels.size(),
        config.userTopic());
  }

  /**
   * Asks for the account's state in {@code currency}: its summary ({@code
   * private/get_account_summary}, written as a {@code user.portfolio} record, since Deribit sends
   * the portfolio only when it changes and the strategy needs the equity from the start) and its
   * positions (of every kind: no {@code kind} given, written to {@link UserChannels#positions}),
   * both received now. A failure is logged and, if the connection is up by then, asked again after
   * the connection's {@link io.gammastraddle.deribit.websocket.Backoff}, whose delay grows with the
   * failures in a row, so that a request Deribit keeps refusing (a key without the {@code
   * trade:read} scope) costs little; if the connection is down, its reconnect asks anyway.
   */
  private void requestPositions(String currency) {
    connection
        .call("private/get_account_summary", Map.of("currency", currency))
        .thenCompose(
            summary -> {
              produce(
                  new ProducerRecord<>(
                      config.userTopic(),
                      currency,
                      UserChannels.portfolio(currency, summary).withReceiveTime(nowNanos())),
                  userRecordSent);
              return connection.call("private/get_positions", Map.of("currency", currency));
            })
        .whenComplete(
            (result, error) -> {
              if (error == null && result.isArray()) {
                positionsFailures.remove(currency);
                produce(
                    new ProducerRecord<>(
                        config.userTopic(),
                        currency,
                        UserChannels.positions(currency, result).withReceiveTime(nowNanos())),
                    userRecordSent);
                return;
              }
              int failures = positionsFailures.merge(currency, 1, Integer::sum);
              Duration delay = config.connection().backoff().delay(failures - 1);
              LOG.warn(
                  "the account state of {} failed ({} in a row), asking again in {} ms: {}",
                  currency,
                  failures,
                  delay.toMillis(),
                  error == null ? "the positions are not an array" : error.toString());
              retryPositions(currency, delay);
            });
  }

  private void retryPositions(String currency, Duration delay) {
    try {
      scheduler.schedule(
          () -> {
            if (connection.isConnected()) {
              requestPositions(currency);
            }
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      // closing: no more requests
    }
  }

  /** Now in epoch nanoseconds, as {@code recv_ts}, from the connection's clock. */
  private long nowNanos() {
    return ChronoUnit.NANOS.between(Instant.EPOCH, config.connection().options().clock().instant());
  }

  private void runSoon(Runnable task) {
    try {
      scheduler.execute(task);
    } catch (RejectedExecutionException closed) {
      // closing: nothing more to do
    }
  }

  private void onSent(Exception error, boolean user) {
    if (error == null) {
      recordsProduced.increment();
      if (user) {
        userRecordsProduced.increment();
      }
    } else {
      sendErrors.increment();
      stop(error);
    }
  }

  /** Stops bridging after a failure: the first cause is logged and handed to the owner. */
  private void stop(Throwable cause) {
    if (stopped.completeExceptionally(cause)) {
      LOG.error("bridge stopping: {}", cause.toString());
      scheduler.shutdownNow();
      CompletableFuture.runAsync(connection::close);
    }
  }

  /** The Kafka record of one notification: keyed by instrument, params with the receive time. */
  public static ProducerRecord<String, String> record(
      String topic, SubscriptionParams params, long receivedNanos) {
    return new ProducerRecord<>(topic, params.key(), params.withReceiveTime(receivedNanos));
  }

  /**
   * The producer settings for {@code deribit.market.raw}, shared with replay: idempotent with
   * {@code acks=all}, so each instrument's records land once, in order, in one partition.
   *
   * @param lingerMillis how long a record may wait for others to share its batch
   */
  public static Properties producerProperties(
      String bootstrapServers, String clientId, int lingerMillis) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, lingerMillis);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return properties;
  }
}
