package io.gammastraddle.simulator;

/**
 * One JSON-RPC subscription notification: the channel it belongs to and the complete text frame
 * ({@code {"jsonrpc":"2.0","method":"subscription","params":{"channel":...,"data":...}}}).
 */
public record Notification(String channel, String frame) {

  /** Starts a notification frame; the caller writes {@code data} and calls {@link #finish}. */
  static JsonWriter begin(JsonWriter json, String channel) {
    return json.beginObject()
        .field("jsonrpc", "2.0")
        .field("method", "subscription")
        .beginObject("params")
        .field("channel", channel);
  }

  /** Closes {@code params} and the frame begun by {@link #begin}. */
  static Notification finish(JsonWriter json, String channel) {
    return new Notification(channel, json.endObject().endObject().take());
  }
}
