package io.gammastraddle.orders;

import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.PriceGrid;
import java.util.Objects;

/**
 * What the venue accepts for one instrument: prices on its {@link PriceGrid}, amounts of at least
 * {@code minAmount} in multiples of {@code amountStep}.
 *
 * <p>Deribit's BTC and ETH options have a stepped grid ({@link PriceGrid#deribitOption()}: 0.0001
 * coin up to and including 0.005, 0.0005 above); perpetuals a flat one. The simulator's paper
 * exchange checks orders against the same grid.
 *
 * @param instrument Deribit instrument name
 * @param kind option or perpetual (amounts in coin for options, USD for the perpetual)
 * @param priceGrid the valid prices: coin for options, USD for perpetuals
 * @param minAmount smallest order amount ({@code min_trade_amount})
 * @param amountStep amounts are multiples of this: {@code min_trade_amount} for options (their
 *     contract is 1 coin but they trade in tenths of BTC, whole ETH), {@code contract_size} for
 *     perpetuals (10 USD for BTC, 1 USD for ETH)
 */
public record InstrumentRules(
    String instrument,
    InstrumentKind kind,
    PriceGrid priceGrid,
    double minAmount,
    double amountStep) {

  public InstrumentRules {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(priceGrid, "priceGrid");
    requirePositive("minAmount", minAmount, instrument);
    requirePositive("amountStep", amountStep, instrument);
    if (!amountGrid(amountStep).isOnTick(minAmount)) {
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
        instrument, InstrumentKind.OPTION, PriceGrid.deribitOption(), lot, lot);
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

  /** The tick that applies at {@code price}; a threshold takes the finer tick below it. */
  public double tickAt(double price) {
    return priceGrid.tickAt(price);
  }

  /** Whether {@code price} is positive and a multiple of the tick at its level. */
  public boolean isOnTick(double price) {
    return priceGrid.isOnTick(price);
  }

  /** The highest valid price not above {@code price}. */
  public double roundDown(double price) {
    return priceGrid.floor(price);
  }

  /** The lowest valid price not below {@code price}. */
  public double roundUp(double price) {
    return priceGrid.ceil(price);
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
    return amountGrid(amountStep).floor(amount);
  }

  /** Whether {@code amount} is a positive multiple of the amount step. */
  public boolean isOnAmountStep(double amount) {
    return amountGrid(amountStep).isOnTick(amount);
  }

  /** Whether the venue accepts an order of {@code amount}: at least the minimum, on the step. */
  public boolean isValidAmount(double amount) {
    return amount >= minAmount - amountStep * 1e-9 && isOnAmountStep(amount);
  }

  /** Amounts lie on a flat grid of their step, so the price grid's rounding serves them too. */
  private static PriceGrid amountGrid(double amountStep) {
    return PriceGrid.flat(amountStep);
  }

  private static InstrumentRules flat(String instrument, double tick, double contract) {
    return new InstrumentRules(
        instrument, InstrumentKind.PERPETUAL, PriceGrid.flat(tick), contract, contract);
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
