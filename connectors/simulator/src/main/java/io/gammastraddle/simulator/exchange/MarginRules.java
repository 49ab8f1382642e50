package io.gammastraddle.simulator.exchange;

import java.util.List;

/**
 * Deribit's standard (segregated) margin, simplified to stated rules; all results in coin.
 *
 * <ul>
 *   <li>Perpetuals and futures: initial margin 2% of the notional at the mark (the simulator's
 *       instruments list {@code max_leverage} 50), maintenance 1%. Open orders count at their worst
 *       case: the initial margin is on max(|size + open buys|, |size - open sells|). Deribit's real
 *       rates grow with the position's size; that is not modelled.
 *   <li>Long options need no margin; their premium was paid. An open buy order reserves its premium
 *       and fee.
 *   <li>Short options, per contract (Deribit's rule as quoted by doc.tslab.pro, "Deribit Margin
 *       Requirements Calculation"): initial max(0.15 - OTM amount / index, 0.1) + mark, maintenance
 *       0.075 + mark. Open sell orders beyond the long position count as shorts.
 *   <li>Reduce-only orders only shrink a position and reserve nothing.
 * </ul>
 */
final class MarginRules {
  static final double FUTURES_INITIAL = 0.02;
  static final double FUTURES_MAINTENANCE = 0.01;
  private static final double SHORT_OPTION_BASE = 0.15;
  private static final double SHORT_OPTION_FLOOR = 0.1;
  private static final double SHORT_OPTION_MAINTENANCE = 0.075;

  /**
   * One instrument's requirement.
   *
   * @param initial initial margin of the position and its open orders
   * @param maintenance maintenance margin of the position
   * @param openOrders the part of {@code initial} due to open orders
   */
  record Requirement(double initial, double maintenance, double openOrders) {}

  private MarginRules() {}

  /**
   * The requirement of a position of {@code size} (signed) plus the account's {@code orders} on the
   * same instrument.
   */
  static Requirement of(
      InstrumentSpec instrument,
      double size,
      List<RestingOrder> orders,
      double markPrice,
      double indexPrice,
      FeeSchedule fees) {
    double buys = 0;
    double sells = 0;
    double buyPremium = 0;
    for (RestingOrder order : orders) {
      if (order.reduceOnly()) {
        continue;
      }
      if (order.direction() == Direction.BUY) {
        buys += order.amount();
        buyPremium +=
            order.price() * order.amount()
                + fees.tradeFee(instrument, order.price(), order.amount(), false);
      } else {
        sells += order.amount();
      }
    }
    if (!instrument.isOption()) {
      double position = FUTURES_INITIAL * Math.abs(size) / markPrice;
      double worst = Math.max(Math.abs(size + buys), Math.abs(size - sells));
      double initial = FUTURES_INITIAL * worst / markPrice;
      return new Requirement(
          initial, FUTURES_MAINTENANCE * Math.abs(size) / markPrice, initial - position);
    }
    double otm =
        Math.max(
            0,
            instrument.isCall()
                ? instrument.strike() - indexPrice
                : indexPrice - instrument.strike());
    double perShort =
        Math.max(SHORT_OPTION_BASE - otm / indexPrice, SHORT_OPTION_FLOOR) + markPrice;
    double shorts = Math.max(0, -size);
    double extraShorts = Math.max(0, sells - Math.max(0, size));
    double openOrders = buyPremium + extraShorts * perShort;
    return new Requirement(
        shorts * perShort + openOrders,
        shorts * (SHORT_OPTION_MAINTENANCE + markPrice),
        openOrders);
  }
}
