package io.gammastraddle.deribit.websocket;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads Deribit {@code subscription} notifications without re-serializing them.
 *
 * <p>The params object is located with Jackson's streaming parser (token char offsets plus {@code
 * skipChildren()}) and cut out of the frame, so its text reaches Kafka and recordings exactly as
 * Deribit sent it. Shared by the bridge, the recorder and replay.
 */
public final class Notifications {

  private static final JsonFactory JSON = new JsonFactory();

  private Notifications() {}

  /**
   * The params of a subscription notification, or {@code null} when the frame is valid JSON but not
   * a subscription notification (a response, a heartbeat, a params object without a channel).
   *
   * @throws IllegalArgumentException if the frame is not a JSON object
   */
  public static SubscriptionParams subscription(String frame) {
    try (JsonParser parser = JSON.createParser(frame)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object: " + abbreviate(frame));
      }
      String method = null;
      SubscriptionParams params = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("method") && value == JsonToken.VALUE_STRING) {
          method = parser.getText();
        } else if (field.equals("params") && value == JsonToken.START_OBJECT) {
          params = readParams(parser, frame);
        } else {
          parser.skipChildren();
        }
      }
      return "subscription".equals(method) ? params : null;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed frame: " + abbreviate(frame), e);
    }
  }

  /**
   * The value written to {@code deribit.market.raw} for a frame: the notification's params object
   * verbatim with {@code "recv_ts"} added as its first field, or {@code null} when the frame is not
   * a subscription notification.
   *
   * @throws IllegalArgumentException if the frame is not a JSON object
   */
  public static String paramsWithReceiveTime(String frame, long recvTsNanos) {
    SubscriptionParams params = subscription(frame);
    return params == null ? null : params.withReceiveTime(recvTsNanos);
  }

  /**
   * The instrument or index name a channel is about: its second dot-separated part ({@code
   * book.BTC-PERPETUAL.100ms} gives {@code BTC-PERPETUAL}, {@code deribit_price_index.btc_usd}
   * gives {@code btc_usd}). Used as the Kafka key so one instrument stays in one partition.
   *
   * @throws IllegalArgumentException if the channel has no second part
   */
  public static String channelKey(String channel) {
    int start = channel.indexOf('.') + 1;
    int end = channel.indexOf('.', start);
    String key = channel.substring(start, end < 0 ? channel.length() : end);
    if (start == 0 || key.isEmpty()) {
      throw new IllegalArgumentException("channel has no instrument or index part: " + channel);
    }
    return key;
  }

  /** Reads the params object the parser stands on, returning its channel and its exact text. */
  private static SubscriptionParams readParams(JsonParser parser, String frame) throws IOException {
    int start = charOffset(parser);
    String channel = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("channel") && value == JsonToken.VALUE_STRING) {
        channel = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    int end = charOffset(parser) + 1;
    return channel == null ? null : new SubscriptionParams(channel, frame.substring(start, end));
  }

  private static int charOffset(JsonParser parser) {
    long offset = parser.currentTokenLocation().getCharOffset();
    if (offset < 0) {
      throw new IllegalStateException("the JSON parser reports no char offsets");
    }
    return Math.toIntExact(offset);
  }

  private static String abbreviate(String frame) {
    return frame.length() <= 200 ? frame : frame.substring(0, 200) + "...";
  }
}
