package io.gammastraddle.deribit.market;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.market.Trade;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The data of a {@code trades.*} notification: an array of trades, each naming its own instrument
 * (on {@code trades.option.any.raw} they differ). It yields one event per trade, or none when any
 * trade is bad.
 */
final class TradesData implements ChannelData {

  /** Null when the data was not an array. */
  private final List<TradeFields> trades;

  private TradesData(List<TradeFields> trades) {
    this.trades = trades;
  }

  static TradesData read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return new TradesData(null);
    }
    List<TradeFields> trades = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      TradeFields trade = new TradeFields();
      JsonValues.readObject(parser, trade::readField);
      trades.add(trade);
    }
    return new TradesData(trades);
  }

  @Override
  public void emit(long receivedNanos, Consumer<MarketEvent> out) throws MalformedMessageException {
    if (trades == null) {
      throw new MalformedMessageException("trades data is not an array");
    }
    // Check every trade before emitting any, so a bad message is refused whole.
    Trade[] checked = new Trade[trades.size()];
    for (int i = 0; i < checked.length; i++) {
      checked[i] = trades.get(i).check(receivedNanos);
    }
    for (Trade trade : checked) {
      out.accept(MarketEvent.of(trade));
    }
  }

  private static final class TradeFields {
    private String instrument;
    private String direction;
    private String tradeId;
    private Long timestamp;
    private long tradeSeq;
    private double price = Double.NaN;
    private double amount = Double.NaN;
    private double indexPrice = Double.NaN;

    private void readField(String field, JsonParser parser) throws IOException {
      switch (field) {
        case "instrument_name" -> instrument = JsonValues.text(parser);
        case "direction" -> direction = JsonValues.text(parser);
        case "trade_id" -> tradeId = JsonValues.text(parser);
        case "timestamp" -> timestamp = JsonValues.integer(parser);
        case "trade_seq" -> tradeSeq = JsonValues.lenientLong(parser);
        case "price" -> price = JsonValues.number(parser);
        case "amount" -> amount = JsonValues.number(parser);
        case "index_price" -> indexPrice = JsonValues.number(parser);
        default -> parser.skipChildren();
      }
    }

    private Trade check(long receivedNanos) throws MalformedMessageException {
      String name = Required.text(instrument, "instrument_name");
      String side = Required.text(direction, "direction");
      if (!side.equals("buy") && !side.equals("sell")) {
        throw new MalformedMessageException("trade direction must be buy or sell: " + side);
      }
      Required.finite(price, "trade price");
      Required.finite(amount, "trade amount");
      if (price <= 0 || amount <= 0) {
        throw new MalformedMessageException("trade price and amount must be positive");
      }
      return new Trade(
          name,
          Instruments.underlying(name),
          Instruments.kind(name),
          Required.timestamp(timestamp),
          Required.text(tradeId, "trade_id"),
          tradeSeq,
          price,
          amount,
          side.equals("buy"),
          indexPrice,
          receivedNanos);
    }
  }
}
