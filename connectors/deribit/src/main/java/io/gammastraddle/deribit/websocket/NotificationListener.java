package io.gammastraddle.deribit.websocket;

/**
 * Receives every {@code "method":"subscription"} frame a {@link DeribitClient} reads, as the raw
 * text Deribit sent.
 *
 * <p>Called on the socket's receive thread, one frame at a time and in arrival order; the client
 * reads the next frame only after this returns, so a slow listener slows the socket down instead of
 * buffering without bound. An exception thrown here is logged and counted ({@link
 * DeribitClient#listenerErrors()}) and does not close the connection.
 */
@FunctionalInterface
public interface NotificationListener {

  /**
   * @param frame the complete WebSocket text frame, verbatim
   * @param receivedEpochNanos when the frame's last fragment arrived, in epoch nanoseconds from the
   *     client's {@link java.time.Clock}
   */
  void onNotification(String frame, long receivedEpochNanos);
}
