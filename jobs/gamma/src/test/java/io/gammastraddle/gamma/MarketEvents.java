package io.gammastraddle.gamma;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.market.Trade;
import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionValuation;

/** Factories for market events in operator tests. */
public final class MarketEvents {

  public static final String PERP = "BTC-PERPETUAL";

  /** 2023-11-14 22:13:20 UTC, a multiple of one second. */
  public static final long T0 = 1_700_000_000_000L;

  /**
   * Half the bid-ask spread of {@link #optionTicker}, in coin: one tick of a BTC option ({@code
   * tick_size} 0.0005 in the fixture rpc_public_get_instrument_option.json).
   */
  public static final double OPTION_HALF_SPREAD = 0.0005;

  private MarketEvents() {}

  public static BookUpdate snapshot(long changeId, long timestamp, double[] bids, double[] asks) {
    return book(true, 0, changeId, timestamp, bids, asks);
  }

  public static BookUpdate change(
      long prevChangeId, long changeId, long timestamp, double[] bids, double[] asks) {
    return book(false, prevChangeId, changeId, timestamp, bids, asks);
  }

  /** Levels as price, amount pairs. */
  public static double[] levels(double... priceAmountPairs) {
    return priceAmountPairs;
  }

  private static BookUpdate book(
      boolean snapshot,
      long prevChangeId,
      long changeId,
      long timestamp,
      double[] bids,
      double[] asks) {
    return new BookUpdate(
        PERP,
        "BTC",
        InstrumentKind.PERPETUAL,
        timestamp,
        snapshot,
        changeId,
        prevChangeId,
        prices(bids),
        amounts(bids),
        prices(asks),
        amounts(asks),
        0);
  }

  public static Trade trade(long timestamp, double price, double amount) {
    return new Trade(
        PERP,
        "BTC",
        InstrumentKind.PERPETUAL,
        timestamp,
        "t" + timestamp,
        timestamp,
        price,
        amount,
        true,
        price,
        0);
  }

  public static IndexPrice index(long timestamp, double price) {
    return new IndexPrice("btc_usd", "BTC", timestamp, price, 0);
  }

  /**
   * The top of the perpetual's book with an amount of 1 USD at each best price and the given depths
   * over the measured levels; the near-mid and fill-price measures, which only the chain reads, are
   * NaN.
   */
  public static BookTop perpTop(
      long timestamp, double bid, double ask, double bidDepth, double askDepth, boolean stale) {
    return new BookTop(
        PERP,
        "BTC",
        InstrumentKind.PERPETUAL,
        timestamp,
        bid,
        1,
        ask,
        1,
        bidDepth,
        askDepth,
        stale,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        0);
  }

  /**
   * The perpetual's ticker with its funding and Deribit's 24-hour statistics ({@code
   * stats.volume_usd} and {@code stats.price_change}, in percent); no Greeks, as Deribit sends none
   * for it.
   */
  public static Ticker perpTicker(
      long timestamp, double funding8h, double volumeUsd24h, double priceChangePercent) {
    return new Ticker(
        PERP,
        "BTC",
        InstrumentKind.PERPETUAL,
        timestamp,
        36_500,
        36_490,
        Double.NaN,
        36_499.5,
        10_000,
        36_500,
        20_000,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        funding8h,
        0,
        500_000_000,
        Double.NaN,
        volumeUsd24h,
        priceChangePercent,
        0);
  }

  /**
   * An option's ticker in Deribit's shape, for a name such as {@code BTC-17NOV23-36000-C}: {@code
   * underlying_price} is the expiry's forward, {@code mark_iv} is in percent, the mark price in
   * coin and the Greeks are Black-76 at the forward, the ticker's instant and the mark volatility
   * (as Deribit computes them, DESIGN section 15), and the best quotes lie {@link
   * #OPTION_HALF_SPREAD} either side of the mark.
   */
  public static Ticker optionTicker(
      String instrument, long timestamp, double forward, double markIvPercent) {
    OptionValuation value =
        Black76.value(OptionContract.parse(instrument), forward, timestamp, markIvPercent / 100);
    double mark = value.priceCoin();
    return new Ticker(
        instrument,
        instrument.substring(0, instrument.indexOf('-')),
        InstrumentKind.OPTION,
        timestamp,
        mark,
        forward,
        forward,
        mark - OPTION_HALF_SPREAD,
        2.5,
        mark + OPTION_HALF_SPREAD,
        4,
        markIvPercent,
        markIvPercent - 0.5,
        markIvPercent + 0.5,
        value.delta(),
        value.gamma(),
        value.vega(),
        value.theta(),
        value.rho(),
        Double.NaN,
        Double.NaN,
        1_000,
        25,
        Double.NaN,
        -3.5,
        0);
  }

