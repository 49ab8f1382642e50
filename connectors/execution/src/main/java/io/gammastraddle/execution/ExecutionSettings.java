package io.gammastraddle.execution;

import io.gammastraddle.deribit.websocket.Credentials;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the {@link ExecutionSink} trades; built by {@link ExecutionSinkBuilder} and checked
 * again when each writer opens. It holds no secret: TESTNET and LIVE read their API key from the
 * TaskManager's environment ({@link #credentials(Map)}), so nothing secret is serialized into the
 * job graph.
 *
 * <p>Money safety, enforced by the constructor:
 *
 * <ul>
 *   <li>{@link Mode#LIVE} needs {@code realMoneyConfirmed} and the host {@value #LIVE_HOST};
 *   <li>{@link Mode#TESTNET} needs the host {@value #TESTNET_HOST};
 *   <li>{@link Mode#PAPER} refuses every {@code deribit.com} host: paper orders must never reach a
 *       real venue; it needs the paper account's name.
 * </ul>
 *
 * @param uri the JSON-RPC WebSocket, e.g. {@code wss://www.deribit.com/ws/api/v2}
 * @param mode which venue the orders go to
 * @param realMoneyConfirmed whether the user confirmed trading real money ({@code
 *     --i-understand-real-money}); required for LIVE
 * @param paperAccount the simulator account the orders go to in PAPER (the client id it
 *     authenticates with); null otherwise
 * @param kafkaBootstrap the Kafka cluster of {@code userTopic}
 * @param userTopic where the sink publishes what it learns about orders, in the {@code user.orders}
 *     format ({@code deribit.user.raw})
 * @param requestTimeout how long each JSON-RPC request waits for its answer
 * @param reconnectTimeout how long the connection may stay lost before the writer fails the job
 * @param maxRememberedLabels how many placed labels each writer remembers and checkpoints
 * @param currencies the currencies whose recent labels each writer loads from the exchange when it
 *     starts (see {@link ExecutionSink})
 * @param maxIntentAge a PLACE decided longer ago than this (wall clock) is refused unsent
 */
public record ExecutionSettings(
    URI uri,
    Mode mode,
    boolean realMoneyConfirmed,
    String paperAccount,
    String kafkaBootstrap,
    String userTopic,
    Duration requestTimeout,
    Duration reconnectTimeout,
    int maxRememberedLabels,
    Duration maxIntentAge,
    List<String> currencies)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The only host LIVE orders go to. */
  public static final String LIVE_HOST = "www.deribit.com";

  /** The only host TESTNET orders go to. */
  public static final String TESTNET_HOST = "test.deribit.com";

  private static final String DERIBIT_DOMAIN = "deribit.com";

  /**
   * The simulator authenticates any non-empty secret as the account named by the client id, so this
   * is not a secret.
   */
  private static final String PAPER_SECRET = "paper";

  /** Which venue the orders go to. */
  public enum Mode {
    /** The simulator's paper exchange; never a real venue. */
    PAPER,
    /** Deribit's test venue, with an API key from the environment. */
    TESTNET,
    /** Deribit, real money, with an API key from the environment. */
    LIVE
  }

  public ExecutionSettings {
    currencies = List.copyOf(currencies);
    if (currencies.isEmpty()) {
      throw new IllegalArgumentException("the sink needs at least one currency to trade");
    }
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(mode, "mode");
    requireText(kafkaBootstrap, "kafkaBootstrap");
    requireText(userTopic, "userTopic");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(reconnectTimeout, "reconnectTimeout");
    requirePositive(maxIntentAge, "maxIntentAge");
    if (maxRememberedLabels <= 0) {
      throw new IllegalArgumentException(
          "maxRememberedLabels must be positive: " + maxRememberedLabels);
    }
    checkVenue(uri, mode, realMoneyConfirmed, paperAccount);
  }

  /**
   * The API key this mode trades with: the paper account in PAPER; {@link
   * Credentials#CLIENT_ID_VARIABLE} and {@link Credentials#CLIENT_SECRET_VARIABLE} of {@code
   * environment} in TESTNET and LIVE.
   *
   * @throws IllegalStateException if TESTNET or LIVE finds neither variable set (the message names
   *     the variables, never a value)
   * @throws IllegalArgumentException if only one of them is set
   */
  Credentials credentials(Map<String, String> environment) {
    if (mode == Mode.PAPER) {
      return new Credentials(paperAccount, PAPER_SECRET);
    }
    return Credentials.fromEnvironment(environment)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    mode
                        + " trading needs an API key: set "
                        + Credentials.CLIENT_ID_VARIABLE
                        + " and "
                        + Credentials.CLIENT_SECRET_VARIABLE
                        + " in the environment of every TaskManager"));
  }

  /**
   * Checks the money-safety rules again, for the writer on the TaskManager. A record is also
   * deserialized through its constructor, so this is a second line, not the only one.
   */
  void checkMoneySafety() {
    checkVenue(uri, mode, realMoneyConfirmed, paperAccount);
  }

  /** Where the orders go, for logs: the host and the mode (the account in PAPER). */
  String venue() {
    return mode + " on " + uri.getHost() + (mode == Mode.PAPER ? " as " + paperAccount : "");
  }

  private static void checkVenue(
      URI uri, Mode mode, boolean realMoneyConfirmed, String paperAccount) {
    if (uri.getUserInfo() != null || uri.getQuery() != null) {
      // Either could carry a secret, and the URI ends up in logs.
      throw new IllegalArgumentException("the uri must carry no user info and no query");
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    switch (mode) {
      case LIVE -> {
        if (!realMoneyConfirmed) {
          throw new IllegalArgumentException(
              "LIVE trades real money: it needs the explicit confirmation (--i-understand-real-money)");
        }
        requireSecureHost(uri, host, LIVE_HOST, mode);
      }
      case TESTNET -> requireSecureHost(uri, host, TESTNET_HOST, mode);
      case PAPER -> {
        if (host.equals(DERIBIT_DOMAIN) || host.endsWith("." + DERIBIT_DOMAIN)) {
          throw new IllegalArgumentException(
              "PAPER must never reach a real venue, but the uri's host is " + host);
        }
        requireText(paperAccount, "paperAccount (the simulator account PAPER trades on)");
      }
    }
  }

  private static void requireSecureHost(URI uri, String host, String expected, Mode mode) {
    if (!host.equals(expected) || !"wss".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          mode
              + " trades on wss://"
              + expected
              + " only, not on "
              + uri.getScheme()
              + "://"
              + host);
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
