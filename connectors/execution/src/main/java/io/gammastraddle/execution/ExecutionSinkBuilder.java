package io.gammastraddle.execution;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Builds an {@link ExecutionSink}. The venue, the Kafka cluster and, in PAPER, the account are
 * required:
 *
 * <pre>{@code
 * ExecutionSink sink =
 *     ExecutionSink.builder()
 *         .setUri(URI.create("ws://localhost:8765/ws/api/v2"))
 *         .setMode(ExecutionSettings.Mode.PAPER)
 *         .setPaperAccount("gsb-paper")
 *         .setKafkaBootstrap("localhost:9092")
 *         .build();
 * intents.sinkTo(sink).name("Deribit orders").uid("execution");
 * }</pre>
 *
 * <p>Defaults: PAPER, feedback to {@code deribit.user.raw}, 5 s per request, 60 s to reconnect,
 * 100,000 remembered labels per writer, intents older than 20 minutes refused (see {@link
 * ExecutionSink} for why). {@link #build()} applies the money-safety rules of {@link
 * ExecutionSettings}.
 */
public final class ExecutionSinkBuilder {

  private URI uri;
  private ExecutionSettings.Mode mode;
  private boolean realMoneyConfirmed;
  private String paperAccount;
  private String kafkaBootstrap;
  private String userTopic;
  private Duration requestTimeout;
  private Duration reconnectTimeout;
  private int maxRememberedLabels;
  private Duration maxIntentAge;
  private List<String> currencies;

  ExecutionSinkBuilder() {
    mode = ExecutionSettings.Mode.PAPER;
    userTopic = "deribit.user.raw";
    requestTimeout = Duration.ofSeconds(5);
    reconnectTimeout = Duration.ofSeconds(60);
    maxRememberedLabels = 100_000;
    maxIntentAge = Duration.ofMinutes(20);
    currencies = List.of("BTC", "ETH");
  }

  /** The currencies traded (default BTC and ETH): their recent labels are loaded at start. */
  public ExecutionSinkBuilder setCurrencies(List<String> currencies) {
    this.currencies = requireNonNull(currencies, "currencies");
    return this;
  }

  /** The JSON-RPC WebSocket: the simulator in PAPER, Deribit's test or live venue otherwise. */
  public ExecutionSinkBuilder setUri(URI uri) {
    this.uri = requireNonNull(uri, "uri");
    return this;
  }

  public ExecutionSinkBuilder setMode(ExecutionSettings.Mode mode) {
    this.mode = requireNonNull(mode, "mode");
    return this;
  }

  /** The user's explicit consent to trade real money ({@code --i-understand-real-money}). */
  public ExecutionSinkBuilder setRealMoneyConfirmed(boolean realMoneyConfirmed) {
    this.realMoneyConfirmed = realMoneyConfirmed;
    return this;
  }

  /** The simulator account PAPER trades on: the client id the sink authenticates with. */
  public ExecutionSinkBuilder setPaperAccount(String paperAccount) {
    this.paperAccount = requireNonNull(paperAccount, "paperAccount");
    return this;
  }

  public ExecutionSinkBuilder setKafkaBootstrap(String kafkaBootstrap) {
    this.kafkaBootstrap = requireNonNull(kafkaBootstrap, "kafkaBootstrap");
    return this;
  }

  /** Where refused orders and status-check answers go, in the {@code user.orders} format. */
  public ExecutionSinkBuilder setUserTopic(String userTopic) {
    this.userTopic = requireNonNull(userTopic, "userTopic");
    return this;
  }

  /** How long a request waits for its answer before its outcome counts as unknown. */
  public ExecutionSinkBuilder setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout");
    return this;
  }

  /** How long the connection may stay lost before the writer fails and Flink restarts the job. */
  public ExecutionSinkBuilder setReconnectTimeout(Duration reconnectTimeout) {
    this.reconnectTimeout = requireNonNull(reconnectTimeout, "reconnectTimeout");
    return this;
  }

  /** How many placed labels each writer remembers in its checkpointed state. */
  public ExecutionSinkBuilder setMaxRememberedLabels(int maxRememberedLabels) {
    this.maxRememberedLabels = maxRememberedLabels;
    return this;
  }

  /** The oldest a PLACE may be (wall clock minus its decision time) and still be sent. */
  public ExecutionSinkBuilder setMaxIntentAge(Duration maxIntentAge) {
    this.maxIntentAge = requireNonNull(maxIntentAge, "maxIntentAge");
    return this;
  }

  /**
   * @throws NullPointerException if the uri or the Kafka bootstrap servers are missing
   * @throws IllegalArgumentException if a money-safety rule or a bound is broken
   */
  public ExecutionSink build() {
    requireNonNull(uri, "uri is required: call setUri");
    requireNonNull(kafkaBootstrap, "kafkaBootstrap is required: call setKafkaBootstrap");
    return new ExecutionSink(
        new ExecutionSettings(
            uri,
            mode,
            realMoneyConfirmed,
            paperAccount,
            kafkaBootstrap,
            userTopic,
            requestTimeout,
            reconnectTimeout,
            maxRememberedLabels,
            maxIntentAge,
            currencies));
  }
}
