package io.gammastraddle.deribit.websocket;

import java.io.IOException;

/**
 * The WebSocket could not be opened, or it closed or failed: requests still waiting for a response
 * and the client's {@link DeribitClient#closed()} future complete with this.
 */
public final class DeribitConnectionException extends IOException {

  public DeribitConnectionException(String message) {
    super(message);
  }

  public DeribitConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
