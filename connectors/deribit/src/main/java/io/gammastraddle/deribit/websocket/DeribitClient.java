package io.gammastraddle.deribit.websocket;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Deribit JSON-RPC 2.0 client over one WebSocket (JDK {@code java.net.http}).
 *
 * <p>Requests get unique ids and their responses are matched by id, in whatever order they come
 * back. Subscription notifications go to a {@link NotificationListener} as raw text. When
 * heartbeats are enabled, the client answers every {@code test_request} with {@code public/test} by
 * itself.
 *
 * <pre>{@code
 * DeribitClient client = DeribitClient.connect(
 *     URI.create("wss://www.deribit.com/ws/api/v2"), listener, DeribitClient.Options.defaults());
 * client.enableHeartbeat(30).join();
 * JsonNode instruments = client.call("public/get_instruments", Map.of("currency", "BTC")).join();
 * client.subscribe(List.of("ticker.BTC-PERPETUAL.100ms")).join();
 * client.closed().whenComplete((ok, lost) -> ...); // completes exceptionally if the link drops
 * }</pre>
 *
 * <p>Requests are paced by a {@link RequestRateLimiter} (Deribit's credit budgets) and one refused
 * with 10028 {@code too_many_requests} is retried once. Request texts are never logged, so
 * credentials sent with {@code public/auth} cannot leak through this class. For reconnects,
 * resubscription and authentication, see {@link ResilientConnection}.
 */
public final class DeribitClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeribitClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CLOSE_HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);

  /**
   * Connection settings.
   *
   * @param connectTimeout how long opening the WebSocket may take
   * @param requestTimeout how long each JSON-RPC request waits for its response
   * @param maxChannelsPerSubscribe channels per {@code public/subscribe} request; larger sets are
   *     sent in consecutive chunks
   * @param clock source of the receive timestamps handed to the listener
   * @param rateLimiter paces the requests; share one between the connections of an account
   */
  public record Options(
      Duration connectTimeout,
      Duration requestTimeout,
      int maxChannelsPerSubscribe,
      Clock clock,
      RequestRateLimiter rateLimiter) {

    public Options {
      requirePositive(connectTimeout, "connectTimeout");
      requirePositive(requestTimeout, "requestTimeout");
      if (maxChannelsPerSubscribe < 1) {
        throw new IllegalArgumentException("maxChannelsPerSubscribe must be at least 1");
      }
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(rateLimiter, "rateLimiter");
    }

    /**
     * 10 s to connect, 10 s per request, 200 channels per subscribe, the UTC system clock, a new
     * limiter with Deribit's default budgets.
     */
    public static Options defaults() {
      return new Options(
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          200,
          Clock.systemUTC(),
          RequestRateLimiter.deribitDefaults());
    }

    public Options withConnectTimeout(Duration timeout) {
      return new Options(timeout, requestTimeout, maxChannelsPerSubscribe, clock, rateLimiter);
    }

    public Options withRequestTimeout(Duration timeout) {
      return new Options(connectTimeout, timeout, maxChannelsPerSubscribe, clock, rateLimiter);
    }

    public Options withMaxChannelsPerSubscribe(int channels) {
      return new Options(connectTimeout, requestTimeout, channels, clock, rateLimiter);
    }

    public Options withClock(Clock newClock) {
      return new Options(
          connectTimeout, requestTimeout, maxChannelsPerSubscribe, newClock, rateLimiter);
    }

    public Options withRateLimiter(RequestRateLimiter limiter) {
      return new Options(connectTimeout, requestTimeout, maxChannelsPerSubscribe, clock, limiter);
    }

    private static void requirePositive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + duration);
      }
    }
  }

  private record PendingCall(String method, CompletableFuture<JsonNode> result) {}

  private final String endpoint;
  private final NotificationListener listener;
  private final Options options;
  private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
  private final AtomicLong lastId = new AtomicLong();
  private final AtomicLong listenerErrors = new AtomicLong();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final AtomicLong lastFrameNanos = new AtomicLong(System.nanoTime());
  private final Object sendLock = new Object();

  // java.net.http allows one outstanding send per WebSocket, so sends are chained.
  private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

  private volatile WebSocket webSocket;
  private volatile boolean closedByOwner;

  private DeribitClient(URI uri, NotificationListener listener, Options options) {
    this.endpoint = endpoint(uri);
    this.listener = Objects.requireNonNull(listener, "listener");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Opens a WebSocket to {@code uri} and returns once it is open.
   *
   * @throws DeribitConnectionException if the socket is not open within the connect timeout
   */
  public static DeribitClient connect(URI uri, NotificationListener listener, Options options)
      throws DeribitConnectionException, InterruptedException {
    DeribitClient client = new DeribitClient(uri, listener, options);
    CompletableFuture<WebSocket> opening =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(options.connectTimeout())
            .buildAsync(uri, client.new Receiver());
    try {
      client.webSocket = opening.get(options.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
      LOG.info("connected to {}", client.endpoint);
      return client;
    } catch (ExecutionException e) {
      throw new DeribitConnectionException(
          "cannot connect to " + client.endpoint + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      opening.thenAccept(WebSocket::abort);
      throw new DeribitConnectionException(
          "no connection to "
              + client.endpoint
              + " within "
              + options.connectTimeout().toMillis()
              + " ms");
    }
  }

  /** Sends a JSON-RPC request; see {@link #call(String, ObjectNode)}. */
  public CompletableFuture<JsonNode> call(String method, Map<String, ?> params) {
    return call(method, JSON.<ObjectNode>valueToTree(params));
  }

  /**
   * Sends a JSON-RPC request and returns its {@code result}.
   *
   * <p>The request waits for credits in {@link Options#rateLimiter()} first. If Deribit refuses it
   * with 10028 {@code too_many_requests}, the limiter's bucket is emptied and the request is sent
   * once more after {@link RequestRateLimiter.Limits#retryAfterTooManyRequests()}.
   *
   * <p>The future completes exceptionally with {@link DeribitRpcException} when Deribit answers
   * with an error (10028 only if the retry is refused too), {@link DeribitTimeoutException} when no
   * answer arrives within the request timeout (counted from sending), and {@link
   * DeribitConnectionException} when the connection closes first.
   */
  public CompletableFuture<JsonNode> call(String method, ObjectNode params) {
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    paced(method, params)
        .whenComplete(
            (value, error) -> {
              if (error instanceof DeribitRpcException refused
                  && refused.code() == RequestRateLimiter.TOO_MANY_REQUESTS) {
                RequestRateLimiter limiter = options.rateLimiter();
                limiter.onTooManyRequests(method);
                Duration pause = limiter.limits().retryAfterTooManyRequests();
                LOG.warn(
                    "{} refused with 10028 too_many_requests; retrying once in {}", method, pause);
                CompletableFuture.delayedExecutor(pause.toNanos(), TimeUnit.NANOSECONDS)
                    .execute(() -> paced(method, params).whenComplete(completing(result)));
              } else {
                completing(result).accept(value, error);
              }
            });
    return result;
  }

  /** Sends the request once its credits allow; fails with the same exceptions as the call. */
  private CompletableFuture<JsonNode> paced(String method, ObjectNode params) {
    Duration wait = options.rateLimiter().reserve(method);
    if (wait.isZero()) {
      return sendRequest(method, params);
    }
    CompletableFuture<JsonNode> result = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS)
        .execute(() -> sendRequest(method, params).whenComplete(completing(result)));
    return result;
  }

  /** Completes {@code target} with the outcome it is given, unwrapping a CompletionException. */
  private static <T> BiConsumer<T, Throwable> completing(CompletableFuture<T> target) {
    return (value, error) -> {
      if (error == null) {
        target.complete(value);
      } else {
        target.completeExceptionally(
            error instanceof CompletionException && error.getCause() != null
                ? error.getCause()
                : error);
      }
    };
  }

  private CompletableFuture<JsonNode> sendRequest(String method, ObjectNode params) {
    long id = lastId.incrementAndGet();
    PendingCall call = new PendingCall(method, new CompletableFuture<>());
    pending.put(id, call);
    if (closed.isDone()) {
      fail(id, new DeribitConnectionException(noResponse(method, "the connection is closed")));
      return call.result();
    }
    ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id);
    request.put("method", method).set("params", params);
    CompletableFuture.delayedExecutor(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS)
        .execute(() -> fail(id, new DeribitTimeoutException(method, options.requestTimeout())));
    send(request.toString())
        .whenComplete(
            (sent, error) -> {
              if (error != null) {
                fail(id, new DeribitConnectionException(noResponse(method, "send failed"), error));
              }
            });
    return call.result();
  }

  /**
   * Subscribes to {@code channels} with {@code public/subscribe}, in consecutive requests of at
   * most {@link Options#maxChannelsPerSubscribe()} channels, and returns the channels the server
   * confirmed.
   */
  public CompletableFuture<List<String>> subscribe(Collection<String> channels) {
    return inChunks("public/subscribe", channels);
  }

  /** Unsubscribes with {@code public/unsubscribe}; returns the channels the server confirmed. */
  public CompletableFuture<List<String>> unsubscribe(Collection<String> channels) {
    return inChunks("public/unsubscribe", channels);
  }

  /**
   * Subscribes like {@link #subscribe(Collection)} but with {@code private/subscribe}, which
   * Deribit requires for the {@code user.*} channels; the connection must be authenticated first.
   */
  public CompletableFuture<List<String>> subscribePrivate(Collection<String> channels) {
    return inChunks("private/subscribe", channels);
  }

  /** Unsubscribes with {@code private/unsubscribe}; returns the channels the server confirmed. */
  public CompletableFuture<List<String>> unsubscribePrivate(Collection<String> channels) {
    return inChunks("private/unsubscribe", channels);
  }

  /**
   * Asks the server for heartbeats every {@code seconds} ({@code public/set_heartbeat}; Deribit
   * accepts 10 or more). The client answers each {@code test_request} with {@code public/test}.
   */
  public CompletableFuture<Void> enableHeartbeat(int seconds) {
    return call("public/set_heartbeat", Map.of("interval", seconds)).thenApply(result -> null);
  }

  /**
   * Completes normally after {@link #close()}, and exceptionally with a {@link
   * DeribitConnectionException} when the server closes the connection or it fails.
   */
  public CompletableFuture<Void> closed() {
    return closed;
  }

  /**
   * When the last frame of any kind (notification, heartbeat, response) arrived, on the {@link
   * System#nanoTime()} scale: a connection that stays silent longer than its heartbeat interval is
   * dead even if TCP has not noticed.
   */
  public long lastFrameNanos() {
    return lastFrameNanos.get();
  }

  /**
   * Drops the connection at once without a close handshake, as if it had failed: {@link #closed()}
   * completes exceptionally with {@code why} and pending requests fail. For a connection declared
   * dead, whose server would not answer a close anyway.
   */
  public void abort(String why) {
    webSocket.abort();
    connectionEnded(why, null);
  }

  /** How many notifications the listener has thrown on so far. */
  public long listenerErrors() {
    return listenerErrors.get();
  }

  /**
   * Closes the WebSocket (a normal close, aborted if the server does not answer within a second)
   * and fails the requests still waiting for a response.
   */
  @Override
  public void close() {
    closedByOwner = true;
    if (!closed.isDone()) {
      sendClose();
      try {
        // Once the server answers, the JDK closes the TCP connection itself.
        closed.get(CLOSE_HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        webSocket.abort();
      } catch (ExecutionException | TimeoutException e) {
        LOG.debug("no close handshake from {}; aborting", endpoint);
        webSocket.abort();
      }
    }
    connectionEnded("the client closed the connection", null);
  }

  @Override
  public String toString() {
    return "DeribitClient[" + endpoint + ", open=" + !closed.isDone() + "]";
  }

  private CompletableFuture<?> send(String text) {
    synchronized (sendLock) {
      CompletableFuture<?> sent =
          lastSend
              .handle((ignored, error) -> null)
              .thenCompose(i -> webSocket.sendText(text, true));
      lastSend = sent;
      return sent;
    }
  }

  private void sendClose() {
    synchronized (sendLock) {
      lastSend =
          lastSend
              .handle((ignored, error) -> null)
              .thenCompose(i -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "client closing"));
    }
  }

  private CompletableFuture<List<String>> inChunks(String method, Collection<String> channels) {
    List<String> all = List.copyOf(channels);
    CompletableFuture<List<String>> confirmed =
        CompletableFuture.completedFuture(new ArrayList<>());
    for (int from = 0; from < all.size(); from += options.maxChannelsPerSubscribe()) {
      List<String> chunk =
          all.subList(from, Math.min(all.size(), from + options.maxChannelsPerSubscribe()));
      confirmed =
          confirmed.thenCompose(
              soFar ->
                  call(method, Map.of("channels", chunk))
                      .thenApply(
                          result -> {
                            result.forEach(channel -> soFar.add(channel.asText()));
                            return soFar;
                          }));
    }
    return confirmed.thenApply(List::copyOf);
  }

  private void fail(long id, Throwable cause) {
    PendingCall call = pending.remove(id);
    if (call != null) {
      call.result().completeExceptionally(cause);
    }
  }

  /** Routes one complete text frame; nothing thrown here may reach the WebSocket. */
  private void dispatch(String frame, long receivedNanos) {
    try (JsonParser parser = JSON.getFactory().createParser(frame)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      // Deribit puts "method" or "id" before "params"/"result", so scanning stops early.
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if (field.equals("method")) {
          onMethod(parser.getText(), frame, receivedNanos);
          return;
        }
        if (field.equals("id")) {
          onResponse(frame);
          return;
        }
        parser.skipChildren();
      }
      LOG.warn("ignoring a frame with neither method nor id ({} chars)", frame.length());
    } catch (IOException | RuntimeException e) {
      LOG.warn("ignoring a malformed frame ({} chars): {}", frame.length(), e.toString());
    }
  }

  private void onMethod(String method, String frame, long receivedNanos) throws IOException {
    switch (method) {
      case "subscription" -> deliver(frame, receivedNanos);
      case "heartbeat" -> onHeartbeat(frame);
      default -> LOG.debug("ignoring notification {}", method);
    }
  }

  private void deliver(String frame, long receivedNanos) {
    try {
      listener.onNotification(frame, receivedNanos);
    } catch (RuntimeException e) {
      LOG.warn("notification listener failed ({} so far)", listenerErrors.incrementAndGet(), e);
    }
  }

  private void onHeartbeat(String frame) throws IOException {
    if ("test_request".equals(JSON.readTree(frame).path("params").path("type").asText())) {
      call("public/test", JSON.createObjectNode())
          .whenComplete(
              (result, error) -> {
                if (error != null) {
                  LOG.warn("answering a heartbeat test_request failed: {}", error.toString());
                }
              });
    }
  }

  private void onResponse(String frame) throws IOException {
    JsonNode response = JSON.readTree(frame);
    long id = response.path("id").asLong();
    PendingCall call = pending.remove(id);
    if (call == null) {
      LOG.warn("ignoring the response to unknown or timed-out request {}", id);
      return;
    }
    JsonNode error = response.get("error");
    if (error != null && !error.isNull()) {
      call.result()
          .completeExceptionally(
              new DeribitRpcException(
                  call.method(),
                  error.path("code").asInt(),
                  error.path("message").asText(),
                  error.get("data")));
    } else {
      call.result().complete(Objects.requireNonNullElse(response.get("result"), NullNode.instance));
    }
  }

  /** Completes {@link #closed()} and fails every pending request, once. */
  private void connectionEnded(String why, Throwable cause) {
    if (closedByOwner) {
      closed.complete(null);
    } else if (closed.completeExceptionally(
        new DeribitConnectionException(endpoint + ": " + why, cause))) {
      LOG.warn("connection to {} lost: {}", endpoint, why);
    }
    pending.forEach(
        (id, call) ->
            fail(id, new DeribitConnectionException(noResponse(call.method(), why), cause)));
  }

  private long epochNanos() {
    Instant now = options.clock().instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static String noResponse(String method, String why) {
    return "no response to " + method + ": " + why;
  }

  /** The URI without user info or query, which could carry credentials. */
  private static String endpoint(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + port + uri.getPath();
  }

  /** Reassembles fragmented text frames and asks for the next one only after handling this one. */
  private final class Receiver implements WebSocket.Listener {

    private final StringBuilder text = new StringBuilder();

    @Override
    public void onOpen(WebSocket socket) {
      webSocket = socket;
      socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence fragment, boolean last) {
      text.append(fragment);
      lastFrameNanos.set(System.nanoTime());
      if (last) {
        long receivedNanos = epochNanos();
        String frame = text.toString();
        text.setLength(0);
        dispatch(frame, receivedNanos);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      LOG.warn("ignoring a binary frame from {}", endpoint);
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      connectionEnded("closed by the server (" + statusCode + " " + reason + ")", null);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      connectionEnded("connection failed: " + error, error);
    }
  }
}
