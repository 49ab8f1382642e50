package io.gammastraddle.simulator;

import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.CompletableFuture;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport: accepts upgrades on Deribit's path only, logs connections and hands
 * every event to the {@link ExchangeLoop}.
 */
final class DeribitEndpoint extends WebSocketServer {
  static final String PATH = "/ws/api/v2";

  private static final Logger LOG = LoggerFactory.getLogger(DeribitEndpoint.class);

  private final ExchangeLoop loop;
  private final CompletableFuture<Void> started = new CompletableFuture<>();

  /** Serves on {@code boundChannel}, already bound so that a port in use fails before this. */
  DeribitEndpoint(ServerSocketChannel boundChannel, ExchangeLoop loop) {
    super(boundChannel);
    this.loop = loop;
    setReuseAddr(true);
    setDaemon(true);
  }

  /** Completes once the server accepts connections, or exceptionally if it could not start. */
  CompletableFuture<Void> started() {
    return started;
  }

  @Override
  public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
      WebSocket connection, Draft draft, ClientHandshake request) throws InvalidDataException {
    String resource = request.getResourceDescriptor();
    int query = resource.indexOf('?');
    String path = query < 0 ? resource : resource.substring(0, query);
    if (!PATH.equals(path)) {
      // Java-WebSocket answers this with HTTP 404
      throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "no endpoint at " + path);
    }
    if (loop.faultPlan().refusesConnection()) {
      LOG.info(
          "Refusing simulator client {} (fault injection)", connection.getRemoteSocketAddress());
      throw new InvalidDataException(
          CloseFrame.TRY_AGAIN_LATER, "refusing connections (fault injection)");
    }
    return super.onWebsocketHandshakeReceivedAsServer(connection, draft, request);
  }

  @Override
  public void onStart() {
    started.complete(null);
  }

  @Override
  public void onOpen(WebSocket connection, ClientHandshake handshake) {
    LOG.info("Simulator client {} connected", connection.getRemoteSocketAddress());
    loop.opened(connection);
  }

  @Override
  public void onClose(WebSocket connection, int code, String reason, boolean remote) {
    LOG.info(
        "Simulator client {} disconnected ({} {}{})",
        connection.getRemoteSocketAddress(),
        code,
        reason,
        remote ? ", closed by the client" : "");
    loop.closed(connection);
  }

  @Override
  public void onMessage(WebSocket connection, String message) {
    loop.received(connection, message, RequestHandler.nowMicros());
  }

  @Override
  public void onError(WebSocket connection, Exception failure) {
    if (connection == null && started.completeExceptionally(failure)) {
      return;
    }
    LOG.warn(
        "Simulator WebSocket error ({})",
        connection == null ? "server" : connection.getRemoteSocketAddress(),
        failure);
  }
}
