package io.gammastraddle.gamma.backtest;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.orders.InstrumentRules;
import io.gammastraddle.positions.ContractType;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionType;
import io.gammastraddle.simulator.exchange.InstrumentSpec;
import io.gammastraddle.simulator.exchange.MarketView;
import io.gammastraddle.simulator.exchange.OptionGreeks;
import io.gammastraddle.simulator.exchange.PriceLevel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The market as the job rebuilt it, for the backtest's paper exchange: the top level of each book
 * the book operator rebuilt, marks and Greeks from the tickers, and the price indexes. The exchange
 * matches against the top level only, the same level the strategy prices and splits its orders by.
 *
 * <p>Instrument terms come from the names and {@link InstrumentRules} (a recording holds no
 * instrument definitions). An instrument delivers at the first index price seen at or after its
 * expiry; Deribit settles on a 30-minute average of the index, which a recording's index feed
 * approximates only.
 */
final class RebuiltMarket implements MarketView {

  /** An index price and its event time. */
  private record IndexAt(long time, double price) {}

  private final Map<String, BookTop> tops = new HashMap<>();
  private final Map<String, Double> marks = new HashMap<>();
  private final Map<String, OptionGreeks> greeks = new HashMap<>();
  private final Map<String, IndexAt> indexes = new HashMap<>();
  private final Map<String, Double> deliveries = new HashMap<>();
  private final Map<String, Optional<InstrumentSpec>> specs = new HashMap<>();
  private long nowMillis;

  /** Moves the market's clock to {@code millis} (event time); it never goes back. */
  void advanceTo(long millis) {
    nowMillis = Math.max(nowMillis, millis);
  }

  /** Takes in what {@code event} says about books, marks and the index. */
  void update(UnderlyingEvent event) {
    if (event.top() != null) {
      tops.put(event.top().instrument(), event.top());
    } else if (event.optionTicker() != null) {
      OptionTicker ticker = event.optionTicker();
      marks.put(ticker.instrument(), ticker.markPrice());
      // The option ticker the chain keeps carries no theta; the exchange reports it only in the
      // account summary's options_theta, which the strategy does not read.
      greeks.put(
          ticker.instrument(), new OptionGreeks(ticker.delta(), ticker.gamma(), ticker.vega(), 0));
    } else if (event.ticker() != null) {
      Ticker ticker = event.ticker();
      marks.put(ticker.instrument(), ticker.markPrice());
      indexes.put(ticker.underlying(), new IndexAt(ticker.timestamp(), ticker.indexPrice()));
    } else if (event.index() != null) {
      indexes.put(
          event.index().underlying(),
          new IndexAt(event.index().timestamp(), event.index().price()));
    }
  }

  @Override
  public long nowMillis() {
    return nowMillis;
  }

  @Override
  public Optional<InstrumentSpec> instrument(String name) {
    return specs.computeIfAbsent(name, RebuiltMarket::spec);
  }

  @Override
  public List<PriceLevel> bids(String instrument) {
    BookTop top = usableTop(instrument);
    return top == null || !(top.bestBid() > 0)
        ? List.of()
        : List.of(new PriceLevel(top.bestBid(), top.bestBidAmount()));
  }

  @Override
  public List<PriceLevel> asks(String instrument) {
    BookTop top = usableTop(instrument);
    return top == null || !(top.bestAsk() > 0)
        ? List.of()
        : List.of(new PriceLevel(top.bestAsk(), top.bestAskAmount()));
  }

  @Override
  public double markPrice(String instrument) {
    Double mark = marks.get(instrument);
    if (mark != null && mark > 0) {
      return mark;
    }
    BookTop top = tops.get(instrument);
    return top == null ? Double.NaN : top.mid();
  }

  @Override
  public double indexPrice(String currency) {
    IndexAt index = indexes.get(currency);
    return index == null ? Double.NaN : index.price();
  }

  @Override
  public OptionalDouble deliveryPrice(String instrument) {
    Optional<InstrumentSpec> spec = instrument(instrument);
    if (spec.isEmpty() || nowMillis < spec.get().expirationMillis()) {
      return OptionalDouble.empty();
    }
    Double price =
        deliveries.computeIfAbsent(
            instrument,
            name -> {
              IndexAt index = indexes.get(spec.get().currency());
              boolean seenSinceExpiry =
                  index != null
                      && index.time() >= spec.get().expirationMillis()
                      && Double.isFinite(index.price());
              return seenSinceExpiry ? index.price() : null;
            });
    return price == null ? OptionalDouble.empty() : OptionalDouble.of(price);
  }

  @Override
  public Optional<OptionGreeks> greeks(String instrument) {
    return Optional.ofNullable(greeks.get(instrument));
  }

  /** A book the job knows and trusts: a stale book (missed updates) offers nothing. */
  private BookTop usableTop(String instrument) {
    BookTop top = tops.get(instrument);
    return top == null || top.stale() ? null : top;
  }

  private static Optional<InstrumentSpec> spec(String name) {
    String currency = ContractType.currencyOf(name);
    try {
      if (name.endsWith("-PERPETUAL")) {
        InstrumentRules rules = InstrumentRules.perpetual(currency);
        return Optional.of(
            new InstrumentSpec(
                name,
                currency,
                InstrumentSpec.Kind.PERPETUAL,
                rules.priceGrid(),
                rules.minAmount(),
                rules.amountStep(),
                Long.MAX_VALUE,
                Double.NaN,
                null));
      }
      OptionContract contract = OptionContract.parse(name);
      InstrumentRules rules = InstrumentRules.option(currency, name);
      return Optional.of(
          new InstrumentSpec(
              name,
              currency,
              InstrumentSpec.Kind.OPTION,
              rules.priceGrid(),
              rules.minAmount(),
              1,
              contract.expiryMillis(),
              contract.strike(),
              contract.type() == OptionType.CALL ? "call" : "put"));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
