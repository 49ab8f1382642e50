package io.gammastraddle.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Deribit JSON-RPC client on the JDK's WebSocket: calls wait for the response with their
 * id; notifications and id-less responses queue up for the test to take.
 */
final class DeribitTestClient implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How the server closed the connection. */
  record Closing(int code, String reason) {}

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonNode> unmatched = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closing> closing = new CompletableFuture<>();
  private volatile boolean reading = true;

  private DeribitTestClient(URI uri) {
    this.socket = HTTP.newWebSocketBuilder().buildAsync(uri, new Listener()).join();
  }

  static DeribitTestClient connect(URI uri) {
    return new DeribitTestClient(uri);
  }

  /** Sends a request and waits for its response. */
  JsonNode call(String method, ObjectNode params) {
    return request(method, params).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
  }

  /** Sends a request; the future completes with its response, if one ever comes. */
  CompletableFuture<JsonNode> request(String method, ObjectNode params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> response = new CompletableFuture<>();
    pending.put(id, response);
    ObjectNode request = Fixtures.MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", id);
    request.put("method", method).set("params", params);
    sendText(request.toString());
    return response;
  }

  JsonNode call(String method) {
    return call(method, params());
  }

  static ObjectNode params() {
    return Fixtures.MAPPER.createObjectNode();
  }

  void sendText(String text) {
    socket.sendText(text, true).join();
  }

  /** The next subscription or heartbeat notification, or null after {@code timeout}. */
  JsonNode nextNotification(Duration timeout) throws InterruptedException {
    return notifications.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next response that carried no id (a parse error), or null after {@code timeout}. */
  JsonNode nextUnmatchedResponse(Duration timeout) throws InterruptedException {
    return unmatched.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void clearNotifications() {
    notifications.clear();
  }

  /** Stops taking frames off the socket, so the server's queue for this client fills up. */
  void stopReading() {
    reading = false;
  }

  void resumeReading() {
    reading = true;
    socket.request(Long.MAX_VALUE);
  }

  CompletableFuture<Closing> closing() {
    return closing;
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
    socket.abort();
  }

  private void received(String text) {
    JsonNode message = Fixtures.parse(text);
    if (message.has("method")) {
      notifications.add(message);
    } else if (message.hasNonNull("id")) {
      CompletableFuture<JsonNode> response = pending.remove(message.get("id").asInt());
      if (response != null) {
        response.complete(message);
      }
    } else {
      unmatched.add(message);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received(partial.toString());
        partial.setLength(0);
      }
      if (reading) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closing.complete(new Closing(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closing.completeExceptionally(error);
    }
  }
}
