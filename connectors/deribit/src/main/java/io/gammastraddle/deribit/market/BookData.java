package io.gammastraddle.deribit.market;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.MarketEvent;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The data of a {@code book.*} notification. Levels are {@code [action, price, amount]} (action
 * new, change or delete) on the plain channels and {@code [price, amount]} on the grouped ones.
 */
final class BookData implements ChannelData {

  private final boolean withActions;
  private String instrument;
  private String type;
  private Long timestamp;
  private Long changeId;
  private Long prevChangeId;
  private Side bids = Side.MISSING;
  private Side asks = Side.MISSING;

  private BookData(boolean withActions) {
    this.withActions = withActions;
  }

  static BookData read(JsonParser parser, boolean withActions) throws IOException {
    BookData book = new BookData(withActions);
    JsonValues.readObject(parser, book::readField);
    return book;
  }

  private void readField(String field, JsonParser parser) throws IOException {
    switch (field) {
      case "instrument_name" -> instrument = JsonValues.text(parser);
      case "type" -> type = JsonValues.text(parser);
      case "timestamp" -> timestamp = JsonValues.integer(parser);
      case "change_id" -> changeId = JsonValues.integer(parser);
      case "prev_change_id" -> prevChangeId = JsonValues.integer(parser);
      case "bids" -> bids = Side.read(parser, withActions);
      case "asks" -> asks = Side.read(parser, withActions);
      default -> parser.skipChildren();
    }
  }

  @Override
  public void emit(long receivedNanos, Consumer<MarketEvent> out) throws MalformedMessageException {
    String name = Required.text(instrument, "instrument_name");
    // Grouped channels (book.X.none.20.100ms) send whole top-N books without a type: snapshots.
    boolean snapshot = !withActions || "snapshot".equals(type);
    if (withActions && !snapshot && !"change".equals(type)) {
      throw new MalformedMessageException("book type must be snapshot or change in " + name);
    }
    long prev = snapshot ? 0 : Required.integer(prevChangeId, "prev_change_id");
    bids.check("bids of ", name);
    asks.check("asks of ", name);
    out.accept(
        MarketEvent.of(
            new BookUpdate(
                name,
                Instruments.underlying(name),
                Instruments.kind(name),
                Required.timestamp(timestamp),
                snapshot,
                Required.integer(changeId, "change_id"),
                prev,
                bids.prices(),
                bids.amounts(),
                asks.prices(),
                asks.amounts(),
                receivedNanos)));
  }

  /** One side of the book as parallel arrays, or what is wrong with its first bad level. */
  private record Side(double[] prices, double[] amounts, String problem) {

    static final Side MISSING = failed(" missing or not an array");

    static Side failed(String problem) {
      return new Side(null, null, problem);
    }

    static Side read(JsonParser parser, boolean withActions) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        parser.skipChildren();
        return MISSING;
      }
      double[] prices = new double[16];
      double[] amounts = new double[16];
      int count = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (count == prices.length) {
          prices = Arrays.copyOf(prices, count * 2);
          amounts = Arrays.copyOf(amounts, count * 2);
        }
        String problem = readLevel(parser, count, withActions, prices, amounts);
        if (problem != null) {
          skipRest(parser);
          return failed(problem);
        }
        count++;
      }
      return new Side(Arrays.copyOf(prices, count), Arrays.copyOf(amounts, count), null);
    }

    /** Reads level {@code i} into the arrays; returns what is wrong with it, or null. */
    private static String readLevel(
        JsonParser parser, int i, boolean withActions, double[] prices, double[] amounts)
        throws IOException {
      int width = withActions ? 3 : 2;
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        parser.skipChildren();
        return ": level " + i + " is not " + width + " items";
      }
      // The whole level is read before any check: its size is checked first.
      String action = null;
      double price = Double.NaN;
      double amount = Double.NaN;
      int first = withActions ? 1 : 0;
      int size = 0;
      for (; parser.nextToken() != JsonToken.END_ARRAY; size++) {
        if (withActions && size == 0) {
          action = JsonValues.anyText(parser);
        } else if (size == first) {
          price = JsonValues.number(parser);
        } else if (size == first + 1) {
          amount = JsonValues.number(parser);
        } else {
          parser.skipChildren();
        }
      }
      if (size != width) {
        return ": level " + i + " is not " + width + " items";
      }
      boolean delete = "delete".equals(action);
      if (withActions && !delete && !"new".equals(action) && !"change".equals(action)) {
        return ": unknown level action " + action;
      }
      if (!Double.isFinite(price)) {
        return " price missing or not a number";
      }
      if (!Double.isFinite(amount)) {
        return " amount missing or not a number";
      }
      if (price <= 0 || amount < 0) {
        return ": level " + i + " has a negative value";
      }
      prices[i] = price;
      amounts[i] = delete ? 0 : amount;
      return null;
    }

    /** Moves past the remaining levels of a side already known to be bad. */
    private static void skipRest(JsonParser parser) throws IOException {
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        parser.skipChildren();
      }
    }

    void check(String side, String instrument) throws MalformedMessageException {
      if (problem != null) {
        throw new MalformedMessageException(side + instrument + problem);
      }
    }
  }
}
