package io.gammastraddle.simulator.exchange;

import io.gammastraddle.market.PriceGrid;
import io.gammastraddle.simulator.exchange.BookMatching.Fill;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * Placing, editing, cancelling and filling paper orders of one account at a time: post-only and
 * reduce-only as Deribit applies them, taker fills against the visible book, the funds check, and
 * maker fills of resting orders as the market moves.
 */
final class OrderEntry {
  /** Funds differences below this are rounding noise, not a shortfall. */
  private static final double FUNDS_TOLERANCE = 1e-12;

  private final MarketView market;
  private final FeeSchedule fees;
  private final Ids ids;

  OrderEntry(MarketView market, FeeSchedule fees, Ids ids) {
    this.market = market;
    this.fees = fees;
    this.ids = ids;
  }

  /** {@code private/buy} and {@code private/sell}: the {@code {order, trades}} result. */
  String place(Account account, Direction direction, Params params, Events events) {
    OrderRequest request = OrderRequest.parse(params, direction, market);
    InstrumentSpec instrument = request.instrument();
    if (request.reduceOnly()) {
      double reducible = reducible(account, instrument, direction, null);
      if (reducible <= 0) {
        throw new Rejection(DeribitError.nothingToReduce());
      }
      request = request.withAmount(Math.min(request.amount(), reducible));
    }
    List<PriceLevel> opposite = opposite(instrument, direction);
    if (request.postOnly() && BookMatching.crosses(direction, request.price(), opposite)) {
      if (request.rejectPostOnly()) {
        throw new Rejection(DeribitError.postOnlyReject());
      }
      request = request.withPrice(insideSpread(instrument, direction, opposite));
    }
    List<Fill> fills = BookMatching.take(direction, request.limit(), request.amount(), opposite);
    if (request.timeInForce() == Order.TimeInForce.FILL_OR_KILL
        && BookMatching.total(fills) < request.amount()) {
      fills = List.of();
    }
    double left = Quantities.clean(request.amount() - BookMatching.total(fills));
    boolean rests = !request.isMarket() && request.timeInForce().rests() && left > 0;
    double price = request.isMarket() ? marketOrderPrice(instrument, fills) : request.price();
    List<RestingOrder> resting = new ArrayList<>(account.resting(instrument.currency(), null));
    if (rests) {
      resting.add(new RestingOrder(instrument, direction, price, left, request.reduceOnly()));
    }
    checkFunds(account, instrument, direction, fills, resting);

    long sequence = ids.nextOrderSequence();
    Order order =
        new Order(
            sequence,
            Ids.orderId(instrument.currency(), sequence),
            request,
            price,
            market.nowMillis());
    List<Trade> trades = execute(account, order, fills, false);
    if (!rests && order.isOpen()) {
      order.cancel(null, market.nowMillis());
    }
    account.file(order);
    events.orderAndTrades(account, order, trades);
    return ExchangeJson.text(ExchangeJson.orderWithTrades(order, trades));
  }

