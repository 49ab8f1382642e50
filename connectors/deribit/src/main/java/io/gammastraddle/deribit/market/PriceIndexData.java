package io.gammastraddle.deribit.market;

import com.fasterxml.jackson.core.JsonParser;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.MarketEvent;
import java.io.IOException;
import java.util.function.Consumer;

/** The data of a {@code deribit_price_index.*} notification. */
final class PriceIndexData implements ChannelData {

  private String index;
  private Long timestamp;
  private double price = Double.NaN;

  private PriceIndexData() {}

  static PriceIndexData read(JsonParser parser) throws IOException {
    PriceIndexData data = new PriceIndexData();
    JsonValues.readObject(parser, data::readField);
    return data;
  }

  private void readField(String field, JsonParser parser) throws IOException {
    switch (field) {
      case "index_name" -> index = JsonValues.text(parser);
      case "timestamp" -> timestamp = JsonValues.integer(parser);
      case "price" -> price = JsonValues.number(parser);
      default -> parser.skipChildren();
    }
  }

  @Override
  public void emit(long receivedNanos, Consumer<MarketEvent> out) throws MalformedMessageException {
    String name = Required.text(index, "index_name");
    Required.finite(price, "index price");
    if (price <= 0) {
      throw new MalformedMessageException("index price must be positive");
    }
    out.accept(
        MarketEvent.of(
            new IndexPrice(
                name,
                Instruments.indexUnderlying(name),
                Required.timestamp(timestamp),
                price,
                receivedNanos)));
  }
}
