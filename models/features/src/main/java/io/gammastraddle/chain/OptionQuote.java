package io.gammastraddle.chain;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionType;

/**
 * What the chain knows of one option: its terms, its latest ticker and the liquidity of its latest
 * book. Prices are in coin, as Deribit quotes options; the implied volatility is a fraction.
 *
 * @param tickerTimestamp event time of the latest ticker, or {@code Long.MIN_VALUE} before one
 * @param forward the ticker's {@code underlying_price}: the forward of the option's expiry, USD
 * @param bookMid mid of the latest book, NaN before one or while the book is stale
 * @param nearDepth contracts resting near the mid ({@link BookTop#nearDepth}), NaN as bookMid
 * @param buyPrice average price of buying the impact amount ({@link BookTop#buyPrice}), NaN as
 *     bookMid or when the book cannot fill it
 */
public record OptionQuote(
    String instrument,
    OptionType type,
    double strike,
    long expiryMillis,
    long tickerTimestamp,
    double forward,
    double markPrice,
    double markIv,
    double bid,
    double ask,
    double bookMid,
    double nearDepth,
    double buyPrice) {

  /** An option known by name only, before its first ticker or book. */
  public static OptionQuote of(String instrument) {
    OptionContract contract = OptionContract.parse(instrument);
    return new OptionQuote(
        instrument,
        contract.type(),
        contract.strike(),
        contract.expiryMillis(),
        Long.MIN_VALUE,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN);
  }

  public OptionQuote withTicker(OptionTicker ticker) {
    return new OptionQuote(
        instrument,
        type,
        strike,
        expiryMillis,
        ticker.timestamp(),
        ticker.forward(),
        ticker.markPrice(),
        ticker.markIv() / 100,
        ticker.bestBidPrice(),
        ticker.bestAskPrice(),
        bookMid,
        nearDepth,
        buyPrice);
  }

  /** A stale book (updates missed) forgets the liquidity until the book recovers. */
  public OptionQuote withBook(BookTop top) {
    boolean usable = !top.stale() && top.bestBid() > 0 && top.bestAsk() > top.bestBid();
    return new OptionQuote(
        instrument,
        type,
        strike,
        expiryMillis,
        tickerTimestamp,
        forward,
        markPrice,
        markIv,
        bid,
        ask,
        usable ? top.mid() : Double.NaN,
        usable ? top.nearDepth() : Double.NaN,
        usable ? top.buyPrice() : Double.NaN);
  }

  /** True once a ticker has given the option a forward, a mark price and a mark volatility. */
  public boolean priced() {
    return forward > 0 && markPrice > 0 && markIv > 0;
  }

  public OptionContract contract() {
    return new OptionContract(type, strike, expiryMillis);
  }
}
