package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.enums.Opcode;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A scripted Deribit stand-in on a free loopback port: it records every request the client sends
 * and lets the test decide what goes back, when, and in how many fragments.
 */
final class FakeDeribitServer extends WebSocketServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch connected = new CountDownLatch(1);
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private volatile WebSocket connection;

  private FakeDeribitServer() {
    super(new InetSocketAddress("127.0.0.1", 0), 1);
    setReuseAddr(true);
  }

  static FakeDeribitServer started() throws InterruptedException {
    FakeDeribitServer server = new FakeDeribitServer();
    server.start();
    assertThat(server.started.await(5, TimeUnit.SECONDS)).as("fake server started").isTrue();
    return server;
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + getPort() + "/ws/api/v2");
  }

  /** The next request the client sent; fails the test if none arrives within 5 s. */
  JsonNode nextRequest() throws InterruptedException {
    JsonNode request = requests.poll(5, TimeUnit.SECONDS);
    assertThat(request).as("a request from the client").isNotNull();
    return request;
  }

  /** The next request, or null if the client sends none within {@code millis}. */
  JsonNode requestWithin(long millis) throws InterruptedException {
    return requests.poll(millis, TimeUnit.MILLISECONDS);
  }

  void reply(JsonNode request, String resultJson) {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + request.get("id").asLong()
            + ",\"result\":"
            + resultJson
            + ",\"usIn\":1,\"usOut\":2,\"usDiff\":1}");
  }

  /** Sends a recorded response with its id replaced by the id of {@code request}. */
  void replyWithRecorded(JsonNode request, String recordedResponse) throws IOException {
    ObjectNode response = (ObjectNode) JSON.readTree(recordedResponse);
    response.put("id", request.get("id").asLong());
    send(JSON.writeValueAsString(response));
  }

  void send(String frame) {
    awaitConnection().send(frame);
  }

  /** Sends one text message as {@code parts} WebSocket frames, cut at arbitrary byte positions. */
  void sendFragmented(String frame, int parts) {
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    WebSocket socket = awaitConnection();
    for (int part = 0; part < parts; part++) {
      int from = bytes.length * part / parts;
      int to = bytes.length * (part + 1) / parts;
      socket.sendFragmentedFrame(
          Opcode.TEXT, ByteBuffer.wrap(Arrays.copyOfRange(bytes, from, to)), part == parts - 1);
    }
  }

  void closeConnection(int code, String reason) {
    awaitConnection().close(code, reason);
  }

  private WebSocket awaitConnection() {
    try {
      assertThat(connected.await(5, TimeUnit.SECONDS)).as("client connected").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return connection;
  }

  @Override
  public void onStart() {
    started.countDown();
  }

  @Override
  public void onOpen(WebSocket socket, ClientHandshake handshake) {
    connection = socket;
    connected.countDown();
  }

  @Override
  public void onMessage(WebSocket socket, String message) {
    try {
      requests.add(JSON.readTree(message));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status code of the client's connection once it has closed. */
  CompletableFuture<Integer> closeCode() {
    return closeCode;
  }

  @Override
  public void onClose(WebSocket socket, int code, String reason, boolean remote) {
    closeCode.complete(code);
  }

  @Override
  public void onError(WebSocket socket, Exception error) {}

  @Override
  public void close() throws InterruptedException {
    stop(1000);
  }
}
