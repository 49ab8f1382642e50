package io.gammastraddle.simulator;

import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionType;
import io.gammastraddle.pricing.OptionValuation;
import java.util.SplittableRandom;

/**
 * A European option in Deribit's inverse convention: Black-76 on the expiry's forward with the
 * underlying's smile, price in coin = USD price / forward on Deribit's option grid, amounts in coin
 * in multiples of the instrument's {@code min_trade_amount}. Bid, ask and trade implied vols are
 * first-order (vega) approximations from the mark.
 */
final class SimulatedOption extends SimulatedInstrument {
  static final OrderBook.Shape BOOK_SHAPE = new OrderBook.Shape(10, 4, 30, 1.0, 0.05);
  static final double MEDIAN_TAKER_LOTS = 10;
  static final double RELATIVE_SPREAD = 0.03;

  /** Deribit's option price limits sit a few hundredths of a coin around the mark. */
  static final double PRICE_BAND_COIN = 0.03;

  static final double MIN_PRICE = 0.0001;
  static final double MAX_IV_PERCENT = 500;

  private final boolean call;
  private final String underlyingIndex;
  private double forward;
  private double volatility;
  private OptionValuation value;

  SimulatedOption(
      Instrument instrument,
      UnderlyingState underlying,
      SplittableRandom random,
      long firstChangeId) {
    super(
        instrument,
        underlying,
        new OrderBook(
            instrument.priceGrid(), instrument.minTradeAmount(), BOOK_SHAPE, random, firstChangeId),
        underlying.parameters.optionTradesPerSecond(),
        MEDIAN_TAKER_LOTS,
        random);
    this.call = instrument.kind() == Instrument.Kind.CALL;
    this.underlyingIndex =
        instrument.currency() + "-" + ExpiryCalendar.code(instrument.expirationTimestamp());
    openInterest = Math.round(1000 + 15_000 * random.nextDouble()) * instrument.minTradeAmount();
  }

  /** Only before the expiry: the market settles an option at its expiry instead of stepping it. */
  @Override
  void reprice(long nowMillis) {
    long expiry = instrument.expirationTimestamp();
    double years = OptionContract.yearsBetween(nowMillis, expiry);
    forward = underlying.forward(expiry, nowMillis);
    volatility = underlying.impliedVolatility(instrument.strike(), forward);
    value =
        Black76.value(
            call ? OptionType.CALL : OptionType.PUT,
            forward,
            instrument.strike(),
            years,
            volatility);
  }

  OptionValuation value() {
    return value;
  }

  @Override
  double theoreticalPrice() {
    return value.priceUsd() / forward;
  }

  @Override
  double markPrice() {
    return theoreticalPrice();
  }

  @Override
  int markDecimals() {
    return 4;
  }

  @Override
  long spreadTicks(double theoreticalPrice) {
    // in ticks of the theoretical price's level, as on a flat grid of that tick
    return Math.max(
        1,
        Math.round(
            theoreticalPrice * RELATIVE_SPREAD / instrument.priceGrid().tickAt(theoreticalPrice)));
  }

  @Override
  double coinAmount(long ticks, long lots) {
    return book.amount(lots);
  }

  @Override
  double usdAmount(long ticks, long lots) {
    return book.amount(lots) * book.price(ticks) * index();
  }

  @Override
  void writeTradeExtras(JsonWriter json, long ticks) {
    json.decimal("iv", impliedVolatilityPercent(book.price(ticks)), 2);
  }

  @Override
  void writeTickerData(JsonWriter json, long nowMillis) {
    double mark = markPrice();
    json.field("timestamp", nowMillis).field("state", "open").beginObject("stats");
    writeStats(json);
    json.endObject()
        .beginObject("greeks")
        .decimal("delta", value.delta(), 5)
        .decimal("gamma", value.gamma(), 5)
        .decimal("vega", value.vega(), 5)
        .decimal("theta", value.theta(), 5)
        .decimal("rho", value.rho(), 5)
        .endObject()
        .decimal("index_price", index(), INDEX_DECIMALS)
        .field("instrument_name", instrument.name())
        .decimal("last_price", lastPrice(), book.priceDecimals())
        .decimal("settlement_price", settlementPrice, 8)
        .decimal("min_price", Math.max(MIN_PRICE, mark - PRICE_BAND_COIN), 4)
        .decimal("max_price", mark + PRICE_BAND_COIN, 4)
        .decimal("open_interest", openInterest, 1)
        .decimal("mark_price", mark, 4)
        .decimal("interest_rate", 0, 1)
        .decimal("estimated_delivery_price", estimatedDeliveryPrice(nowMillis), INDEX_DECIMALS);
    writeBestQuotes(json);
    json.decimal("mark_iv", volatility * 100, 2)
        .decimal("bid_iv", quoteImpliedVolatilityPercent(true), 2)
        .decimal("ask_iv", quoteImpliedVolatilityPercent(false), 2)
        .decimal("underlying_price", forward, 2)
        .field("underlying_index", underlyingIndex);
  }

  /** Within the delivery window of its expiry, the average so far; before it, the index. */
  private double estimatedDeliveryPrice(long nowMillis) {
    boolean inDeliveryWindow =
        instrument.expirationTimestamp() - nowMillis < UnderlyingState.DELIVERY_WINDOW_MILLIS;
    return inDeliveryWindow ? underlying.deliveryAverage() : index();
  }

  private double quoteImpliedVolatilityPercent(boolean bidSide) {
    return book.hasLevels(bidSide)
        ? impliedVolatilityPercent(book.price(book.bestTicks(bidSide)))
        : 0;
  }

  /** Implied vol of {@code coinPrice} to first order: mark iv + price difference / vega. */
  private double impliedVolatilityPercent(double coinPrice) {
    double markIv = volatility * 100;
    if (value.vega() < 1e-9) {
      return markIv;
    }
    double iv = markIv + (coinPrice - theoreticalPrice()) * forward / value.vega();
    return Math.max(0, Math.min(iv, MAX_IV_PERCENT));
  }
}
