package io.gammastraddle.simulator;

import io.gammastraddle.market.PriceGrid;
import io.gammastraddle.simulator.exchange.PriceLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A price-level book that market makers requote every step around a theoretical price, and that
 * taker orders consume from the top. Levels sit at integer positions of the instrument's {@link
 * PriceGrid} ("ticks" below), so neighbouring positions are one tick apart at every price, however
 * the tick changes with the price.
 *
 * <p>Each step starts with {@link #beginStep()}; {@link #writeChange} then reports the difference
 * to the book at that moment as Deribit's {@code new}/{@code change}/{@code delete} actions, under
 * a {@code change_id} whose {@code prev_change_id} is the previous change's id.
 */
final class OrderBook {
  /** How a kind of instrument's book looks: depth, holes between levels, sizes, churn per step. */
  record Shape(
      int depth, int maxGapTicks, double medianLots, double lotsSigma, double churnProbability) {}

  private static final int MAX_CHANGE_ID_GAP = 64;

  private final PriceGrid grid;
  private final int priceDecimals;
  private final double lotSize;
  private final int amountDecimals;
  private final double amountScale;
  private final Shape shape;
  private final SplittableRandom random;
  private final Side bids = new Side(-1);
  private final Side asks = new Side(1);
  private final Side bidsAtStepStart = new Side(-1);
  private final Side asksAtStepStart = new Side(1);
  private long changeId;

  OrderBook(
      PriceGrid grid, double lotSize, Shape shape, SplittableRandom random, long firstChangeId) {
    this.grid = grid;
    this.priceDecimals = decimalsOf(grid.tickSize());
    this.lotSize = lotSize;
    this.amountDecimals = decimalsOf(lotSize);
    this.amountScale = Math.pow(10, amountDecimals);
    this.shape = shape;
    this.random = random;
    this.changeId = firstChangeId;
  }

  /** Where {@code price} falls on the grid, in ticks from 0 (fractional between two prices). */
  double ticks(double price) {
    return grid.position(price);
  }

  int priceDecimals() {
    return priceDecimals;
  }

  int amountDecimals() {
    return amountDecimals;
  }

  double price(long ticks) {
    return grid.priceAt(ticks);
  }

  /**
   * The amount as the double nearest its decimal value: 31 lots of 0.1 are 3.1, not
   * 3.1000000000000005.
   */
  double amount(long lots) {
    return Math.round(lots * lotSize * amountScale) / amountScale;
  }

  void beginStep() {
    bidsAtStepStart.copyFrom(bids);
    asksAtStepStart.copyFrom(asks);
  }

  boolean hasLevels(boolean bidSide) {
    return side(bidSide).size > 0;
  }

  long bestTicks(boolean bidSide) {
    return side(bidSide).ticksAt(0);
  }

  long bestLots(boolean bidSide) {
    return side(bidSide).lots[0];
  }

  /** The levels of one side, best first. */
  List<PriceLevel> levels(boolean bidSide) {
    Side side = side(bidSide);
    List<PriceLevel> levels = new ArrayList<>(side.size);
    for (int i = 0; i < side.size; i++) {
      levels.add(new PriceLevel(price(side.ticksAt(i)), amount(side.lots[i])));
    }
    return List.copyOf(levels);
  }

  /** Takes up to {@code lots} from the best level of one side; returns how much was filled. */
  long take(boolean bidSide, long lots) {
    Side side = side(bidSide);
    long filled = Math.min(lots, side.lots[0]);
    side.lots[0] -= filled;
    if (side.lots[0] == 0) {
      side.removeAt(0);
    }
    return filled;
  }

  /**
   * Market makers refresh the book: some levels change size or leave, then the best levels move to
   * {@code bestBidTicks}/{@code bestAskTicks} (anything better is pulled, so the book never
   * crosses), holes near the top are filled and the book is brought back to its depth. At least one
   * level always changes, so every step publishes a change.
   */
  void requote(long bestBidTicks, long bestAskTicks) {
    if (bestBidTicks < 1 || bestAskTicks <= bestBidTicks) {
      throw new IllegalArgumentException("bad quote " + bestBidTicks + "/" + bestAskTicks);
    }
    churn(bids);
    churn(asks);
    shape(bids, -bestBidTicks, -1);
    shape(asks, bestAskTicks, Long.MAX_VALUE);
    if (bids.sameLevels(bidsAtStepStart) && asks.sameLevels(asksAtStepStart)) {
      Side side = random.nextBoolean() ? bids : asks;
      int level = random.nextInt(side.size);
      side.lots[level] = side.lots[level] == 1 ? 2 : side.lots[level] - 1;
    }
  }

  void writeSnapshot(JsonWriter json, String instrumentName, long timestamp) {
    json.field("type", "snapshot")
        .field("timestamp", timestamp)
        .field("instrument_name", instrumentName)
        .field("change_id", changeId);
    writeSide(json, "bids", bids);
    writeSide(json, "asks", asks);
  }

  /** Writes this step's change and assigns it the next change id. */
  void writeChange(JsonWriter json, String instrumentName, long timestamp) {
    long previous = changeId;
    changeId += 1 + random.nextInt(MAX_CHANGE_ID_GAP);
    json.field("type", "change")
        .field("timestamp", timestamp)
        .field("prev_change_id", previous)
        .field("instrument_name", instrumentName)
        .field("change_id", changeId);
    writeDifference(json, "bids", bidsAtStepStart, bids);
    writeDifference(json, "asks", asksAtStepStart, asks);
  }

  private Side side(boolean bidSide) {
    return bidSide ? bids : asks;
  }

  private void churn(Side side) {
    for (int i = side.size - 1; i >= 0; i--) {
      double draw = random.nextDouble();
      if (draw < shape.churnProbability() * 0.7) {
        side.lots[i] = sampleLots();
      } else if (draw < shape.churnProbability()) {
        side.removeAt(i);
      }
    }
  }

  private void shape(Side side, long bestKey, long worstAllowedKey) {
    int better = 0;
    while (better < side.size && side.keys[better] < bestKey) {
      better++;
    }
    side.removeFirst(better);
    if (side.size == 0 || side.keys[0] != bestKey) {
      side.insertAt(0, bestKey, sampleLots());
    }
    int maxGap = shape.maxGapTicks();
    for (int i = 0; i + 1 < side.size && i + 1 < shape.depth(); i++) {
      if (side.keys[i + 1] - side.keys[i] > maxGap) {
        side.insertAt(i + 1, side.keys[i] + 1 + random.nextInt(maxGap), sampleLots());
      }
    }
    while (side.size < shape.depth()) {
      long next = side.keys[side.size - 1] + 1 + random.nextInt(maxGap);
      if (next > worstAllowedKey) {
        break;
      }
      side.insertAt(side.size, next, sampleLots());
    }
    side.size = Math.min(side.size, shape.depth());
  }

  private long sampleLots() {
    double lots = shape.medianLots() * Math.exp(shape.lotsSigma() * random.nextGaussian());
    return Math.max(1, Math.min(Math.round(lots), Math.round(shape.medianLots() * 100)));
  }

  private void writeSide(JsonWriter json, String name, Side side) {
    json.beginArray(name);
    for (int i = 0; i < side.size; i++) {
      writeLevel(json, "new", side.ticksAt(i), side.lots[i]);
    }
    json.endArray();
  }

  private void writeDifference(JsonWriter json, String name, Side before, Side after) {
    json.beginArray(name);
    int i = 0;
    int j = 0;
    while (i < before.size || j < after.size) {
      long beforeKey = i < before.size ? before.keys[i] : Long.MAX_VALUE;
      long afterKey = j < after.size ? after.keys[j] : Long.MAX_VALUE;
      if (beforeKey < afterKey) {
        writeLevel(json, "delete", before.ticksAt(i++), 0);
      } else if (afterKey < beforeKey) {
        writeLevel(json, "new", after.ticksAt(j), after.lots[j++]);
      } else {
        if (before.lots[i] != after.lots[j]) {
          writeLevel(json, "change", after.ticksAt(j), after.lots[j]);
        }
        i++;
        j++;
      }
    }
    json.endArray();
  }

  private void writeLevel(JsonWriter json, String action, long ticks, long lots) {
    json.beginArray()
        .value(action)
        .value(price(ticks), priceDecimals)
        .value(amount(lots), amountDecimals)
        .endArray();
  }

  private static int decimalsOf(double size) {
    return Math.max(1, BigDecimal.valueOf(size).stripTrailingZeros().scale());
  }

  /**
   * One side as parallel arrays sorted best first. Keys are {@code sign * ticks} (bids negated), so
   * both sides sort ascending and share every operation.
   */
  private static final class Side {
    private final int sign;
    private long[] keys = new long[32];
    private long[] lots = new long[32];
    private int size;

    Side(int sign) {
      this.sign = sign;
    }

    long ticksAt(int index) {
      return sign * keys[index];
    }

    void insertAt(int index, long key, long amount) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        lots = Arrays.copyOf(lots, size * 2);
      }
      System.arraycopy(keys, index, keys, index + 1, size - index);
      System.arraycopy(lots, index, lots, index + 1, size - index);
      keys[index] = key;
      lots[index] = amount;
      size++;
    }

    void removeAt(int index) {
      System.arraycopy(keys, index + 1, keys, index, size - index - 1);
      System.arraycopy(lots, index + 1, lots, index, size - index - 1);
      size--;
    }

    void removeFirst(int count) {
      System.arraycopy(keys, count, keys, 0, size - count);
      System.arraycopy(lots, count, lots, 0, size - count);
      size -= count;
    }

    void copyFrom(Side other) {
      if (keys.length < other.size) {
        keys = new long[other.keys.length];
        lots = new long[other.lots.length];
      }
      System.arraycopy(other.keys, 0, keys, 0, other.size);
      System.arraycopy(other.lots, 0, lots, 0, other.size);
      size = other.size;
    }

    boolean sameLevels(Side other) {
      return size == other.size
          && Arrays.equals(keys, 0, size, other.keys, 0, size)
          && Arrays.equals(lots, 0, size, other.lots, 0, size);
    }
  }
}