  /** {@code ticker} with Deribit's delta replaced, as if its Greeks disagreed with ours. */
  public static Ticker withDelta(Ticker ticker, double delta) {
    return new Ticker(
        ticker.instrument(),
        ticker.underlying(),
        ticker.kind(),
        ticker.timestamp(),
        ticker.markPrice(),
        ticker.indexPrice(),
        ticker.underlyingPrice(),
        ticker.bestBidPrice(),
        ticker.bestBidAmount(),
        ticker.bestAskPrice(),
        ticker.bestAskAmount(),
        ticker.markIv(),
        ticker.bidIv(),
        ticker.askIv(),
        delta,
        ticker.gamma(),
        ticker.vega(),
        ticker.theta(),
        ticker.rho(),
        ticker.funding8h(),
        ticker.currentFunding(),
        ticker.openInterest(),
        ticker.volume24h(),
        ticker.volumeUsd24h(),
        ticker.priceChange24h(),
        ticker.receivedNanos());
  }

  /**
   * The top of an option's book, prices in coin: {@code nearDepth} contracts near the mid, split
   * evenly between the sides, and {@code buyPrice} the average price of buying the impact amount.
   */
  public static BookTop optionTop(
      String instrument,
      long timestamp,
      double bid,
      double ask,
      double nearDepth,
      double buyPrice) {
    return optionTop(instrument, timestamp, bid, ask, nearDepth, buyPrice, false);
  }

  /** An option's book that missed updates and waits for a snapshot. */
  public static BookTop staleOptionTop(String instrument, long timestamp) {
    return optionTop(instrument, timestamp, 0.02, 0.03, 10, 0.031, true);
  }

  private static BookTop optionTop(
      String instrument,
      long timestamp,
      double bid,
      double ask,
      double nearDepth,
      double buyPrice,
      boolean stale) {
    return new BookTop(
        instrument,
        instrument.substring(0, instrument.indexOf('-')),
        InstrumentKind.OPTION,
        timestamp,
        bid,
        nearDepth / 4,
        ask,
        nearDepth / 4,
        nearDepth / 2,
        nearDepth / 2,
        stale,
        nearDepth,
        buyPrice,
        bid,
        0);
  }

  /**
   * BTC's at-the-money straddle of BTC-17NOV23 (strike 36,000, forward 36,480) as the chain would
   * emit it, with the given quotes (coin) and liquidity, and Black-76 Greeks at {@code impliedVol}.
   */
  public static AtmStraddle straddle(
      long timestamp,
      double impliedVol,
      double bid,
      double ask,
      double nearDepthUsd,
      double impactBps) {
    double forward = 36_480;
    OptionValuation call =
        Black76.value(OptionContract.parse("BTC-17NOV23-36000-C"), forward, timestamp, impliedVol);
    OptionValuation put =
        Black76.value(OptionContract.parse("BTC-17NOV23-36000-P"), forward, timestamp, impliedVol);
    return new AtmStraddle(
        "BTC",
        timestamp,
        OptionContract.parse("BTC-17NOV23-36000-C").expiryMillis(),
        36_000,
        "BTC-17NOV23-36000-C",
        "BTC-17NOV23-36000-P",
        forward,
        impliedVol,
        bid,
        ask,
        (bid + ask) / 2,
        call.delta() + put.delta(),
        call.gamma() + put.gamma(),
        call.vega() + put.vega(),
        call.theta() + put.theta(),
        nearDepthUsd,
        impactBps,
        timestamp);
  }

  private static double[] prices(double[] pairs) {
    double[] prices = new double[pairs.length / 2];
    for (int i = 0; i < prices.length; i++) {
      prices[i] = pairs[2 * i];
    }
    return prices;
  }

  private static double[] amounts(double[] pairs) {
    double[] amounts = new double[pairs.length / 2];
    for (int i = 0; i < amounts.length; i++) {
      amounts[i] = pairs[2 * i + 1];
    }
    return amounts;
  }
}
