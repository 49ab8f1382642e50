package io.gammastraddle.chain;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.Ticker;

/**
 * Option tickers and book tops for the chain tests, with only the fields the chain reads. The
 * instant is that of the real ticker of BTC-30SEP22-60000-C (fixtures/deribit,
 * ws_ticker_option_100ms.json line 1), whose forward was 30220.5.
 */
final class OptionMarket {

  /** 2022-06-02 09:23:59.367 UTC. */
  static final long NOW = 1_654_161_839_367L;

  static final double FORWARD = 30_220.5;

  private OptionMarket() {}

  /** A ticker without Greeks; {@code markIvPercent} in percent, as Deribit sends it. */
  static OptionTicker ticker(
      String instrument,
      long timestamp,
      double forward,
      double markPrice,
      double markIvPercent,
      double bid,
      double ask) {
    return OptionTicker.of(
        new Ticker(
            instrument,
            "BTC",
            InstrumentKind.OPTION,
            timestamp,
            markPrice,
            forward - 250,
            forward,
            bid,
            10,
            ask,
            10,
            markIvPercent,
            markIvPercent - 1,
            markIvPercent + 1,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            100,
            5,
            150_000,
            -1.5,
            0));
  }

  /** An option quoted at {@code NOW - ageMillis} on {@code forward}: priced, without a book. */
  static OptionQuote priced(String instrument, long ageMillis, double forward) {
    return OptionQuote.of(instrument)
        .withTicker(ticker(instrument, NOW - ageMillis, forward, 0.05, 60, 0.049, 0.051));
  }

  static BookTop book(
      String instrument,
      double bestBid,
      double bestAsk,
      boolean stale,
      double nearDepth,
      double buyPrice) {
    return new BookTop(
        instrument,
        "BTC",
        InstrumentKind.OPTION,
        NOW,
        bestBid,
        5,
        bestAsk,
        7,
        40,
        50,
        stale,
        nearDepth,
        buyPrice,
        bestBid - 0.0002,
        0);
  }
}
