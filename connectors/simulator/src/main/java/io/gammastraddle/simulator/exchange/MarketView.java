package io.gammastraddle.simulator.exchange;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The market the paper exchange trades against: instruments, the visible books, marks, index
 * prices, Greeks and delivery prices. Implemented for the simulated market and for a mirror of
 * Deribit's real books. Called only from the exchange's thread.
 */
public interface MarketView {

  /** The market's clock: every timestamp the exchange reports comes from here. */
  long nowMillis();

  /** The instrument's terms; empty for an instrument the market does not know. */
  Optional<InstrumentSpec> instrument(String name);

  /** The visible bids, best (highest) first. */
  List<PriceLevel> bids(String instrument);

  /** The visible asks, best (lowest) first. */
  List<PriceLevel> asks(String instrument);

  /** Mark price: coin per contract for options, USD for perpetuals and futures. */
  double markPrice(String instrument);

  /** The currency's USD index ({@code btc_usd} for {@code BTC}). */
  double indexPrice(String currency);

  /** Present once the instrument has settled: the USD price it settled at. */
  OptionalDouble deliveryPrice(String instrument);

  /** An option's Greeks as its ticker reports them; empty for other instruments. */
  Optional<OptionGreeks> greeks(String instrument);
}
