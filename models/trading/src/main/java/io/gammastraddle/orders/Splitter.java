package io.gammastraddle.orders;

import io.gammastraddle.book.Levels;
import io.gammastraddle.book.OrderBook;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an order into children no larger than a share of the depth visible at acceptable prices.
 *
 * <p>The visible depth is what rests on the side the order trades against (asks for a buy, bids for
 * a sell) at prices within the cap: what the market offers at prices we accept. A post-only order
 * is sized the same way: it is bounded by what the market near our price can absorb, and when even
 * the best opposite price lies beyond the cap the depth is zero and nothing is posted. Each child
 * is at most {@code depthShare} of that depth, at least the instrument's minimum, on its amount
 * step; all children together never exceed the visible depth, and there are at most {@code
 * maxChildren}. The rest is reported as the {@link Split#remainder()}, for a later split against a
 * fresh book.
 *
 * @param depthShare the largest child as a fraction of the visible depth, in (0, 1]
 * @param maxChildren the most children one split yields
 */
public record Splitter(double depthShare, int maxChildren) {

  public Splitter {
    if (!(depthShare > 0 && depthShare <= 1)) {
      throw new IllegalArgumentException("Depth share must be in (0, 1]: " + depthShare);
    }
    if (maxChildren < 1) {
      throw new IllegalArgumentException("At least one child is needed: " + maxChildren);
    }
  }

  /**
   * Splits {@code amount} of a {@code side} order whose worst acceptable price is {@code cap}.
   *
   * @param amount a positive multiple of the instrument's amount step
   */
  public Split split(InstrumentRules rules, Side side, double amount, OrderBook book, double cap) {
    if (!rules.isOnAmountStep(amount)) {
      throw new IllegalArgumentException(
          rules.instrument()
              + ": amount "
              + amount
              + " is not a multiple of "
              + rules.amountStep());
    }
    Levels opposite = side == Side.BUY ? book.asks() : book.bids();
    double visible =
        side == Side.BUY
            ? opposite.depthWithin(opposite.size(), 0, cap)
            : opposite.depthWithin(opposite.size(), cap, Double.POSITIVE_INFINITY);
    double largest = rules.roundAmountDown(depthShare * visible);
    double left = rules.roundAmountDown(Math.min(amount, visible));
    List<Double> children = new ArrayList<>();
    if (largest >= rules.minAmount()) {
      while (children.size() < maxChildren && left >= rules.minAmount()) {
        double child = Math.min(largest, left);
        children.add(child);
        left = Grid.clean(left - child);
      }
    }
    double placed = children.stream().mapToDouble(Double::doubleValue).sum();
    return new Split(children, Grid.clean(amount - placed), visible);
  }
}
