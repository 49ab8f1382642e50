package io.gammastraddle.deribit.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Deribit answered a JSON-RPC request with an {@code error} object, e.g. {@code 10028
 * too_many_requests} or {@code 13009 unauthorized}.
 *
 * <p>The message names the method, the code and Deribit's message only; {@link #data()} (which may
 * echo request details) is kept out of it so nothing sensitive reaches logs by accident.
 */
public final class DeribitRpcException extends RuntimeException {

  private final String method;
  private final int code;
  private final String errorMessage;
  private final transient JsonNode data;

  public DeribitRpcException(String method, int code, String errorMessage, JsonNode data) {
    super(method + " failed: " + code + " " + errorMessage);
    this.method = method;
    this.code = code;
    this.errorMessage = errorMessage;
    this.data = data == null ? NullNode.getInstance() : data;
  }

  /** The JSON-RPC method that failed, e.g. {@code public/subscribe}. */
  public String method() {
    return method;
  }

  /** Deribit's numeric error code, e.g. 10028. */
  public int code() {
    return code;
  }

  /** Deribit's error message, e.g. {@code too_many_requests}. */
  public String errorMessage() {
    return errorMessage;
  }

  /** Deribit's optional {@code data} (e.g. {@code reason} and {@code param}); never null. */
  public JsonNode data() {
    return data;
  }
}
