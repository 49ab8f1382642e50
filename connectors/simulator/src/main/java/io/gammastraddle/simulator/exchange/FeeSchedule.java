package io.gammastraddle.simulator.exchange;

/**
 * Deribit's maker/taker fees, charged in the instrument's currency.
 *
 * <p>Numbers from Deribit's "Fees" article (support.deribit.com, article 25944746248989): BTC and
 * ETH futures and perpetuals 0.00% maker, 0.05% taker, of the underlying (a 50,000 USD trade at
 * 100,000 pays 0.05% of 0.5 BTC); BTC and ETH options 0.03% of the underlying, i.e. 0.0003 coin per
 * contract, maker and taker alike, "capped at 12.5% of the options price" (an option traded at
 * 0.0001 BTC pays 0.0000125 BTC). Delivery at expiry costs half the taker fee, for options never
 * more than 12.5% of the option's value (deribit.com/pages/docs, "Delivery"). Not modelled: the
 * -0.01% maker rebate of weekly futures.
 *
 * @param futureMakerRate fraction of the notional in coin for a maker fill (negative: rebate)
 * @param futureTakerRate fraction of the notional in coin for a taker fill
 * @param optionRate coin per option contract of one coin, maker and taker
 * @param optionCap the option fee's cap as a fraction of the option's price (or value)
 */
public record FeeSchedule(
    double futureMakerRate, double futureTakerRate, double optionRate, double optionCap) {

  /** Deribit's current schedule for BTC and ETH. */
  public static FeeSchedule deribit() {
    return new FeeSchedule(0.0, 0.0005, 0.0003, 0.125);
  }

  /** The fee of one fill of {@code amount} at {@code price}. */
  public double tradeFee(InstrumentSpec instrument, double price, double amount, boolean maker) {
    if (instrument.isOption()) {
      return Math.min(optionRate * amount, optionCap * price * amount);
    }
    return (maker ? futureMakerRate : futureTakerRate) * amount / price;
  }

  /** The fee of delivering a position of {@code amount} (absolute size) at expiry. */
  public double deliveryFee(InstrumentSpec instrument, double amount, double deliveryPrice) {
    if (instrument.isOption()) {
      return Math.min(
          optionRate / 2 * amount, optionCap * instrument.payoffAt(deliveryPrice) * amount);
    }
    return futureTakerRate / 2 * amount / deliveryPrice;
  }
}
