package io.gammastraddle.simulator.exchange;

import java.util.OptionalDouble;

/**
 * A validated {@code private/buy} or {@code private/sell}: every check Deribit makes before the
 * order reaches the book (funds, reduce-only and post-only are settled by {@link OrderEntry}).
 *
 * @param price the limit price; {@code NaN} for market orders
 */
record OrderRequest(
    InstrumentSpec instrument,
    Direction direction,
    Order.Type type,
    Order.TimeInForce timeInForce,
    double amount,
    double price,
    String label,
    boolean postOnly,
    boolean rejectPostOnly,
    boolean reduceOnly) {

  /** Deribit's limit for {@code label}. */
  static final int MAX_LABEL_LENGTH = 64;

  static OrderRequest parse(Params params, Direction direction, MarketView market) {
    String name = params.text("instrument_name");
    InstrumentSpec instrument =
        market.instrument(name).orElseThrow(() -> new Rejection(DeribitError.unknownInstrument()));
    checkOpenBook(instrument, market);
    Order.Type type =
        Order.Type.parse(params.optionalText("type").orElse(Order.Type.LIMIT.deribitName()));
    double amount = checkedAmount(params, instrument);
    double price = Double.NaN;
    if (type == Order.Type.LIMIT) {
      price =
          checkedPrice(
              params
                  .number("price")
                  .orElseThrow(
                      () ->
                          new Rejection(
                              DeribitError.invalidParams("price", "required for limit orders"))),
              instrument);
    }
    Order.TimeInForce timeInForce =
        Order.TimeInForce.parse(
            params
                .optionalText("time_in_force")
                .orElse(Order.TimeInForce.GOOD_TIL_CANCELLED.deribitName()));
    String label = params.optionalText("label").orElse("");
    if (label.length() > MAX_LABEL_LENGTH) {
      throw new Rejection(
          DeribitError.invalidParams("label", "longer than " + MAX_LABEL_LENGTH + " characters"));
    }
    boolean postOnly = params.flag("post_only").orElse(false);
    if (postOnly && (type == Order.Type.MARKET || !timeInForce.rests())) {
      throw new Rejection(DeribitError.postOnlyNotAllowed());
    }
    return new OrderRequest(
        instrument,
        direction,
        type,
        timeInForce,
        amount,
        price,
        label,
        postOnly,
        params.flag("reject_post_only").orElse(false),
        params.flag("reduce_only").orElse(false));
  }

  /** Orders on an expired or settled instrument are refused. */
  static void checkOpenBook(InstrumentSpec instrument, MarketView market) {
    if (market.deliveryPrice(instrument.name()).isPresent()
        || market.nowMillis() >= instrument.expirationMillis()) {
      throw new Rejection(DeribitError.bookClosed());
    }
  }

  /**
   * The order size from {@code amount} or {@code contracts} (both must agree if both are given):
   * not negative, a multiple of the instrument's step, at least its minimum.
   */
  static double checkedAmount(Params params, InstrumentSpec instrument) {
    OptionalDouble amount = params.number("amount");
    OptionalDouble contracts = params.number("contracts");
    if (amount.isEmpty() && contracts.isEmpty()) {
      throw new Rejection(DeribitError.invalidParams("amount", "amount or contracts is required"));
    }
    double value =
        amount.isPresent()
            ? amount.getAsDouble()
            : contracts.getAsDouble() * instrument.contractSize();
    if (amount.isPresent()
        && contracts.isPresent()
        && Quantities.clean(contracts.getAsDouble() * instrument.contractSize()) != value) {
      throw new Rejection(DeribitError.invalidParams("contracts", "must match amount"));
    }
    if (value < 0) {
      throw new Rejection(DeribitError.invalidAmount("must not be negative"));
    }
    if (!Quantities.isMultiple(value, instrument.amountStep())) {
      throw new Rejection(
          DeribitError.invalidParams(
              "amount",
              instrument.isOption()
                  ? "must be a multiple of min trade amount"
                  : "must be a multiple of contract size"));
    }
    if (value < instrument.minTradeAmount()) {
      throw new Rejection(DeribitError.qtyTooLow());
    }
    return Quantities.clean(value);
  }

  /** A limit price: positive and a multiple of the tick at its level of the instrument's grid. */
  static double checkedPrice(double price, InstrumentSpec instrument) {
    if (!(price > 0)) {
      throw new Rejection(DeribitError.invalidParams("price", "must be positive"));
    }
    if (!instrument.priceGrid().isOnTick(price)) {
      throw new Rejection(DeribitError.priceWrongTick());
    }
    return price;
  }

  boolean isMarket() {
    return type == Order.Type.MARKET;
  }

  /** The price limit the order takes liquidity within. */
  double limit() {
    return isMarket() ? direction.marketLimit() : price;
  }

  OrderRequest withAmount(double newAmount) {
    return new OrderRequest(
        instrument,
        direction,
        type,
        timeInForce,
        newAmount,
        price,
        label,
        postOnly,
        rejectPostOnly,
        reduceOnly);
  }

  OrderRequest withPrice(double newPrice) {
    return new OrderRequest(
        instrument,
        direction,
        type,
        timeInForce,
        amount,
        newPrice,
        label,
        postOnly,
        rejectPostOnly,
        reduceOnly);
  }
}
