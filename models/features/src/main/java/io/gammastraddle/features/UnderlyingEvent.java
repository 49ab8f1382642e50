package io.gammastraddle.features;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.market.Trade;

/**
 * One input of the per-underlying operators (chain, features, labels): exactly one field is set. A
 * union record, like {@link io.gammastraddle.market.MarketEvent}, so Flink serializes it field by
 * field instead of falling back to Kryo for an interface type.
 */
public record UnderlyingEvent(
    BookTop top,
    Trade trade,
    IndexPrice index,
    Ticker ticker,
    OptionTicker optionTicker,
    AtmStraddle straddle,
    FeatureVector vector) {

  public static UnderlyingEvent of(BookTop top) {
    return new UnderlyingEvent(top, null, null, null, null, null, null);
  }

  public static UnderlyingEvent of(Trade trade) {
    return new UnderlyingEvent(null, trade, null, null, null, null, null);
  }

  public static UnderlyingEvent of(IndexPrice index) {
    return new UnderlyingEvent(null, null, index, null, null, null, null);
  }

  public static UnderlyingEvent of(Ticker ticker) {
    return new UnderlyingEvent(null, null, null, ticker, null, null, null);
  }

  public static UnderlyingEvent of(OptionTicker optionTicker) {
    return new UnderlyingEvent(null, null, null, null, optionTicker, null, null);
  }

  public static UnderlyingEvent of(FeatureVector vector) {
    return new UnderlyingEvent(null, null, null, null, null, null, vector);
  }

  public static UnderlyingEvent of(AtmStraddle straddle) {
    return new UnderlyingEvent(null, null, null, null, null, straddle, null);
  }

  public String underlying() {
    if (top != null) {
      return top.underlying();
    }
    if (trade != null) {
      return trade.underlying();
    }
    if (index != null) {
      return index.underlying();
    }
    if (ticker != null) {
      return ticker.underlying();
    }
    if (optionTicker != null) {
      return optionTicker.underlying();
    }
    return straddle != null ? straddle.underlying() : vector.underlying();
  }

  /** Event time in epoch milliseconds. */
  public long timestamp() {
    if (top != null) {
      return top.timestamp();
    }
    if (trade != null) {
      return trade.timestamp();
    }
    if (index != null) {
      return index.timestamp();
    }
    if (ticker != null) {
      return ticker.timestamp();
    }
    if (optionTicker != null) {
      return optionTicker.timestamp();
    }
    return straddle != null ? straddle.timestamp() : vector.timestamp();
  }
}
