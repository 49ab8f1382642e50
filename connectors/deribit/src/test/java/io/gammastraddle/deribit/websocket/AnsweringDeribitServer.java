package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A Deribit stand-in on a free loopback port that answers every request by itself, as Deribit would
 * in the simple case, over any number of successive connections. Tests make it drop its
 * connections, go silent, refuse a method with an error, or answer a method with a given result.
 * Like Deribit, it refuses {@code private/*} methods with 13009 {@code unauthorized} on a
 * connection that has not sent {@code public/auth}. Public so that the bridge's tests can use it
 * (through the test-jar).
 */
public final class AnsweringDeribitServer extends WebSocketServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEARTBEAT =
      "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"heartbeat\"}}";

  /** One request as the server read it, with the number of the connection it came on (from 1). */
  public record Request(int connection, JsonNode json) {
    public String method() {
      return json.get("method").asText();
    }

    public JsonNode params() {
      return json.path("params");
    }
  }

  private record Refusal(int code, String message) {}

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
  private final Map<String, Refusal> alwaysRefused = new ConcurrentHashMap<>();
  private final Map<String, Function<JsonNode, String>> answers = new ConcurrentHashMap<>();
  private final Set<Integer> authenticated = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile boolean silent;
  private volatile long tokenLifetimeSeconds = 900;

  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  private AnsweringDeribitServer(int port) {
    super(new InetSocketAddress("127.0.0.1", port), 1);
    setReuseAddr(true);
  }

  public static AnsweringDeribitServer started() throws InterruptedException {
    return startedOn(0);
  }

  /** A server on {@code port}, e.g. to come back where a stopped one was. */
  public static AnsweringDeribitServer startedOn(int port) throws InterruptedException {
    AnsweringDeribitServer server = new AnsweringDeribitServer(port);
    server.start();
    assertThat(server.started.await(5, TimeUnit.SECONDS)).as("server started").isTrue();
    return server;
  }

  public URI uri() {
    return URI.create("ws://127.0.0.1:" + getPort() + "/ws/api/v2");
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String method) {
    return requests.stream().filter(request -> request.method().equals(method)).toList();
  }

  /** How many connections the server has accepted so far. */
  public int connectionsAccepted() {
    return connections.get();
  }

  /** Sends a frame on every open connection. */
  public void publish(String frame) {
    getConnections().forEach(connection -> connection.send(frame));
  }

  /**
   * Closes every open connection with 1011 (internal error), as a failing server would. (Closing
   * the socket without a close frame is no use here: NIO defers the close of a channel registered
   * with a selector until that selector wakes, which can take as long as the server is idle. A
   * connection that dies without a word is what {@link #silent(boolean)} is for.)
   */
  public void dropConnections() {
    getConnections().forEach(connection -> connection.close(1011, "dropped"));
  }

  /** Sends a plain heartbeat on every connection at this period, except while silent. */
  public void heartbeatEvery(Duration period) {
    timers.scheduleAtFixedRate(
        () -> {
          if (!silent) {
            publish(HEARTBEAT);
          }
        },
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** While silent, the server reads requests but answers nothing and sends no heartbeat. */
  public void silent(boolean beSilent) {
    silent = beSilent;
  }

  /** The next request of {@code method} gets a Deribit error instead of its answer. */
  public void refuseNext(String method, int code, String message) {
    refusals.put(method, new Refusal(code, message));
  }

  /** Every request of {@code method} from now on gets a Deribit error instead of its answer. */
  public void refuseAlways(String method, int code, String message) {
    alwaysRefused.put(method, new Refusal(code, message));
  }

  /** Every request of {@code method} from now on is answered with {@code resultJson}. */
  public void answer(String method, String resultJson) {
    answer(method, params -> resultJson);
  }

  /** Every request of {@code method} from now on is answered with the result made of its params. */
  public void answer(String method, Function<JsonNode, String> resultJson) {
    answers.put(method, resultJson);
  }

  /** The {@code expires_in} of the tokens {@code public/auth} hands out. */
  public void tokenLifetimeSeconds(long seconds) {
    tokenLifetimeSeconds = seconds;
  }

  @Override
  public void onStart() {
    // Java-WebSocket can lose the write request of a frame sent from a worker thread (the selector
    // resets the write interest after emptying the queue): ask again where frames wait, as the
    // simulator's Session.rearmWrite does, or an answer may sit unsent until the next frame
    timers.scheduleWithFixedDelay(
        () ->
            getConnections().stream()
                .filter(WebSocket::hasBufferedData)
                .forEach(this::onWriteDemand),
        20,
        20,
        TimeUnit.MILLISECONDS);
    started.countDown();
  }

  @Override
  public void onOpen(WebSocket socket, ClientHandshake handshake) {
    socket.setAttachment(connections.incrementAndGet());
  }

  @Override
  public void onMessage(WebSocket socket, String message) {
    JsonNode json;
    try {
      json = JSON.readTree(message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Request request = new Request(socket.<Integer>getAttachment(), json);
    requests.add(request);
    if (silent) {
      return;
    }
    long id = json.get("id").asLong();
    Refusal refusal = refusals.remove(request.method());
    if (refusal == null) {
      refusal = alwaysRefused.get(request.method());
    }
    if (refusal == null
        && request.method().startsWith("private/")
        && !authenticated.contains(request.connection())) {
      refusal = new Refusal(13009, "unauthorized");
    }
    if (refusal != null) {
      socket.send(
          "{\"jsonrpc\":\"2.0\",\"id\":%d,\"error\":{\"code\":%d,\"message\":\"%s\"}}"
              .formatted(id, refusal.code(), refusal.message()));
      return;
    }
    if (request.method().equals("public/auth")) {
      authenticated.add(request.connection());
    }
    socket.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result(request) + "}");
  }

  private String result(Request request) {
    Function<JsonNode, String> scripted = answers.get(request.method());
    if (scripted != null) {
      return scripted.apply(request.params());
    }
    return switch (request.method()) {
      case "public/subscribe", "public/unsubscribe", "private/subscribe", "private/unsubscribe" ->
          request.params().get("channels").toString();
      case "public/auth" ->
          ("{\"access_token\":\"access-%d\",\"expires_in\":%d,\"refresh_token\":\"refresh-%d\","
                  + "\"scope\":\"connection mainaccount\",\"token_type\":\"bearer\"}")
              .formatted(requests.size(), tokenLifetimeSeconds, requests.size());
      case "public/test" -> "{\"version\":\"1.2.26\"}";
      default -> "\"ok\"";
    };
  }

  @Override
  public void onClose(WebSocket socket, int code, String reason, boolean remote) {}

  @Override
  public void onError(WebSocket socket, Exception error) {}

  @Override
  public void close() throws InterruptedException {
    timers.shutdownNow();
    stop(1000);
  }
}
