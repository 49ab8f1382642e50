package io.gammastraddle.deribit.market;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.market.Trade;
import java.util.function.Consumer;

/**
 * Decodes the values of the {@code deribit.market.raw} topic: a subscription notification's {@code
 * params} object ({@code channel}, {@code data}) plus the bridge's {@code recv_ts} in epoch
 * nanoseconds.
 *
 * <p>Supported channels: {@code book.*} (changes and grouped snapshots), {@code ticker.*}, {@code
 * trades.*} and {@code deribit_price_index.*}. Anything else, or a message missing what its channel
 * requires, is refused with a {@link MalformedMessageException} whose message is the reason. Field
 * order never matters, and fields this decoder does not know are ignored, since Deribit adds fields
 * over time.
 */
public final class MarketDecoder {

  private final ObjectMapper mapper = new ObjectMapper();

  /** Decodes one value; a trades notification yields one event per trade. */
  public void decode(String value, Consumer<MarketEvent> out) throws MalformedMessageException {
    JsonNode root;
    try {
      root = mapper.readTree(value);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedMessageException("not a JSON object");
    }
    String channel = text(root, "channel");
    JsonNode data = root.get("data");
    if (data == null || data.isNull()) {
      throw new MalformedMessageException("no data in " + channel);
    }
    long received = root.path("recv_ts").asLong(0);
    String[] parts = channel.split("\\.");
    switch (parts[0]) {
      case "book" -> out.accept(MarketEvent.of(book(data, parts.length == 3, received)));
      case "ticker" -> out.accept(MarketEvent.of(ticker(data, received)));
      case "trades" -> trades(data, received, out);
      case "deribit_price_index" -> out.accept(MarketEvent.of(index(data, received)));
      default -> throw new MalformedMessageException("unsupported channel " + channel);
    }
  }

  private static BookUpdate book(JsonNode data, boolean withActions, long received)
      throws MalformedMessageException {
    String instrument = text(data, "instrument_name");
    // Grouped channels (book.X.none.20.100ms) send whole top-N books without a type: snapshots.
    boolean snapshot = !withActions || "snapshot".equals(data.path("type").asText());
    if (withActions && !snapshot && !"change".equals(data.path("type").asText())) {
      throw new MalformedMessageException("book type must be snapshot or change in " + instrument);
    }
    long prevChangeId = snapshot ? 0 : longValue(data, "prev_change_id");
    double[][] bids = levels(data.get("bids"), withActions, "bids of " + instrument);
    double[][] asks = levels(data.get("asks"), withActions, "asks of " + instrument);
    return new BookUpdate(
        instrument,
        Instruments.underlying(instrument),
        Instruments.kind(instrument),
        timestamp(data),
        snapshot,
        longValue(data, "change_id"),
        prevChangeId,
        bids[0],
        bids[1],
        asks[0],
        asks[1],
        received);
  }

  /**
   * Levels as {@code [action, price, amount]} (action new/change/delete) or {@code [price,
   * amount]}.
   */
  private static double[][] levels(JsonNode levels, boolean withActions, String what)
      throws MalformedMessageException {
    if (levels == null || !levels.isArray()) {
      throw new MalformedMessageException(what + " missing or not an array");
    }
    double[] prices = new double[levels.size()];
    double[] amounts = new double[levels.size()];
    int width = withActions ? 3 : 2;
    for (int i = 0; i < levels.size(); i++) {
      JsonNode level = levels.get(i);
      if (!level.isArray() || level.size() != width) {
        throw new MalformedMessageException(what + ": level " + i + " is not " + width + " items");
      }
      int first = withActions ? 1 : 0;
      if (withActions) {
        String action = level.get(0).asText();
        if (!action.equals("new") && !action.equals("change") && !action.equals("delete")) {
          throw new MalformedMessageException(what + ": unknown level action " + action);
        }
      }
      prices[i] = finite(level.get(first), what + " price");
      amounts[i] = finite(level.get(first + 1), what + " amount");
      if (prices[i] <= 0 || amounts[i] < 0) {
        throw new MalformedMessageException(what + ": level " + i + " has a negative value");
      }
      if (withActions && level.get(0).asText().equals("delete")) {
        amounts[i] = 0;
      }
    }
    return new double[][] {prices, amounts};
  }

