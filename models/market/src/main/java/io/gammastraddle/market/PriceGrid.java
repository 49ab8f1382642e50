package io.gammastraddle.market;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The prices an instrument accepts, as {@code public/get_instruments} reports them in {@code
 * tick_size} and {@code tick_size_steps}: multiples of {@code tickSize}, and above each step's
 * {@code abovePrice} multiples of that step's coarser tick. Deribit's BTC and ETH options have
 * {@code tick_size} 0.0001 and one step {@code {"above_price": 0.005, "tick_size": 0.0005}}
 * (Deribit support, "6 July 2023 (TS)": "if price <= 0.005 then the tick size is 0.0001, if price >
 * 0.005 then the tick size is 0.0005"); perpetuals have no steps. A threshold itself thus takes the
 * finer tick, and lies on both grids.
 *
 * <p>The simulator's books and order checks and the order engine's rounding share this one grid. It
 * refuses steps that rounding could not honour: each step's tick must be a multiple of the tick
 * below it and each {@code abovePrice} must lie on the step's own grid, so that rounding down from
 * above a threshold never lands below it and rounding up from below it never lands above it.
 *
 * @param tickSize the tick up to the first step: USD for perpetuals and futures, coin for options
 * @param steps coarser ticks by ascending {@code abovePrice}; empty for a flat grid
 */
public record PriceGrid(double tickSize, List<Step> steps) {
  /** Differences below this many ticks are binary noise (0.3 / 0.1 = 2.9999999999999996). */
  private static final double TOLERANCE_TICKS = 1e-6;

  /**
   * One element of {@code tick_size_steps}: prices above {@code abovePrice} are multiples of {@code
   * tickSize}.
   */
  public record Step(double abovePrice, double tickSize) {}

  public PriceGrid {
    if (!(tickSize > 0) || Double.isInfinite(tickSize)) {
      throw new IllegalArgumentException("tick size must be positive: " + tickSize);
    }
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    double previousPrice = 0;
    double previousTick = tickSize;
    for (Step step : steps) {
      if (!(step.abovePrice() > previousPrice) || !(step.tickSize() > 0)) {
        throw new IllegalArgumentException("steps must rise and have positive ticks: " + steps);
      }
      if (!isMultiple(step.tickSize(), previousTick)) {
        throw new IllegalArgumentException(
            "step tick " + step.tickSize() + " is not a multiple of the tick below it: " + steps);
      }
      if (!isMultiple(step.abovePrice(), step.tickSize())) {
        throw new IllegalArgumentException(
            "step threshold " + step.abovePrice() + " is off its own grid: " + steps);
      }
      previousPrice = step.abovePrice();
      previousTick = step.tickSize();
    }
  }

  /** A grid with one tick at every price, e.g. a perpetual's. */
  public static PriceGrid flat(double tickSize) {
    return new PriceGrid(tickSize, List.of());
  }

  /** Deribit's BTC and ETH option grid: 0.0001 coin up to 0.005, 0.0005 above. */
  public static PriceGrid deribitOption() {
    return new PriceGrid(0.0001, List.of(new Step(0.005, 0.0005)));
  }

  /** The tick that applies at {@code price}: that of the last step {@code price} is above. */
  public double tickAt(double price) {
    return tickFrom(price, false);
  }

  /** Whether {@code price} is positive and a multiple of the tick at its level. */
  public boolean isOnTick(double price) {
    return price > 0 && isMultiple(price, tickAt(price));
  }

  /** The highest valid price not above {@code price} (0 below the smallest tick). */
  public double floor(double price) {
    // a threshold lies on the coarser grid above it, so this never skips past it
    double tick = tickAt(price);
    return decimal(Math.floor(price / tick + TOLERANCE_TICKS), tick);
  }

  /** The lowest valid price not below {@code price}. */
  public double ceil(double price) {
    // the finer tick up to a threshold reaches it exactly
    double tick = tickAt(price);
    return decimal(Math.ceil(price / tick - TOLERANCE_TICKS), tick);
  }

  /** The valid price nearest to {@code price} (0 for a price below half the smallest tick). */
  public double nearest(double price) {
    double tick = tickAt(price);
    return decimal(Math.rint(price / tick), tick);
  }

  /** The highest valid price strictly below {@code price}; 0 if there is none. */
  public double below(double price) {
    double tick = tickAt(price);
    return decimal(Math.ceil(price / tick - TOLERANCE_TICKS) - 1, tick);
  }

  /** The lowest valid price strictly above {@code price}. */
  public double above(double price) {
    // the tick of the prices just above: a price on a step's threshold is followed by its tick
    double tick = tickFrom(price, true);
    return decimal(Math.floor(price / tick + TOLERANCE_TICKS) + 1, tick);
  }

  /**
   * The valid price at {@code position}, counting valid prices from 0 at position 0: a book keeps
   * its levels as positions so that one level apart is one tick apart at every price. Positions
   * need a {@code tickSize} that divides 1, so that prices come out as exact decimals.
   */
  public double priceAt(long position) {
    long unitsPerOne = unitsPerOne();
    long regionPosition = 0;
    long regionUnits = 0;
    long tickUnits = 1;
    for (Step step : steps) {
      long stepUnits = units(step.abovePrice());
      long stepPosition = regionPosition + (stepUnits - regionUnits) / tickUnits;
      if (position <= stepPosition) {
        break;
      }
      regionPosition = stepPosition;
      regionUnits = stepUnits;
      tickUnits = units(step.tickSize());
    }
    return (regionUnits + (position - regionPosition) * tickUnits) / (double) unitsPerOne;
  }

  /** Where {@code price} falls between the positions of {@link #priceAt}, as a fraction. */
  public double position(double price) {
    double priceUnits = price * unitsPerOne();
    long regionPosition = 0;
    long regionUnits = 0;
    long tickUnits = 1;
    for (Step step : steps) {
      long stepUnits = units(step.abovePrice());
      if (priceUnits <= stepUnits) {
        break;
      }
      regionPosition += (stepUnits - regionUnits) / tickUnits;
      regionUnits = stepUnits;
      tickUnits = units(step.tickSize());
    }
    return regionPosition + (priceUnits - regionUnits) / tickUnits;
  }

  private double tickFrom(double price, boolean includingThreshold) {
    double tolerance = tickSize * TOLERANCE_TICKS;
    double tick = tickSize;
    for (Step step : steps) {
      boolean reached =
          includingThreshold
              ? price > step.abovePrice() - tolerance
              : price > step.abovePrice() + tolerance;
      if (!reached) {
        break;
      }
      tick = step.tickSize();
    }
    return tick;
  }

  /** {@code value} in multiples of {@code tickSize}. */
  private long units(double value) {
    return Math.round(value / tickSize);
  }

  private long unitsPerOne() {
    long units = Math.round(1 / tickSize);
    if (Math.abs(units * tickSize - 1) > 1e-9) {
      throw new IllegalStateException("grid positions need a tick that divides 1: " + tickSize);
    }
    return units;
  }

  private static boolean isMultiple(double value, double tick) {
    double ticks = value / tick;
    return Math.abs(ticks - Math.rint(ticks)) < TOLERANCE_TICKS;
  }

  /** {@code ticks} times {@code tick} as the decimal it stands for. */
  private static double decimal(double ticks, double tick) {
    return BigDecimal.valueOf(ticks).multiply(BigDecimal.valueOf(tick)).doubleValue();
  }
}
