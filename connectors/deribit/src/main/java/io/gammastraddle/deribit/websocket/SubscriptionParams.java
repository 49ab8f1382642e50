package io.gammastraddle.deribit.websocket;

import java.util.Objects;

/**
 * The {@code params} object of one Deribit {@code subscription} notification, as the exact text it
 * had in the frame.
 *
 * <p>Keeping the text rather than a parsed tree is what lets the bridge, the recorder and replay
 * pass numbers such as {@code 1.0002e6} or integers above 2^53 through unchanged.
 *
 * @param channel the notification's channel, e.g. {@code book.BTC-PERPETUAL.100ms}
 * @param json the params object, byte-for-byte as it appeared in the frame
 */
public record SubscriptionParams(String channel, String json) {

  public SubscriptionParams {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(json, "json");
    if (!json.startsWith("{") || !json.endsWith("}")) {
      throw new IllegalArgumentException("params must be a JSON object: " + json);
    }
  }

  /** The Kafka key of this notification: see {@link Notifications#channelKey(String)}. */
  public String key() {
    return Notifications.channelKey(channel);
  }

  /**
   * The params object with {@code "recv_ts"} inserted as its first field and every other character
   * unchanged: the value format of {@code deribit.market.raw} (DESIGN section 4).
   *
   * @param recvTsNanos when the frame was received, in epoch nanoseconds
   */
  public String withReceiveTime(long recvTsNanos) {
    boolean empty = json.substring(1, json.length() - 1).isBlank();
    return "{\"recv_ts\":" + recvTsNanos + (empty ? "" : ",") + json.substring(1);
  }
}
