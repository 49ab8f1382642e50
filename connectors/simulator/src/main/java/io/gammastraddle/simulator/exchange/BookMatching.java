package io.gammastraddle.simulator.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Matching paper orders against the visible book. Paper orders never change the public book and the
 * exchange does not remember what earlier paper orders took from it: every order, in every market
 * step, sees the full visible levels. Two paper orders can therefore fill against the same level,
 * and a resting order can fill on a later step against liquidity its own taker part already took;
 * in a market whose makers requote every step this is a small, stated optimism.
 */
final class BookMatching {

  /** One fill: the price and the amount traded there. */
  record Fill(double price, double amount) {}

  private BookMatching() {}

  /**
   * The fills of a taker order walking the opposite levels: at each level's price, up to the
   * level's amount, while the price is within {@code limit} ({@link Direction#marketLimit} for
   * market orders) and the order has amount left.
   */
  static List<Fill> take(
      Direction direction, double limit, double amount, List<PriceLevel> opposite) {
    List<Fill> fills = new ArrayList<>();
    double left = amount;
    for (PriceLevel level : opposite) {
      if (left <= 0 || !acceptable(direction, limit, level.price())) {
        break;
      }
      double traded = Math.min(left, level.amount());
      fills.add(new Fill(level.price(), traded));
      left = Quantities.clean(left - traded);
    }
    return fills;
  }

  /** Total amount of {@code fills}. */
  static double total(List<Fill> fills) {
    double total = 0;
    for (Fill fill : fills) {
      total += fill.amount();
    }
    return Quantities.clean(total);
  }

  /**
   * The opposite amount at or better than {@code price}: what an order resting there can fill as
   * maker once the opposite best price crosses or touches it.
   */
  static double crossingAmount(Direction direction, double price, List<PriceLevel> opposite) {
    double amount = 0;
    for (PriceLevel level : opposite) {
      if (!acceptable(direction, price, level.price())) {
        break;
      }
      amount += level.amount();
    }
    return Quantities.clean(amount);
  }

  /** Whether an order at {@code price} would trade at once against the opposite best level. */
  static boolean crosses(Direction direction, double price, List<PriceLevel> opposite) {
    return !opposite.isEmpty() && acceptable(direction, price, opposite.get(0).price());
  }

  private static boolean acceptable(Direction direction, double limit, double levelPrice) {
    return direction == Direction.BUY ? levelPrice <= limit : levelPrice >= limit;
  }
}
