package io.gammastraddle.deribit.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Deribit connection that replaces itself when it dies: the {@link DeribitClient} it owns is
 * reopened with {@link Backoff} after the socket closes or fails, or after it has been silent for
 * longer than {@link Settings#silenceTimeout()} (heartbeats make a live connection talk at least
 * once per interval). Every new connection gets the heartbeat enabled again and is subscribed to
 * every channel ever passed to {@link #subscribe(Collection)} or {@link
 * #subscribePrivate(Collection)} and not unsubscribed, each with the method it was first subscribed
 * with. With {@link Credentials}, every connection authenticates ({@code public/auth}, {@code
 * client_credentials}), enables cancel-on-disconnect if {@link Settings#cancelOnDisconnect()} asks
 * for it, and only then resubscribes; it refreshes its token ({@code refresh_token}) at 80% of its
 * lifetime.
 *
 * <p>A resubscription makes Deribit send each book a fresh snapshot, so the owner can resynchronize
 * its books when told through {@link Listener#onReconnected(int)}. Notifications of every
 * connection go to the same {@link NotificationListener}.
 *
 * <pre>{@code
 * ResilientConnection connection = ResilientConnection.open(
 *     URI.create("wss://www.deribit.com/ws/api/v2"), notifications, listener,
 *     ResilientConnection.Settings.defaults());
 * connection.subscribe(List.of("book.BTC-PERPETUAL.100ms")).join();
 * ...
 * connection.close();
 * }</pre>
 */
public final class ResilientConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResilientConnection.class);
  private static final int REFRESH_AT_PERCENT = 80;

  /** Hears about lost and restored connections; called on the connection's own thread. */
  @FunctionalInterface
  public interface Listener {

    /**
     * A new connection is up, its heartbeat enabled and every channel subscribed again.
     *
     * @param reconnects how many times the connection has been restored so far, from 1
     */
    void onReconnected(int reconnects);

    /** The connection was lost or declared dead; data stops until {@link #onReconnected}. */
    default void onConnectionLost(Throwable cause) {}
  }

  /**
   * How the connection is opened, watched and reopened.
   *
   * @param options the options of each {@link DeribitClient}; its rate limiter is shared by all of
   *     them, as Deribit's credits belong to the account
   * @param heartbeatSeconds the {@code public/set_heartbeat} interval; Deribit accepts 10 or more
   * @param silenceTimeout how long without any frame declares the connection dead
   * @param backoff the delays between attempts to reconnect
   * @param credentials the API key each connection authenticates with, or null for public data only
   * @param cancelOnDisconnect whether each connection, once authenticated, asks Deribit to cancel
   *     the account's orders placed on it when it drops ({@code
   *     private/enable_cancel_on_disconnect} with scope {@code connection}); for trading
   *     connections, and it needs credentials
   */
  public record Settings(
      DeribitClient.Options options,
      int heartbeatSeconds,
      Duration silenceTimeout,
      Backoff backoff,
      Credentials credentials,
      boolean cancelOnDisconnect) {

    public Settings {
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(silenceTimeout, "silenceTimeout");
      Objects.requireNonNull(backoff, "backoff");
      if (heartbeatSeconds < 10) {
        throw new IllegalArgumentException("Deribit needs a heartbeat of 10 s or more");
      }
      if (silenceTimeout.isNegative() || silenceTimeout.isZero()) {
        throw new IllegalArgumentException("silenceTimeout must be positive: " + silenceTimeout);
      }
    }

    /**
     * Default client options, a 30 s heartbeat, dead after three intervals without a frame (90 s),
     * the default backoff, no authentication, no cancel-on-disconnect.
     */
    public static Settings defaults() {
      return new Settings(
          DeribitClient.Options.defaults(),
          30,
          Duration.ofSeconds(90),
          Backoff.defaults(),
          null,
          false);
    }

    public Settings withOptions(DeribitClient.Options newOptions) {
      return new Settings(
          newOptions, heartbeatSeconds, silenceTimeout, backoff, credentials, cancelOnDisconnect);
    }

    public Settings withSilenceTimeout(Duration timeout) {
      return new Settings(
          options, heartbeatSeconds, timeout, backoff, credentials, cancelOnDisconnect);
    }

    public Settings withBackoff(Backoff newBackoff) {
      return new Settings(
          options, heartbeatSeconds, silenceTimeout, newBackoff, credentials, cancelOnDisconnect);
    }

    /**
     * Authenticates every connection with {@code apiKey}, e.g. from {@link
     * Credentials#fromEnvironment()}.
     */
    public Settings withCredentials(Credentials apiKey) {
      return new Settings(
          options, heartbeatSeconds, silenceTimeout, backoff, apiKey, cancelOnDisconnect);
    }

    /**
     * Whether every connection, right after it authenticates, enables Deribit's
     * cancel-on-disconnect for itself, so that orders placed on a connection that drops are
     * cancelled by the exchange. Needs {@link #withCredentials(Credentials)}.
     */
    public Settings withCancelOnDisconnect(boolean enabled) {
      return new Settings(options, heartbeatSeconds, silenceTimeout, backoff, credentials, enabled);
    }
  }

  private final URI uri;
  private final NotificationListener notifications;
  private final Listener listener;
  private final Settings settings;
  // Every channel held, in the order first asked for, with whether it is private.
  private final Map<String, Boolean> channels = new LinkedHashMap<>();
  private final AtomicInteger reconnects = new AtomicInteger();
  private final ScheduledExecutorService scheduler;

  // Touched only on the scheduler thread.
  private int failedAttempts;

  private volatile DeribitClient current;
  private volatile boolean closing;

  private ResilientConnection(
      URI uri, NotificationListener notifications, Listener listener, Settings settings) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.notifications = Objects.requireNonNull(notifications, "notifications");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (settings.cancelOnDisconnect() && settings.credentials() == null) {
      throw new IllegalArgumentException("cancel-on-disconnect needs credentials");
    }
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "deribit-connection");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Connects, enables the heartbeat and authenticates if the settings have credentials; from then
   * on, the connection is watched and restored.
   *
   * @throws IOException if the first connection cannot be opened
   * @throws TimeoutException if Deribit does not answer {@code public/set_heartbeat} or {@code
   *     public/auth} in time
   * @throws DeribitRpcException if Deribit refuses either (e.g. 13004 invalid_credentials), or
   *     refuses {@code private/enable_cancel_on_disconnect}
   * @throws IllegalArgumentException if the settings ask for cancel-on-disconnect without
   *     credentials
   */
  public static ResilientConnection open(
      URI uri, NotificationListener notifications, Listener listener, Settings settings)
      throws IOException, TimeoutException, InterruptedException {
    ResilientConnection connection =
        new ResilientConnection(uri, notifications, listener, settings);
    try {
      connection.setUp(connection.connect());
    } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
      connection.close();
      throw e;
    }
    long checkMillis = Math.max(10, settings.silenceTimeout().toMillis() / 4);
    connection.scheduler.scheduleWithFixedDelay(
        connection::abortIfSilent, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    return connection;
  }

  /**
   * Subscribes to the channels not yet subscribed and remembers them for every later connection;
   * returns the channels among them the server confirmed. A channel already subscribed is not sent
   * again. If the connection is down, the future fails but the channels are subscribed as soon as
   * it is restored.
   */
  public CompletableFuture<List<String>> subscribe(Collection<String> wanted) {
    return subscribe(wanted, false);
  }

  /**
   * Subscribes like {@link #subscribe(Collection)}, but with {@code private/subscribe} now and on
   * every later connection once it has authenticated: Deribit's {@code user.*} channels need it.
   *
   * @throws IllegalStateException if the settings have no credentials
   */
  public CompletableFuture<List<String>> subscribePrivate(Collection<String> wanted) {
    if (settings.credentials() == null) {
      throw new IllegalStateException("private channels need credentials");
    }
    return subscribe(wanted, true);
  }

  private CompletableFuture<List<String>> subscribe(Collection<String> wanted, boolean isPrivate) {
    List<String> added;
    synchronized (channels) {
      added =
          wanted.stream()
              .distinct()
              .filter(channel -> channels.putIfAbsent(channel, isPrivate) == null)
              .toList();
    }
    if (added.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return subscribeOn(current, added, isPrivate);
  }

  /**
   * Unsubscribes and forgets the channels, public or private; returns those the server confirmed.
   */
  public CompletableFuture<List<String>> unsubscribe(Collection<String> unwanted) {
    Map<Boolean, List<String>> removed;
    synchronized (channels) {
      removed = byPrivacy(unwanted.stream().distinct().filter(channels::containsKey).toList());
      removed.values().forEach(list -> list.forEach(channels::remove));
    }
    DeribitClient client = current;
    return both(removed, (isPrivate, some) -> unsubscribeOn(client, some, isPrivate));
  }

  /**
   * Unsubscribes and subscribes again the channels among {@code stale} that are held, on the
   * current connection, with the method each was subscribed with; returns those the server
   * confirmed subscribing. On Deribit this gives every such book a fresh snapshot: the way to
   * resynchronize a book that missed a change. Channels not held are left alone.
   */
  public CompletableFuture<List<String>> resubscribe(Collection<String> stale) {
    Map<Boolean, List<String>> held;
    synchronized (channels) {
      held = byPrivacy(stale.stream().distinct().filter(channels::containsKey).toList());
    }
    DeribitClient client = current;
    return both(
        held,
        (isPrivate, some) ->
            unsubscribeOn(client, some, isPrivate)
                .thenCompose(
                    unsubscribed -> {
                      List<String> stillHeld;
                      synchronized (channels) {
                        // Unsubscribed meanwhile by the owner: it must not come back.
                        stillHeld = some.stream().filter(channels::containsKey).toList();
                      }
                      return subscribeOn(client, stillHeld, isPrivate);
                    }));
  }

  /** The channels every new connection subscribes to, in the order they were first asked for. */
  public List<String> channels() {
    synchronized (channels) {
      return List.copyOf(channels.keySet());
    }
  }

  /** Sends a request on the current connection; see {@link DeribitClient#call(String, Map)}. */
  public CompletableFuture<JsonNode> call(String method, Map<String, ?> params) {
    return current.call(method, params);
  }

  /**
   * Sends a request on the current connection; see {@link DeribitClient#call(String, ObjectNode)}.
   */
  public CompletableFuture<JsonNode> call(String method, ObjectNode params) {
    return current.call(method, params);
  }

  /** How many times the connection has been restored. */
  public int reconnects() {
    return reconnects.get();
  }

  /** Whether the current connection is open (it may still be resubscribing). */
  public boolean isConnected() {
    return !current.closed().isDone();
  }

  /** Stops watching and reconnecting and closes the current connection. */
  @Override
  public void close() {
    closing = true;
    scheduler.shutdownNow();
    DeribitClient client = current;
    if (client != null) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "ResilientConnection[" + current + ", reconnects=" + reconnects.get() + "]";
  }

  /** Opens a client and makes it current, so that channels subscribed from now on go to it. */
  private DeribitClient connect() throws DeribitConnectionException, InterruptedException {
    DeribitClient client = DeribitClient.connect(uri, notifications, settings.options());
    current = client;
    client.closed().whenComplete((ok, lost) -> onClosed(client, lost));
    return client;
  }

  /**
   * Enables the heartbeat, authenticates if there are credentials, and resubscribes the channels
   * known at this point.
   */
  private void setUp(DeribitClient client)
      throws IOException, TimeoutException, InterruptedException {
    await(client.enableHeartbeat(settings.heartbeatSeconds()));
    if (settings.credentials() != null) {
      Credentials key = settings.credentials();
      onAuthenticated(
          client,
          await(
              client.call(
                  "public/auth",
                  Map.of(
                      "grant_type", "client_credentials",
                      "client_id", key.clientId(),
                      "client_secret", key.clientSecret()))));
      if (settings.cancelOnDisconnect()) {
        await(client.call("private/enable_cancel_on_disconnect", Map.of("scope", "connection")));
      }
    }
    Map<Boolean, List<String>> resubscribe;
    synchronized (channels) {
      resubscribe = byPrivacy(channels.keySet());
    }
    await(both(resubscribe, (isPrivate, some) -> subscribeOn(client, some, isPrivate)));
  }

  /** The channels split into public ({@code false}) and private ({@code true}), in order. */
  private Map<Boolean, List<String>> byPrivacy(Collection<String> held) {
    Map<Boolean, List<String>> split = Map.of(false, new ArrayList<>(), true, new ArrayList<>());
    held.forEach(channel -> split.get(channels.get(channel)).add(channel));
    return split;
  }

  /**
   * Runs {@code request} for the public channels, then for the private ones (skipping an empty
   * group) and returns every channel the server confirmed.
   */
  private static CompletableFuture<List<String>> both(
      Map<Boolean, List<String>> split,
      BiFunction<Boolean, List<String>, CompletableFuture<List<String>>> request) {
    CompletableFuture<List<String>> confirmed = CompletableFuture.completedFuture(List.of());
    for (boolean isPrivate : new boolean[] {false, true}) {
      List<String> some = split.get(isPrivate);
      if (!some.isEmpty()) {
        confirmed =
            confirmed.thenCompose(
                soFar ->
                    request
                        .apply(isPrivate, some)
                        .thenApply(more -> Stream.concat(soFar.stream(), more.stream()).toList()));
      }
    }
    return confirmed;
  }

  private static CompletableFuture<List<String>> subscribeOn(
      DeribitClient client, List<String> some, boolean isPrivate) {
    if (some.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return isPrivate ? client.subscribePrivate(some) : client.subscribe(some);
  }

  private static CompletableFuture<List<String>> unsubscribeOn(
      DeribitClient client, List<String> some, boolean isPrivate) {
    return isPrivate ? client.unsubscribePrivate(some) : client.unsubscribe(some);
  }

  /**
   * Schedules the refresh of the token Deribit just granted, at {@value #REFRESH_AT_PERCENT}% of
   * its lifetime so that a slow answer still arrives before it expires.
   */
  private void onAuthenticated(DeribitClient client, JsonNode granted) {
    long lifetimeMillis = granted.path("expires_in").asLong() * 1000;
    String refreshToken = granted.path("refresh_token").asText();
    if (lifetimeMillis <= 0 || refreshToken.isEmpty()) {
      throw new IllegalStateException("public/auth granted no usable token");
    }
    long refreshInMillis = lifetimeMillis * REFRESH_AT_PERCENT / 100;
    LOG.info("authenticated on {}; refreshing the token in {} ms", uri.getHost(), refreshInMillis);
    scheduler.schedule(() -> refresh(client, refreshToken), refreshInMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Trades the refresh token for a new token on the same connection. A connection that cannot
   * refresh is dropped: the next one authenticates with the credentials again.
   */
  private void refresh(DeribitClient client, String refreshToken) {
    if (closing || client != current || client.closed().isDone()) {
      return; // a newer connection authenticated on its own
    }
    client
        .call("public/auth", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken))
        .whenCompleteAsync(
            (granted, error) -> {
              try {
                if (error != null) {
                  throw error;
                }
                onAuthenticated(client, granted);
              } catch (Throwable failure) {
                client.abort("refreshing the token failed: " + failure.getMessage());
              }
            },
            scheduler);
  }

  private void onClosed(DeribitClient client, Throwable lost) {
    if (lost == null || closing || client != current) {
      return;
    }
    listener.onConnectionLost(lost);
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (closing) {
      return;
    }
    scheduler.execute(
        () -> {
          Duration delay = settings.backoff().delay(failedAttempts++);
          LOG.info(
              "reconnecting to {} in {} ms (attempt {})",
              uri.getHost(),
              delay.toMillis(),
              failedAttempts);
          scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
        });
  }

  private void reconnect() {
    if (closing) {
      return;
    }
    DeribitClient client;
    try {
      client = connect();
    } catch (DeribitConnectionException e) {
      LOG.warn("reconnecting failed: {}", e.getMessage());
      scheduleReconnect();
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      setUp(client);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (IOException | TimeoutException | RuntimeException e) {
      // Closing the client this way calls onClosed, which schedules the next attempt.
      client.abort("setting up the connection failed: " + e);
      return;
    }
    failedAttempts = 0;
    int count = reconnects.incrementAndGet();
    LOG.info("reconnected to {} ({} so far)", uri.getHost(), count);
    listener.onReconnected(count);
  }

  private void abortIfSilent() {
    DeribitClient client = current;
    long silentNanos = System.nanoTime() - client.lastFrameNanos();
    if (!client.closed().isDone() && silentNanos > settings.silenceTimeout().toNanos()) {
      client.abort("no frame for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms");
    }
  }

  /**
   * Waits for a request, rethrowing its failure as it is (an {@link IOException}, a {@link
   * TimeoutException} or a {@link DeribitRpcException}) rather than wrapped.
   */
  public static <T> T await(CompletableFuture<T> request)
      throws IOException, TimeoutException, InterruptedException {
    try {
      return request.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof TimeoutException timeout) {
        throw timeout;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }
}
