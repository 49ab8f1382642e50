package io.gammastraddle.simulator;

import io.gammastraddle.simulator.exchange.InstrumentSpec;
import io.gammastraddle.simulator.exchange.MarketView;
import io.gammastraddle.simulator.exchange.OptionGreeks;
import io.gammastraddle.simulator.exchange.PriceLevel;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The generated market as the paper exchange sees it. */
final class SimulatedMarketView implements MarketView {
  private final SimulatedMarket market;

  SimulatedMarketView(SimulatedMarket market) {
    this.market = market;
  }

  @Override
  public long nowMillis() {
    return market.nowMillis();
  }

  @Override
  public Optional<InstrumentSpec> instrument(String name) {
    return market.instrument(name).map(SimulatedMarketView::spec);
  }

  @Override
  public List<PriceLevel> bids(String instrument) {
    return market.bids(instrument);
  }

  @Override
  public List<PriceLevel> asks(String instrument) {
    return market.asks(instrument);
  }

  @Override
  public double markPrice(String instrument) {
    return market.markPrice(instrument);
  }

  @Override
  public double indexPrice(String currency) {
    return market.indexPrice(currency);
  }

  @Override
  public OptionalDouble deliveryPrice(String instrument) {
    return market.deliveryPrice(instrument);
  }

  @Override
  public Optional<OptionGreeks> greeks(String instrument) {
    return market
        .optionValue(instrument)
        .map(value -> new OptionGreeks(value.delta(), value.gamma(), value.vega(), value.theta()));
  }

  static InstrumentSpec spec(Instrument instrument) {
    boolean option = instrument.isOption();
    return new InstrumentSpec(
        instrument.name(),
        instrument.currency(),
        option ? InstrumentSpec.Kind.OPTION : InstrumentSpec.Kind.PERPETUAL,
        instrument.priceGrid(),
        instrument.minTradeAmount(),
        instrument.contractSize(),
        option ? instrument.expirationTimestamp() : Long.MAX_VALUE,
        option ? instrument.strike() : Double.NaN,
        switch (instrument.kind()) {
          case CALL -> "call";
          case PUT -> "put";
          case PERPETUAL -> null;
        });
  }
}
