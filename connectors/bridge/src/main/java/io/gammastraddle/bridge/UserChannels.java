package io.gammastraddle.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gammastraddle.deribit.user.UserDecoder;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import java.util.List;
import java.util.Locale;

/**
 * The account's private channels the bridge forwards to {@code deribit.user.raw}, and the Kafka key
 * of each of their notifications (DESIGN section 4): an order's label, or its id when it has none,
 * so that every event of one order stays in one partition; for trades the first trade's; for the
 * portfolio its currency. Also the record the bridge writes there itself with the account's
 * positions ({@link #positions(String, JsonNode)}) and, public for the backtest's venue, the
 * account summary it writes as a portfolio notification ({@link #portfolio(String, JsonNode)}).
 */
public final class UserChannels {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "user.";
  private static final String PORTFOLIO = "user.portfolio.";

  private UserChannels() {}

  /**
   * Every order and trade of the account in {@code currency}, unaggregated ({@code raw}, which
   * needs an authenticated connection), and its portfolio. Channel names from docs.deribit.com
   * (subscriptions/user: {@code user.orders.(kind).(currency).raw}, {@code
   * user.trades.(kind).(currency).(interval)}, {@code user.portfolio.(currency)}).
   */
  static List<String> channels(String currency) {
    return List.of(
        "user.orders.any." + currency + ".raw",
        "user.trades.any." + currency + ".raw",
        // lower case as in Deribit's own example (fixtures/deribit/ws_user_portfolio.json)
        PORTFOLIO + currency.toLowerCase(Locale.ROOT));
  }

  static boolean isUser(String channel) {
    return channel.startsWith(USER);
  }

  /**
   * The answer of {@code private/get_positions} for {@code currency} in the shape of a user
   * notification's params, so that it travels in the same envelope: channel {@link
   * UserDecoder#positionsChannel(String)} ({@code gsb.positions.BTC}), a channel Deribit does not
   * have, under which only the bridge writes; data the result array as Deribit sent it (re-written
   * by Jackson: the same values, though a number may be spelled differently). Its Kafka key is the
   * currency, as for the portfolio.
   */
  /**
   * The answer of {@code private/get_account_summary} as a {@code user.portfolio} notification: the
   * summary holds every field of the portfolio channel's data.
   */
  public static SubscriptionParams portfolio(String currency, JsonNode summary) {
    String channel = PORTFOLIO + currency.toLowerCase(Locale.ROOT);
    ObjectNode params = JSON.createObjectNode().put("channel", channel).set("data", summary);
    return new SubscriptionParams(channel, params.toString());
  }

  static SubscriptionParams positions(String currency, JsonNode result) {
    String channel = UserDecoder.positionsChannel(currency);
    ObjectNode params = JSON.createObjectNode().put("channel", channel).set("data", result);
    return new SubscriptionParams(channel, params.toString());
  }

  /**
   * The Kafka key of a user notification: the label or else the order id of its order (the first
   * one when {@code data} is an array, as for trades and aggregated orders), the currency of a
   * portfolio, or the channel itself when none of these is there.
   */
  static String key(SubscriptionParams params) {
    JsonNode data;
    try {
      data = JSON.readTree(params.json()).path("data");
    } catch (JsonProcessingException e) {
      return params.channel(); // cannot happen: the params were cut out of a parsed frame
    }
    if (params.channel().startsWith(PORTFOLIO)) {
      String currency = data.path("currency").asText();
      return currency.isEmpty()
          ? params.channel().substring(PORTFOLIO.length()).toUpperCase(Locale.ROOT)
          : currency;
    }
    JsonNode order = data.isArray() ? data.path(0) : data;
    String label = order.path("label").asText();
    if (!label.isEmpty()) {
      return label;
    }
    String orderId = order.path("order_id").asText();
    return orderId.isEmpty() ? params.channel() : orderId;
  }
}
