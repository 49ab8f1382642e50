package io.gammastraddle.orders;

import io.gammastraddle.market.InstrumentKind;
import java.util.Objects;

/**
 * What the venue accepts for one instrument: prices on its tick grid, amounts of at least {@code
 * minAmount} in multiples of {@code amountStep}.
 *
 * <p>Deribit's option ticks depend on the price: an instrument reports a base {@code tick_size} and
 * {@code tick_size_steps} such as {@code [{"above_price": 0.005, "tick_size": 0.0005}]} for BTC and
 * ETH options (0.0001 coin below 0.005, 0.0005 from 0.005 up; seen in real {@code
 * public/get_instruments} responses quoted in public repositories, e.g. ETH-6JUL25-1500-C, testnet
 * false). One coarser step is all Deribit uses on these options, so the record holds one: {@code
 * coarseTickFrom} is the price from which {@code coarseTickSize} applies ({@link
 * Double#POSITIVE_INFINITY} when the tick is flat). The simulator's paper exchange keeps the same
 * grid (its {@code PriceGrid}).
 *
 * @param instrument Deribit instrument name
 * @param kind option or perpetual (amounts in coin for options, USD for the perpetual)
 * @param tickSize price tick below {@code coarseTickFrom}: coin for options, USD for perpetuals
 * @param coarseTickFrom price from which the coarser tick applies; a multiple of both ticks
 * @param coarseTickSize tick from {@code coarseTickFrom} up; a multiple of {@code tickSize}
 * @param minAmount smallest order amount ({@code min_trade_amount})
 * @param amountStep amounts are multiples of this: {@code min_trade_amount} for options (their
 *     contract is 1 coin but they trade in tenths of BTC, whole ETH), {@code contract_size} for
 *     perpetuals (10 USD for BTC, 1 USD for ETH)
 */
public record InstrumentRules(
    String instrument,
    InstrumentKind kind,
    double tickSize,
    double coarseTickFrom,
    double coarseTickSize,
    double minAmount,
    double amountStep) {

  /** Deribit's option ticks: 0.0001 coin, 0.0005 from 0.005 coin (BTC and ETH alike). */
  private static final double OPTION_TICK = 0.0001;

  private static final double OPTION_COARSE_TICK_FROM = 0.005;
  private static final double OPTION_COARSE_TICK = 0.0005;

  public InstrumentRules {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(kind, "kind");
    requirePositive("tickSize", tickSize, instrument);
    requirePositive("coarseTickSize", coarseTickSize, instrument);
    requirePositive("minAmount", minAmount, instrument);
    requirePositive("amountStep", amountStep, instrument);
    if (!(coarseTickFrom > 0)) {
      throw new IllegalArgumentException(
          instrument + ": coarseTickFrom must be positive (infinite for a flat tick)");
    }
    if (!Grid.isMultiple(coarseTickSize, tickSize)) {
      throw new IllegalArgumentException(
          instrument + ": coarse tick " + coarseTickSize + " is not a multiple of " + tickSize);
    }
    if (Double.isFinite(coarseTickFrom) && !Grid.isMultiple(coarseTickFrom, coarseTickSize)) {
      // Rounding relies on the threshold lying on both grids: then rounding down from above it
      // never lands below it, and rounding up from below it never lands above it.
      throw new IllegalArgumentException(
          instrument + ": coarse tick threshold " + coarseTickFrom + " is off its own grid");
    }
    if (!Grid.isMultiple(minAmount, amountStep)) {
      throw new IllegalArgumentException(
          instrument + ": minimum amount " + minAmount + " is not a multiple of " + amountStep);
    }
  }

  /**
   * The rules of a BTC or ETH option: ticks as above; amounts in coin, BTC from 0.1 in steps of
   * 0.1, ETH from 1 in steps of 1 ({@code min_trade_amount} in Deribit's instrument definitions).
   */
  public static InstrumentRules option(String underlying, String instrument) {
    Objects.requireNonNull(instrument, "instrument");
    double lot =
        switch (underlying) {
          case "BTC" -> 0.1;
          case "ETH" -> 1;
          default -> throw unknownUnderlying(underlying);
        };
    if (!instrument.startsWith(underlying + "-")) {
      throw new IllegalArgumentException(instrument + " is not an option on " + underlying);
    }
    return new InstrumentRules(
        instrument,
        InstrumentKind.OPTION,
        OPTION_TICK,
        OPTION_COARSE_TICK_FROM,
        OPTION_COARSE_TICK,
        lot,
        lot);
  }

  /**
   * The rules of BTC-PERPETUAL (tick 0.5 USD, amounts in 10 USD contracts) or ETH-PERPETUAL (tick
   * 0.05 USD, 1 USD contracts), as {@code public/get_instruments} reports them.
   */
  public static InstrumentRules perpetual(String underlying) {
    return switch (underlying) {
      case "BTC" -> flat("BTC-PERPETUAL", 0.5, 10);
      case "ETH" -> flat("ETH-PERPETUAL", 0.05, 1);
      default -> throw unknownUnderlying(underlying);
    };
  }

  /** The tick that applies at {@code price}. */
  public double tickAt(double price) {
    return price >= coarseTickFrom ? coarseTickSize : tickSize;
  }

  public boolean isOnTick(double price) {
    return price > 0 && Grid.isMultiple(price, tickAt(price));
  }

  /** The highest valid price not above {@code price}. */
  public double roundDown(double price) {
    return Grid.floor(price, tickAt(price));
  }

  /** The lowest valid price not below {@code price}. */
  public double roundUp(double price) {
    // Below the threshold the fine grid applies, and it reaches the threshold exactly.
    return Grid.ceil(price, price > coarseTickFrom ? coarseTickSize : tickSize);
  }

  /**
   * {@code price} rounded to a valid price on the side that costs us less: down for a buy, up for a
   * sell. A limit or cap rounded this way never pays more than it was meant to.
   */
  public double roundPassive(Side side, double price) {
    return side == Side.BUY ? roundDown(price) : roundUp(price);
  }

  /** {@code amount} rounded down to the amount step (possibly below the minimum, even zero). */
  public double roundAmountDown(double amount) {
    return Grid.floor(amount, amountStep);
  }

  /** Whether the venue accepts an order of {@code amount}: at least the minimum, on the step. */
  public boolean isValidAmount(double amount) {
    return amount >= minAmount - amountStep * 1e-9 && Grid.isMultiple(amount, amountStep);
  }

  private static InstrumentRules flat(String instrument, double tick, double contract) {
    return new InstrumentRules(
        instrument,
        InstrumentKind.PERPETUAL,
        tick,
        Double.POSITIVE_INFINITY,
        tick,
        contract,
        contract);
  }

  private static IllegalArgumentException unknownUnderlying(String underlying) {
    return new IllegalArgumentException("No Deribit rules for underlying " + underlying);
  }

  private static void requirePositive(String name, double value, String instrument) {
    if (!(value > 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(instrument + ": " + name + " must be positive: " + value);
    }
  }
}
