package io.gammastraddle.recording;

import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import java.util.Objects;

/**
 * One line of a recording: a WebSocket text frame and when it was received.
 *
 * @param recvTsNanos when the frame was received, in epoch nanoseconds
 * @param frame the frame's text, byte-for-byte as Deribit sent it
 */
public record RecordedFrame(long recvTsNanos, String frame) {

  private static final String RECV_TS_FIELD = "{\"recv_ts\":";
  private static final String ENVELOPE =
      "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":";

  public RecordedFrame {
    Objects.requireNonNull(frame, "frame");
  }

  /**
   * The frame's market notification, or null when it is none: not a subscription notification, or
   * one of the account's private {@code user.*} channels (orders, trades, portfolio), which are not
   * market data. What a replay publishes and a backtest reads.
   */
  public SubscriptionParams marketNotification() {
    SubscriptionParams params = Notifications.subscription(frame);
    return params == null || params.channel().startsWith("user.") ? null : params;
  }

  /**
   * The frame a {@code deribit.market.raw} value came from: the inverse of {@link
   * io.gammastraddle.deribit.websocket.SubscriptionParams#withReceiveTime(long)}, which the bridge
   * and replay write with {@code recv_ts} first. The params come back byte for byte inside
   * Deribit's own envelope ({@code {"jsonrpc":"2.0","method":"subscription","params":...}}), so a
   * frame Deribit sent in that form is rebuilt exactly.
   *
   * @throws IllegalArgumentException if the value does not start with a numeric {@code recv_ts}
   */
  public static RecordedFrame fromMarketValue(String value) {
    if (!value.startsWith(RECV_TS_FIELD)) {
      throw new IllegalArgumentException("not a deribit.market.raw value: no leading recv_ts");
    }
    int end = RECV_TS_FIELD.length();
    while (end < value.length() && Character.isDigit(value.charAt(end))) {
      end++;
    }
    if (end == RECV_TS_FIELD.length() || end == value.length()) {
      throw new IllegalArgumentException("not a deribit.market.raw value: bad recv_ts");
    }
    long recvTs = Long.parseLong(value, RECV_TS_FIELD.length(), end, 10);
    String rest = value.substring(value.charAt(end) == ',' ? end + 1 : end);
    return new RecordedFrame(recvTs, ENVELOPE + "{" + rest + "}");
  }
}
