package io.gammastraddle.simulator.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * One currency of an account valued at the market's marks: what {@code user.portfolio}, {@code
 * private/get_account_summary} and {@code private/get_positions} report, and what the funds check
 * compares.
 *
 * <p>Deribit's identities, checked on its account summary example: equity = balance + futures
 * session P&L (realized and unrealized) + options value; margin balance = equity - options value
 * (long options are not collateral); available funds = margin balance - initial margin.
 *
 * <p>Greeks come from the market's option tickers, per position: gamma, vega and theta are size
 * times the ticker's; delta in coin is size times the premium-adjusted delta (ticker delta minus
 * the option's coin price, the hedge ratio of a coin-margined book); a perpetual's or future's
 * delta is its size in coin, size / mark.
 */
record Valuation(
    Ledger ledger, List<PositionValue> positions, double initialMargin, double maintenanceMargin) {

  /** One position at the mark, with its Greeks (totals for the position) and margin. */
  record PositionValue(
      Position position,
      double markPrice,
      double indexPrice,
      double delta,
      double gamma,
      double vega,
      double theta,
      MarginRules.Requirement margin) {

    double floatingPnl() {
      return position.floatingPnl(markPrice);
    }

    boolean isOption() {
      return position.instrument().isOption();
    }
  }

  private static final OptionGreeks NO_GREEKS = new OptionGreeks(0, 0, 0, 0);

  static Valuation of(
      Ledger ledger, List<RestingOrder> orders, MarketView market, FeeSchedule fees) {
    Map<String, InstrumentSpec> instruments = new TreeMap<>();
    Map<String, List<RestingOrder>> ordersByInstrument = new TreeMap<>();
    ledger
        .positions()
        .values()
        .forEach(p -> instruments.put(p.instrument().name(), p.instrument()));
    for (RestingOrder order : orders) {
      instruments.put(order.instrument().name(), order.instrument());
      ordersByInstrument
          .computeIfAbsent(order.instrument().name(), n -> new ArrayList<>())
          .add(order);
    }
    double indexPrice = market.indexPrice(ledger.currency());
    List<PositionValue> values = new ArrayList<>();
    double initial = 0;
    double maintenance = 0;
    for (InstrumentSpec instrument : instruments.values()) {
      String name = instrument.name();
      double markPrice = market.markPrice(name);
      MarginRules.Requirement margin =
          MarginRules.of(
              instrument,
              ledger.size(name),
              ordersByInstrument.getOrDefault(name, List.of()),
              markPrice,
              indexPrice,
              fees);
      initial += margin.initial();
      maintenance += margin.maintenance();
      ledger
          .position(name)
          .ifPresent(
              position -> values.add(value(position, markPrice, indexPrice, margin, market)));
    }
    return new Valuation(ledger, List.copyOf(values), initial, maintenance);
  }

  private static PositionValue value(
      Position position,
      double markPrice,
      double indexPrice,
      MarginRules.Requirement margin,
      MarketView market) {
    double size = position.size();
    if (!position.instrument().isOption()) {
      return new PositionValue(position, markPrice, indexPrice, size / markPrice, 0, 0, 0, margin);
    }
    OptionGreeks greeks = market.greeks(position.instrument().name()).orElse(NO_GREEKS);
    return new PositionValue(
        position,
        markPrice,
        indexPrice,
        size * (greeks.delta() - markPrice),
        size * greeks.gamma(),
        size * greeks.vega(),
        size * greeks.theta(),
        margin);
  }

  double balance() {
    return ledger.balance();
  }

  double futuresSessionUpl() {
    return sum(false, PositionValue::floatingPnl);
  }

  double futuresSessionRpl() {
    return sum(false, value -> value.position().realizedPnl());
  }

  double optionsSessionUpl() {
    return sum(true, PositionValue::floatingPnl);
  }

  double optionsSessionRpl() {
    return sum(true, value -> value.position().realizedPnl());
  }

  /** Mark value of the option positions: positive long, negative short. */
  double optionsValue() {
    return sum(true, value -> value.position().size() * value.markPrice());
  }

  double optionsDelta() {
    return sum(true, PositionValue::delta);
  }

  double optionsGamma() {
    return sum(true, PositionValue::gamma);
  }

  double optionsVega() {
    return sum(true, PositionValue::vega);
  }

  double optionsTheta() {
    return sum(true, PositionValue::theta);
  }

  double deltaTotal() {
    return sum(false, PositionValue::delta) + optionsDelta();
  }

  double equity() {
    return balance() + futuresSessionUpl() + futuresSessionRpl() + optionsValue();
  }

  double marginBalance() {
    return equity() - optionsValue();
  }

  double availableFunds() {
    return marginBalance() - initialMargin;
  }

  /** Unrealized gains cannot be withdrawn, losses reduce what can. */
  double availableWithdrawalFunds() {
    return Math.min(balance(), marginBalance()) - initialMargin;
  }

  double futuresPl() {
    return ledger.settledFuturesPnl() + futuresSessionRpl() + futuresSessionUpl();
  }

  double optionsPl() {
    return ledger.settledOptionsPnl() + optionsSessionRpl() + optionsSessionUpl();
  }

  private double sum(boolean options, ToDoubleFunction<PositionValue> quantity) {
    double total = 0;
    for (PositionValue value : positions) {
      if (value.isOption() == options) {
        total += quantity.applyAsDouble(value);
      }
    }
    return total;
  }
}
