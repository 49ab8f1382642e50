package io.gammastraddle.simulator;

import java.util.LinkedHashSet;
import java.util.Set;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/**
 * One client connection as the exchange loop sees it: its channels, its heartbeat, a bounded send
 * queue, its rate meter and, once authenticated, its account. Used only on the exchange loop's
 * thread.
 */
final class Session {
  private final WebSocket connection;
  private final int sendQueueLimit;
  private final Set<String> channels = new LinkedHashSet<>();
  private long heartbeatIntervalNanos;
  private long nextHeartbeatNanos;
  private boolean awaitingTestResponse;
  private final RateMeter rateMeter;
  private String accountId;
  private long tokenExpiresNanos;
  private boolean cancelOnDisconnect;
  private boolean terminated;

  Session(WebSocket connection, int sendQueueLimit, RateMeter rateMeter) {
    this.connection = connection;
    this.sendQueueLimit = sendQueueLimit;
    this.rateMeter = rateMeter;
  }

  RateMeter rateMeter() {
    return rateMeter;
  }

  /** The account a {@code public/auth} opened on this connection, or null before one. */
  String accountId() {
    return accountId;
  }

  void authenticate(String account, long expiresNanos) {
    accountId = account;
    tokenExpiresNanos = expiresNanos;
  }

  boolean tokenExpired(long nowNanos) {
    return nowNanos - tokenExpiresNanos >= 0;
  }

  boolean cancelOnDisconnect() {
    return cancelOnDisconnect;
  }

  void cancelOnDisconnect(boolean enabled) {
    cancelOnDisconnect = enabled;
  }

  /** Marks the session to be closed once its current answer is sent (rate-limit abuse). */
  void terminate() {
    terminated = true;
  }

  boolean terminated() {
    return terminated;
  }

  WebSocket connection() {
    return connection;
  }

  Set<String> channels() {
    return channels;
  }

  /**
   * Queues a text frame. Returns false, without queueing, when the client has fallen {@code
   * sendQueueLimit} frames behind; the caller then drops the session.
   */
  boolean send(String frame) {
    // Java-WebSocket's own queue is unbounded, so the bound is checked against it before adding
    if (((WebSocketImpl) connection).outQueue.size() >= sendQueueLimit) {
      return false;
    }
    try {
      connection.send(frame);
    } catch (WebsocketNotConnectedException closing) {
      // the close callback removes the session; frames for a closing connection are dropped
    }
    return true;
  }

  /**
   * Asks the server's selector again to write the frames still queued. Java-WebSocket 1.6.0 can
   * lose a write request made from another thread: its selector sets the connection back to
   * read-only interest right after a batch emptied the queue ({@code WebSocketServer.doWrite}),
   * racing the {@code onWriteDemand} of a frame queued meanwhile, and that frame then waits for the
   * connection's next one. The exchange loop calls this every round, so a frame waits one round at
   * most.
   */
  void rearmWrite() {
    if (connection.hasBufferedData()) {
      ((WebSocketImpl) connection).getWebSocketListener().onWriteDemand(connection);
    }
  }

  void close(int code, String reason) {
    connection.close(code, reason);
  }

  void enableHeartbeat(long intervalNanos, long nowNanos) {
    heartbeatIntervalNanos = intervalNanos;
    nextHeartbeatNanos = nowNanos + intervalNanos;
    awaitingTestResponse = false;
  }

  void disableHeartbeat() {
    heartbeatIntervalNanos = 0;
    awaitingTestResponse = false;
  }

  /** The client answered a test_request (any {@code public/test} counts, as on Deribit). */
  void testReceived() {
    awaitingTestResponse = false;
  }

  boolean heartbeatDue(long nowNanos) {
    return heartbeatIntervalNanos > 0 && nowNanos - nextHeartbeatNanos >= 0;
  }

  /** Skips the test_request due now (fault injection) and schedules the next one. */
  void postponeHeartbeat(long nowNanos) {
    nextHeartbeatNanos = nowNanos + heartbeatIntervalNanos;
  }

  /**
   * Called when a heartbeat is due: returns false if the previous test_request is still unanswered,
   * otherwise schedules the next one and expects an answer to the one sent now.
   */
  boolean heartbeatAnswered(long nowNanos) {
    if (awaitingTestResponse) {
      return false;
    }
    awaitingTestResponse = true;
    nextHeartbeatNanos = nowNanos + heartbeatIntervalNanos;
    return true;
  }
}
