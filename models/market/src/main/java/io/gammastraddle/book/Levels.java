package io.gammastraddle.book;

import java.util.Arrays;

/**
 * One side of an order book: prices sorted best first, with the amount resting at each.
 *
 * <p>Immutable; {@link #apply} returns a new side. Sorted parallel arrays rather than a tree map
 * because books are small (tens to a few thousand levels), updates touch few levels, and Flink can
 * serialize primitive arrays without Kryo.
 */
public record Levels(double[] prices, double[] amounts) {

  public static final Levels EMPTY = new Levels(new double[0], new double[0]);

  public int size() {
    return prices.length;
  }

  /** Builds a side from unsorted levels, dropping zero amounts. */
  public static Levels of(double[] prices, double[] amounts, boolean bids) {
    return EMPTY.apply(prices, amounts, bids);
  }

  /**
   * Applies level updates: an amount of zero removes the price, anything else sets it.
   *
   * @param bids true when this is the bid side (best = highest price)
   */
  public Levels apply(double[] updatePrices, double[] updateAmounts, boolean bids) {
    if (updatePrices.length == 0) {
      return this;
    }
    Integer[] order = new Integer[updatePrices.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Later entries for the same price win, so a stable sort keeps the message's own order.
    Arrays.sort(order, (a, b) -> compare(updatePrices[a], updatePrices[b], bids));
    double[] newPrices = new double[prices.length + updatePrices.length];
    double[] newAmounts = new double[newPrices.length];
    int n = 0;
    int i = 0;
    int u = 0;
    while (i < prices.length || u < order.length) {
      int cmp;
      if (i == prices.length) {
        cmp = 1;
      } else if (u == order.length) {
        cmp = -1;
      } else {
        cmp = compare(prices[i], updatePrices[order[u]], bids);
      }
      if (cmp < 0) {
        newPrices[n] = prices[i];
        newAmounts[n++] = amounts[i++];
        continue;
      }
      if (cmp == 0) {
        i++;
      }
      double price = updatePrices[order[u]];
      double amount = updateAmounts[order[u]];
      u++;
      while (u < order.length && updatePrices[order[u]] == price) {
        amount = updateAmounts[order[u++]];
      }
      if (amount > 0) {
        newPrices[n] = price;
        newAmounts[n++] = amount;
      }
    }
    return new Levels(Arrays.copyOf(newPrices, n), Arrays.copyOf(newAmounts, n));
  }

  /** Total amount over the best {@code levels} levels. */
  public double depth(int levels) {
    double sum = 0;
    for (int i = 0; i < Math.min(levels, amounts.length); i++) {
      sum += amounts[i];
    }
    return sum;
  }

  /**
   * Total amount over those of the best {@code levels} levels priced within [{@code low}, {@code
   * high}].
   */
  public double depthWithin(int levels, double low, double high) {
    double sum = 0;
    for (int i = 0; i < Math.min(levels, prices.length); i++) {
      if (prices[i] >= low && prices[i] <= high) {
        sum += amounts[i];
      }
    }
    return sum;
  }

  /**
   * Average price of taking {@code amount} from the best level onwards, or NaN when the whole side
   * holds less. Stops at the level that completes the amount.
   */
  public double fillPrice(double amount) {
    double cost = 0;
    double remaining = amount;
    for (int i = 0; i < prices.length; i++) {
      if (amounts[i] >= remaining) {
        return (cost + prices[i] * remaining) / amount;
      }
      cost += prices[i] * amounts[i];
      remaining -= amounts[i];
    }
    return Double.NaN;
  }

  private static int compare(double a, double b, boolean bids) {
    return bids ? Double.compare(b, a) : Double.compare(a, b);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Levels that
        && Arrays.equals(prices, that.prices)
        && Arrays.equals(amounts, that.amounts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(prices) + Arrays.hashCode(amounts);
  }

  @Override
  public String toString() {
    return "Levels" + Arrays.toString(prices) + "x" + Arrays.toString(amounts);
  }
}
