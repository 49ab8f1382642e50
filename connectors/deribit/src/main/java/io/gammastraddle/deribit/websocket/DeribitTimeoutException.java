package io.gammastraddle.deribit.websocket;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** No response to a JSON-RPC request arrived within the request timeout. */
public final class DeribitTimeoutException extends TimeoutException {

  private final String method;

  public DeribitTimeoutException(String method, Duration timeout) {
    super("no response to " + method + " within " + timeout.toMillis() + " ms");
    this.method = method;
  }

  /** The JSON-RPC method that timed out. */
  public String method() {
    return method;
  }
}