  /**
   * {@code private/edit}: a new amount (not below what filled) and price for an open order. A
   * post-only order that would now cross is re-priced inside the spread, or, with {@code
   * reject_post_only}, cancelled (reason {@code edit_post_only_reject}) and the edit refused with
   * 11054. A crossing edit of another order takes liquidity at once.
   */
  String edit(Account account, Params params, Events events) {
    Order order = openOrder(account, params.text("order_id"));
    InstrumentSpec instrument = order.instrument();
    Direction direction = order.direction();
    OrderRequest.checkOpenBook(instrument, market);
    double amount = OrderRequest.checkedAmount(params, instrument);
    if (amount < order.filledAmount()) {
      throw new Rejection(DeribitError.invalidAmount("below the filled amount"));
    }
    OptionalDouble newPrice = params.number("price");
    double price =
        newPrice.isPresent()
            ? OrderRequest.checkedPrice(newPrice.getAsDouble(), instrument)
            : order.price();
    boolean postOnly = params.flag("post_only").orElse(order.postOnly());
    boolean rejectPostOnly = params.flag("reject_post_only").orElse(order.rejectPostOnly());
    if (order.reduceOnly()) {
      amount =
          Math.min(
              amount,
              Quantities.clean(
                  order.filledAmount() + reducible(account, instrument, direction, order)));
    }
    List<PriceLevel> opposite = opposite(instrument, direction);
    if (postOnly && BookMatching.crosses(direction, price, opposite)) {
      if (rejectPostOnly) {
        cancel(account, order, "edit_post_only_reject", events);
        throw new Rejection(DeribitError.postOnlyReject());
      }
      price = insideSpread(instrument, direction, opposite);
    }
    double left = Quantities.clean(amount - order.filledAmount());
    List<Fill> fills = BookMatching.take(direction, price, left, opposite);
    double rest = Quantities.clean(left - BookMatching.total(fills));
    List<RestingOrder> resting = new ArrayList<>(account.resting(instrument.currency(), order));
    if (rest > 0) {
      resting.add(new RestingOrder(instrument, direction, price, rest, order.reduceOnly()));
    }
    checkFunds(account, instrument, direction, fills, resting);

    order.amend(price, amount, postOnly, rejectPostOnly, market.nowMillis());
    List<Trade> trades = execute(account, order, fills, false);
    account.file(order);
    events.orderAndTrades(account, order, trades);
    return ExchangeJson.text(ExchangeJson.orderWithTrades(order, trades));
  }

  /** {@code private/cancel}: the cancelled order. */
  String cancel(Account account, String orderId, Events events) {
    Order order = openOrder(account, orderId);
    cancel(account, order, "user_request", events);
    return ExchangeJson.text(ExchangeJson.order(order));
  }

  /** Cancels the open orders matching {@code filter}; returns how many. */
  int cancelAll(Account account, Predicate<Order> filter, String reason, Events events) {
    List<Order> orders = account.openOrders(filter);
    orders.forEach(order -> cancel(account, order, reason, events));
    return orders.size();
  }

  /**
   * Fills a resting order as maker, at its own price, when the opposite side crosses or touches it,
   * up to the crossing levels' amount. A reduce-only order fills only what reduces the position;
   * with nothing left to reduce it is cancelled.
   */
  void fillResting(Account account, Order order, Events events) {
    InstrumentSpec instrument = order.instrument();
    Direction direction = order.direction();
    double crossing =
        BookMatching.crossingAmount(direction, order.price(), opposite(instrument, direction));
    double amount = Math.min(order.remaining(), crossing);
    if (amount <= 0) {
      return;
    }
    if (order.reduceOnly()) {
      double size = account.ledger(instrument.currency()).size(instrument.name());
      if (!direction.reduces(size)) {
        cancel(account, order, null, events);
        return;
      }
      amount = Math.min(amount, Math.abs(size));
    }
    List<Trade> trades = execute(account, order, List.of(new Fill(order.price(), amount)), true);
    account.file(order);
    events.orderAndTrades(account, order, trades);
  }

  private void cancel(Account account, Order order, String reason, Events events) {
    order.cancel(reason, market.nowMillis());
    account.file(order);
    events.order(account, order);
  }

  private static Order openOrder(Account account, String orderId) {
    Order order =
        account.order(orderId).orElseThrow(() -> new Rejection(DeribitError.orderNotFound()));
    if (!order.isOpen()) {
      throw new Rejection(DeribitError.notOpenOrder());
    }
    return order;
  }

  /**
   * How much a reduce-only order may still take off the position: its size, less what other
   * reduce-only orders the same way already cover (Deribit keeps their total within the position);
   * 0 if an order this way would not reduce it.
   */
  private static double reducible(
      Account account, InstrumentSpec instrument, Direction direction, Order excluded) {
    double size = account.ledger(instrument.currency()).size(instrument.name());
    if (!direction.reduces(size)) {
      return 0;
    }
    double covered =
        account
            .openOrders(
                order ->
                    order != excluded
                        && order.reduceOnly()
                        && order.direction() == direction
                        && order.instrument().name().equals(instrument.name()))
            .stream()
            .mapToDouble(Order::remaining)
            .sum();
    return Math.max(0, Quantities.clean(Math.abs(size) - covered));
  }

