package io.gammastraddle.deribit.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.orders.Side;
import io.gammastraddle.positions.ContractType;
import io.gammastraddle.positions.ExchangePosition;
import io.gammastraddle.positions.Fill;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes the values of the {@code deribit.user.raw} topic: a subscription notification's {@code
 * params} object ({@code channel}, {@code data}) plus the bridge's {@code recv_ts} in epoch
 * nanoseconds, as {@link io.gammastraddle.deribit.market.MarketDecoder} reads {@code
 * deribit.market.raw}.
 *
 * <p>Channels (docs.deribit.com, subscriptions/user), in any of their forms ({@code
 * user.orders.any.BTC.raw}, {@code user.orders.BTC-PERPETUAL.100ms}, ...):
 *
 * <ul>
 *   <li>{@code user.orders.*}: one order object ({@code raw}) or an array of them (intervals), each
 *       an {@link OrderReport}, whatever its label;
 *   <li>{@code user.trades.*}: an array of trades, each a {@link Fill}; a trade in an instrument
 *       {@link Fill} does not take (a future, a linear instrument) refuses the message, so that a
 *       position never silently misses a trade;
 *   <li>{@code user.portfolio.*}: one portfolio object, an {@link AccountSnapshot};
 *   <li>{@code gsb.positions.(CURRENCY)} ({@link #positionsChannel(String)}): not a Deribit channel
 *       but the bridge's own, under which it writes the answer of {@code private/get_positions} (an
 *       array of positions) at start and after every reconnect; a {@link PositionsSnapshot} with
 *       recv_ts as its time. Positions of size 0, which Deribit lists for instruments closed
 *       earlier, are left out; an open position in an instrument {@link ExchangePosition} does not
 *       take refuses the message, as a trade does, so that a reconciliation never silently misses
 *       one, and so does a {@code direction} that disagrees with the sign of {@code size}.
 * </ul>
 *
 * <p>Deribit's {@code order_state} maps to {@link OrderStatus} as follows: {@code open} is OPEN;
 * {@code untriggered} (a stop or take-profit order waiting for its trigger) and {@code triggered}
 * (one whose trigger fired, now working) are OPEN too, since both can still fill; {@code filled},
 * {@code cancelled} and {@code rejected} are FILLED, CANCELLED and REJECTED. Anything else is
 * refused, including {@code archive} (which Deribit lists for a trade's order state, "if order was
 * archived"): it says the order is gone but not whether it filled, and guessing could close a leg
 * that is still open.
 *
 * <p>Anything else, or a message missing what its channel requires, is refused with a {@link
 * MalformedMessageException} whose message is the reason, and a message is refused whole: nothing
 * is emitted unless every order or trade in it decodes. Field order never matters and unknown
 * fields are ignored. The user channels carry a few messages a minute, so this decoder reads a
 * Jackson tree instead of streaming as the market decoder must; an instance may be shared.
 */
public final class UserDecoder {

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final String PORTFOLIO = "user.portfolio.";
  private static final String POSITIONS = "gsb.positions.";
  private static final long NANOS_PER_MILLI = 1_000_000;

  /**
   * The channel under which the bridge writes the account's positions in {@code currency}: {@code
   * gsb.positions.BTC}. Deribit has no such channel (its own are named {@code user.*}, public ones
   * after their data), so the name cannot clash with one.
   */
  public static String positionsChannel(String currency) {
    return POSITIONS + currency;
  }

  /** Decodes one value; a trades notification yields one event per trade. */
  public void decode(String value, Consumer<UserEvent> out) throws MalformedMessageException {
    JsonFields message = JsonFields.ofMessage(parse(value));
    String channel = message.text("channel");
    if (!message.has("data")) {
      throw new MalformedMessageException("no data in " + channel);
    }
    JsonNode data = message.get("data");
    List<UserEvent> events = new ArrayList<>();
    switch (family(channel)) {
      case "orders" -> {
        for (JsonNode order : data.isArray() ? data : List.of(data)) {
          events.add(UserEvent.of(order(JsonFields.of(order, "order"))));
        }
      }
      case "trades" -> {
        if (!data.isArray()) {
          throw new MalformedMessageException("trades data is not an array");
        }
        for (JsonNode trade : data) {
          events.add(UserEvent.of(fill(JsonFields.of(trade, "trade"))));
        }
      }
      case "portfolio" ->
          events.add(UserEvent.of(account(channel, JsonFields.of(data, "portfolio"), message)));
      case "positions" -> events.add(UserEvent.of(positions(channel, data, message)));
      default -> throw new MalformedMessageException("unsupported channel " + channel);
    }
    events.forEach(out);
  }

  private static OrderReport order(JsonFields order) throws MalformedMessageException {
    String orderId = order.text("order_id");
    OrderStatus status = status(order.text("order_state"), order);
    try {
      return new OrderReport(
          orderId,
          order.text("instrument_name"),
          order.optionalText("label"),
          status,
          order.number("filled_amount"),
          order.positiveInteger("last_update_timestamp"));
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(e.getMessage());
    }
  }

  private static OrderStatus status(String orderState, JsonFields order)
      throws MalformedMessageException {
    return switch (orderState) {
      case "open", "untriggered", "triggered" -> OrderStatus.OPEN;
      case "filled" -> OrderStatus.FILLED;
      case "cancelled" -> OrderStatus.CANCELLED;
      case "rejected" -> OrderStatus.REJECTED;
      case "archive" ->
          throw order.refused("order_state archive does not say whether the order filled");
      default -> throw order.refused("unknown order_state " + orderState);
    };
  }

  private static Fill fill(JsonFields trade) throws MalformedMessageException {
    String tradeId = trade.text("trade_id");
    String instrument = trade.text("instrument_name");
    Fill fill;
    try {
      fill =
          new Fill(
              instrument,
              side(trade.text("direction"), trade),
              trade.number("amount"),
              trade.number("price"),
              trade.number("fee"),
              trade.number("index_price"),
              trade.positiveInteger("timestamp"),
              trade.optionalText("label"),
              tradeId);
    } catch (IllegalArgumentException e) {
      throw trade.refused(e.getMessage());
    }
    // Fill keeps fees in the instrument's coin; a fee in another currency would be summed wrongly.
    String feeCurrency = trade.optionalText("fee_currency");
    String coin = ContractType.currencyOf(instrument);
    if (!feeCurrency.isEmpty() && !feeCurrency.equals(coin)) {
      throw trade.refused("fee in " + feeCurrency + ", not in " + coin + ", for " + instrument);
    }
    return fill;
  }

  private static Side side(String direction, JsonFields trade) throws MalformedMessageException {
    return switch (direction) {
      case "buy" -> Side.BUY;
      case "sell" -> Side.SELL;
      default -> throw trade.refused("direction must be buy or sell: " + direction);
    };
  }

  private static AccountSnapshot account(String channel, JsonFields portfolio, JsonFields message)
      throws MalformedMessageException {
    String currency = portfolio.text("currency");
    String subscribed = channel.substring(PORTFOLIO.length());
    if (!subscribed.equals("any") && !subscribed.equalsIgnoreCase(currency)) {
      throw portfolio.refused(currency + " on channel " + channel);
    }
    try {
      return new AccountSnapshot(
          currency,
          portfolio.number("equity"),
          portfolio.number("balance"),
          portfolio.number("margin_balance"),
          portfolio.number("available_funds"),
          portfolio.number("initial_margin"),
          portfolio.number("maintenance_margin"),
          portfolio.number("delta_total"),
          portfolio.has("timestamp")
              ? portfolio.positiveInteger("timestamp")
              : message.positiveInteger("recv_ts") / NANOS_PER_MILLI);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(e.getMessage());
    }
  }

  private static PositionsSnapshot positions(String channel, JsonNode data, JsonFields message)
      throws MalformedMessageException {
    if (!data.isArray()) {
      throw new MalformedMessageException("positions data is not an array");
    }
    String currency = channel.substring(POSITIONS.length());
    List<ExchangePosition> open = new ArrayList<>();
    for (JsonNode node : data) {
      JsonFields position = JsonFields.of(node, "position");
      String instrument = position.text("instrument_name");
      double size = position.number("size");
      if (!ContractType.currencyOf(instrument).equals(currency)) {
        throw position.refused(instrument + " on channel " + channel);
      }
      String direction = position.optionalText("direction");
      if (!direction.isEmpty() && !direction.equals(directionOf(size))) {
        throw position.refused(
            "direction " + direction + " but size " + size + " in " + instrument);
      }
      if (size != 0) {
        try {
          open.add(new ExchangePosition(instrument, size, position.number("average_price")));
        } catch (IllegalArgumentException e) {
          throw position.refused(e.getMessage());
        }
      }
    }
    try {
      return new PositionsSnapshot(
          currency, open, message.positiveInteger("recv_ts") / NANOS_PER_MILLI);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(e.getMessage());
    }
  }

  /**
   * Deribit's {@code direction} of a position of {@code size}: {@code buy}, {@code sell}, {@code
   * zero}.
   */
  private static String directionOf(double size) {
    return size > 0 ? "buy" : size < 0 ? "sell" : "zero";
  }

  /**
   * {@code positions} for the bridge's {@code gsb.positions.*}; otherwise the part after {@code
   * user.}: {@code orders} for {@code user.orders.any.BTC.raw}; "" when the channel is neither the
   * bridge's nor a user channel with at least one part after its family.
   */
  private static String family(String channel) {
    if (channel.startsWith(POSITIONS)) {
      return "positions";
    }
    String[] parts = channel.split("\\.", -1);
    return parts.length >= 3 && parts[0].equals("user") ? parts[1] : "";
  }

  private static JsonNode parse(String value) throws MalformedMessageException {
    try {
      return JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
    }
  }
}
