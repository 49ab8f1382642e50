package io.gammastraddle.market;

/**
 * One decoded market-data record: exactly one of the fields is set.
 *
 * <p>A union record instead of a sealed interface because Flink serializes records field by field
 * (POJO serializer, evolvable) but would fall back to Kryo for an interface type.
 */
public record MarketEvent(
    BookUpdate book, Trade trade, Ticker ticker, IndexPrice index, DeadLetter deadLetter) {

  public static MarketEvent of(BookUpdate book) {
    return new MarketEvent(book, null, null, null, null);
  }

  public static MarketEvent of(Trade trade) {
    return new MarketEvent(null, trade, null, null, null);
  }

  public static MarketEvent of(Ticker ticker) {
    return new MarketEvent(null, null, ticker, null, null);
  }

  public static MarketEvent of(IndexPrice index) {
    return new MarketEvent(null, null, null, index, null);
  }

  public static MarketEvent of(DeadLetter deadLetter) {
    return new MarketEvent(null, null, null, null, deadLetter);
  }

  /** The underlying the event is about, or null for a dead letter. */
  public String underlying() {
    if (book != null) {
      return book.underlying();
    }
    if (trade != null) {
      return trade.underlying();
    }
    if (ticker != null) {
      return ticker.underlying();
    }
    return index != null ? index.underlying() : null;
  }

  /** Event time in epoch milliseconds, or {@code Long.MIN_VALUE} for a dead letter. */
  public long timestamp() {
    if (book != null) {
      return book.timestamp();
    }
    if (trade != null) {
      return trade.timestamp();
    }
    if (ticker != null) {
      return ticker.timestamp();
    }
    if (index != null) {
      return index.timestamp();
    }
    return Long.MIN_VALUE;
  }
}