  /**
   * Deribit's re-pricing of a post-only order that would cross: "just below or above the spread
   * (according to the direction of the order)" (private/buy docs): the next valid price inside the
   * opposite best price, whose tick may be finer or coarser than the best price's (0.0049 under an
   * option ask of 0.005, 0.0055 over a bid of 0.005). Refused if there is no such price.
   */
  private static double insideSpread(
      InstrumentSpec instrument, Direction direction, List<PriceLevel> opposite) {
    double best = opposite.get(0).price();
    PriceGrid grid = instrument.priceGrid();
    double inside = direction == Direction.BUY ? grid.below(best) : grid.above(best);
    if (inside <= 0) {
      throw new Rejection(DeribitError.postOnlyReject());
    }
    return inside;
  }

  /** A market order reports the last price it traded at, or the mark if it found nothing. */
  private double marketOrderPrice(InstrumentSpec instrument, List<Fill> fills) {
    return fills.isEmpty()
        ? instrument.priceGrid().nearest(market.markPrice(instrument.name()))
        : fills.get(fills.size() - 1).price();
  }

  private List<PriceLevel> opposite(InstrumentSpec instrument, Direction direction) {
    return direction == Direction.BUY
        ? market.asks(instrument.name())
        : market.bids(instrument.name());
  }

  /**
   * Refuses with 10009 when the order (its fills plus what would rest, {@code restingAfter}) would
   * leave the available funds negative, unless it leaves them no worse than before: an order that
   * reduces risk is accepted even on an account already short of funds.
   */
  private void checkFunds(
      Account account,
      InstrumentSpec instrument,
      Direction direction,
      List<Fill> fills,
      List<RestingOrder> restingAfter) {
    Ledger ledger = account.ledger(instrument.currency());
    Ledger after = afterFills(ledger, instrument, direction, fills, false);
    double availableAfter = Valuation.of(after, restingAfter, market, fees).availableFunds();
    if (availableAfter >= -FUNDS_TOLERANCE) {
      return;
    }
    double availableBefore =
        Valuation.of(ledger, account.resting(instrument.currency(), null), market, fees)
            .availableFunds();
    if (availableAfter < availableBefore - FUNDS_TOLERANCE) {
      throw new Rejection(DeribitError.notEnoughFunds());
    }
  }

  private Ledger afterFills(
      Ledger ledger,
      InstrumentSpec instrument,
      Direction direction,
      List<Fill> fills,
      boolean maker) {
    double indexPrice = market.indexPrice(instrument.currency());
    Ledger after = ledger;
    for (Fill fill : fills) {
      after =
          after.afterTrade(
              instrument,
              direction,
              fill.price(),
              fill.amount(),
              fees.tradeFee(instrument, fill.price(), fill.amount(), maker),
              indexPrice);
    }
    return after;
  }

  /** Books {@code fills} to the account and the order; returns them as trades. */
  private List<Trade> execute(Account account, Order order, List<Fill> fills, boolean maker) {
    InstrumentSpec instrument = order.instrument();
    account.update(
        afterFills(
            account.ledger(instrument.currency()), instrument, order.direction(), fills, maker));
    long now = market.nowMillis();
    double markPrice = market.markPrice(instrument.name());
    double indexPrice = market.indexPrice(instrument.currency());
    List<Trade> trades = new ArrayList<>();
    for (Fill fill : fills) {
      order.fill(fill.price(), fill.amount(), now);
      Ids.Tick tick = ids.nextTick(instrument.name(), fill.price());
      trades.add(
          new Trade(
              ids.nextTradeId(instrument.currency()),
              tick.sequence(),
              tick.direction(),
              now,
              order,
              fill.price(),
              fill.amount(),
              fees.tradeFee(instrument, fill.price(), fill.amount(), maker),
              maker,
              markPrice,
              indexPrice));
    }
    return trades;
  }
}