  private static Ticker ticker(JsonNode data, long received) throws MalformedMessageException {
    String instrument = text(data, "instrument_name");
    JsonNode greeks = data.path("greeks");
    JsonNode stats = data.path("stats");
    return new Ticker(
        instrument,
        Instruments.underlying(instrument),
        Instruments.kind(instrument),
        timestamp(data),
        optional(data, "mark_price"),
        optional(data, "index_price"),
        optional(data, "underlying_price"),
        optional(data, "best_bid_price"),
        optional(data, "best_bid_amount"),
        optional(data, "best_ask_price"),
        optional(data, "best_ask_amount"),
        optional(data, "mark_iv"),
        optional(data, "bid_iv"),
        optional(data, "ask_iv"),
        optional(greeks, "delta"),
        optional(greeks, "gamma"),
        optional(greeks, "vega"),
        optional(greeks, "theta"),
        optional(greeks, "rho"),
        optional(data, "funding_8h"),
        optional(data, "current_funding"),
        optional(data, "open_interest"),
        optional(stats, "volume"),
        optional(stats, "price_change"),
        received);
  }

  private static void trades(JsonNode data, long received, Consumer<MarketEvent> out)
      throws MalformedMessageException {
    if (!data.isArray()) {
      throw new MalformedMessageException("trades data is not an array");
    }
    // Check every trade before emitting any, so a bad message is refused whole.
    Trade[] trades = new Trade[data.size()];
    for (int i = 0; i < trades.length; i++) {
      JsonNode trade = data.get(i);
      String instrument = text(trade, "instrument_name");
      String direction = text(trade, "direction");
      if (!direction.equals("buy") && !direction.equals("sell")) {
        throw new MalformedMessageException("trade direction must be buy or sell: " + direction);
      }
      double price = finite(trade.get("price"), "trade price");
      double amount = finite(trade.get("amount"), "trade amount");
      if (price <= 0 || amount <= 0) {
        throw new MalformedMessageException("trade price and amount must be positive");
      }
      trades[i] =
          new Trade(
              instrument,
              Instruments.underlying(instrument),
              Instruments.kind(instrument),
              timestamp(trade),
              text(trade, "trade_id"),
              trade.path("trade_seq").asLong(0),
              price,
              amount,
              direction.equals("buy"),
              optional(trade, "index_price"),
              received);
    }
    for (Trade trade : trades) {
      out.accept(MarketEvent.of(trade));
    }
  }

  private static IndexPrice index(JsonNode data, long received) throws MalformedMessageException {
    String index = text(data, "index_name");
    double price = finite(data.get("price"), "index price");
    if (price <= 0) {
      throw new MalformedMessageException("index price must be positive");
    }
    return new IndexPrice(
        index, Instruments.indexUnderlying(index), timestamp(data), price, received);
  }

  private static String text(JsonNode node, String field) throws MalformedMessageException {
    JsonNode value = node.get(field);
    if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
      throw new MalformedMessageException("missing " + field);
    }
    String text = value.asText();
    if (text.isEmpty()) {
      throw new MalformedMessageException("empty " + field);
    }
    return text;
  }

  private static long timestamp(JsonNode node) throws MalformedMessageException {
    long timestamp = longValue(node, "timestamp");
    if (timestamp <= 0) {
      throw new MalformedMessageException("timestamp must be positive");
    }
    return timestamp;
  }

  private static long longValue(JsonNode node, String field) throws MalformedMessageException {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new MalformedMessageException("missing or non-integer " + field);
    }
    return value.asLong();
  }

  private static double finite(JsonNode value, String what) throws MalformedMessageException {
    if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
      throw new MalformedMessageException(what + " missing or not a number");
    }
    return value.asDouble();
  }

  private static double optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
  }
}
