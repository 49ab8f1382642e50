package io.gammastraddle.bridge;

import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridges Deribit's public market data (or the simulator's) into Kafka: the core of {@code gsb
 * ingest}.
 *
 * <p>On {@link #start()} it lists each currency's perpetual (and, if configured, its active
 * options), subscribes to their {@code book}, {@code ticker} and {@code trades} channels plus the
 * currency's price index, and writes every notification to {@link Config#topic()} keyed by
 * instrument or index name. The value is the notification's params object exactly as received, with
 * {@code recv_ts} (epoch ns) in front (DESIGN section 4).
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
   * What to bridge and where to.
   *
   * @param url the Deribit WebSocket endpoint, e.g. {@code wss://www.deribit.com/ws/api/v2}
   * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port...]}
   * @param topic the Kafka topic, {@value #DEFAULT_TOPIC} by default
   * @param currencies the currencies whose instruments and price index are bridged
   * @param interval the notification interval of the instrument channels, e.g. {@code 100ms}
   * @param includeOptions whether every active option of each currency is bridged too
   * @param connection how the WebSocket is watched and restored
   */
  public record Config(
      URI url,
      String bootstrapServers,
      String topic,
      List<String> currencies,
      String interval,
      boolean includeOptions,
      ResilientConnection.Settings connection) {

    public static final String DEFAULT_TOPIC = "deribit.market.raw";

    public Config {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(connection, "connection");
      currencies = List.copyOf(currencies);
      if (currencies.isEmpty()) {
        throw new IllegalArgumentException("at least one currency is needed");
      }
    }

    /**
     * BTC and ETH with their options, at 100 ms, to {@value #DEFAULT_TOPIC}, with the default
     * connection settings.
     */
    public static Config defaults(URI url, String bootstrapServers) {
      return new Config(
          url,
          bootstrapServers,
          DEFAULT_TOPIC,
          List.of("BTC", "ETH"),
          "100ms",
          true,
          ResilientConnection.Settings.defaults());
    }

    public Config withTopic(String newTopic) {
      return new Config(
          url, bootstrapServers, newTopic, currencies, interval, includeOptions, connection);
    }

    public Config withCurrencies(List<String> newCurrencies) {
      return new Config(
          url, bootstrapServers, topic, newCurrencies, interval, includeOptions, connection);
    }

    public Config withInterval(String newInterval) {
      return new Config(
          url, bootstrapServers, topic, currencies, newInterval, includeOptions, connection);
    }

    public Config withIncludeOptions(boolean options) {
      return new Config(url, bootstrapServers, topic, currencies, interval, options, connection);
    }

    public Config withConnection(ResilientConnection.Settings settings) {
      return new Config(
          url, bootstrapServers, topic, currencies, interval, includeOptions, settings);
    }
  }

  private final Config config;
  private final LongAdder framesReceived = new LongAdder();
  private final LongAdder recordsProduced = new LongAdder();
  private final LongAdder sendErrors = new LongAdder();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  // Held while a record is handed to the producer, so close() never closes it mid-send.
  private final Object producing = new Object();
  private boolean closing;

  private volatile KafkaProducer<String, String> producer;
  private volatile ResilientConnection connection;

  public MarketDataBridge(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Connects, lists the instruments, subscribes and starts producing; returns once the server has
   * confirmed the subscriptions. From then on the connection is restored whenever it is lost. Call
   * {@link #close()} afterwards even if this throws.
   *
   * @throws IOException if the WebSocket cannot be opened or closes during start
   * @throws TimeoutException if Deribit does not answer a request in time
   * @throws io.gammastraddle.deribit.websocket.DeribitRpcException if Deribit refuses a request
   */
  public void start() throws IOException, TimeoutException, InterruptedException {
    producer = new KafkaProducer<>(producerProperties(config.bootstrapServers(), "gsb-bridge"));
    connection =
        ResilientConnection.open(
            config.url(),
            this::onNotification,
            new ResilientConnection.Listener() {
              @Override
              public void onReconnected(int reconnects) {
                LOG.info("connection restored ({} so far); channels resubscribed", reconnects);
              }

              @Override
              public void onConnectionLost(Throwable cause) {
                LOG.warn("connection lost, reconnecting: {}", cause.getMessage());
              }
            },
            config.connection());
    List<String> channels =
        MarketChannels.discover(
            connection, config.currencies(), config.interval(), config.includeOptions());
    List<String> confirmed = ResilientConnection.await(connection.subscribe(channels));
    if (confirmed.size() < channels.size()) {
      LOG.warn("the server confirmed only {} of {} channels", confirmed.size(), channels.size());
    }
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

  /** Records Kafka has acknowledged. */
  public long recordsProduced() {
    return recordsProduced.sum();
  }

  /** How many times the WebSocket has been restored since {@link #start()}. */
  public int reconnects() {
    return connection == null ? 0 : connection.reconnects();
  }

  /** Records Kafka refused. */
  public long sendErrors() {
    return sendErrors.sum();
  }

  /**
   * Closes the WebSocket, then flushes and closes the producer. Frames still arriving meanwhile are
   * counted as received but not produced.
   */
  @Override
  public void close() {
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
    LOG.info(
        "bridge closed: {} frames received, {} records produced, {} send errors",
        framesReceived(),
        recordsProduced(),
        sendErrors());
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
    synchronized (producing) {
      if (closing || stopped.isDone()) {
        return;
      }
      try {
        producer.send(record(config.topic(), params, receivedNanos), this::onSent);
      } catch (RuntimeException e) {
        onSent(null, e);
      }
    }
  }

  private void onSent(RecordMetadata metadata, Exception error) {
    if (error == null) {
      recordsProduced.increment();
    } else {
      sendErrors.increment();
      stop(error);
    }
  }

  /** Stops bridging after a failure: the first cause is logged and handed to the owner. */
  private void stop(Throwable cause) {
    if (stopped.completeExceptionally(cause)) {
      LOG.error("bridge stopping: {}", cause.toString());
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
   */
  public static Properties producerProperties(String bootstrapServers, String clientId) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return properties;
  }
}
