package io.gammastraddle.gamma.strategy;

import io.gammastraddle.book.BookState;
import io.gammastraddle.book.BookTop;
import io.gammastraddle.book.Levels;
import io.gammastraddle.book.OrderBook;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.deribit.user.AccountSnapshot;
import io.gammastraddle.deribit.user.PositionsSnapshot;
import io.gammastraddle.deribit.user.UserEvent;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.alerts.Signal;
import io.gammastraddle.gamma.scoring.PredictionEvent;
import io.gammastraddle.hedging.HedgeDecision;
import io.gammastraddle.hedging.Hedger;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.orders.InstrumentRules;
import io.gammastraddle.orders.Leg;
import io.gammastraddle.orders.LeggingStep;
import io.gammastraddle.orders.OrderAction;
import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.orders.OrderLabel;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.orders.OrderStep;
import io.gammastraddle.orders.OrderTactics;
import io.gammastraddle.orders.OrderUpdate;
import io.gammastraddle.orders.Side;
import io.gammastraddle.orders.StraddleLegging;
import io.gammastraddle.orders.WorkingOrder;
import io.gammastraddle.positions.InstrumentPosition;
import io.gammastraddle.positions.OptionRisk;
import io.gammastraddle.positions.PnlSummary;
import io.gammastraddle.positions.PortfolioGreeks;
import io.gammastraddle.positions.Positions;
import io.gammastraddle.positions.SizeDifference;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.risk.Exposure;
import io.gammastraddle.risk.KillSwitchEvent;
import io.gammastraddle.risk.KillSwitchMode;
import io.gammastraddle.risk.MarketSnapshot;
import io.gammastraddle.risk.OrderProposal;
import io.gammastraddle.risk.RejectionCounters;
import io.gammastraddle.risk.RiskDecision;
import io.gammastraddle.risk.RiskManager;
import io.gammastraddle.strategy.EntryDecision;
import io.gammastraddle.strategy.ExitDecision;
import io.gammastraddle.strategy.OpenStraddle;
import io.gammastraddle.strategy.PredictedParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trading loop of one underlying, in plain Java: the strategy operator hands it each event with
 * the underlying's {@link TradingState} and forwards what it decides. Every decision is a function
 * of the state and the event (event time), so a replay after a restart decides the same orders with
 * the same labels.
 *
 * <p>On every event it works, in order: the entry being bought ({@link StraddleLegging}), the exits
 * of held straddles ({@link io.gammastraddle.strategy.StraddleExit} on the legs' mark value, then
 * two reduce-only sells), the delta hedge ({@link Hedger} with a perpetual {@link WorkingOrder}),
 * and the kill switch on the account's equity. A prediction may start an entry ({@link
 * io.gammastraddle.strategy.EntrySignal}, sized by the prediction on the account's equity). Every
 * new risk passes the {@link RiskManager} first.
 *
 * <p>Books: the strategy sees each instrument's top of book ({@link BookTop}), so an order's
 * children are split by the amount visible at the best price, never by deeper levels.
 */
public final class Trader {

  /** What the loop produces besides orders. */
  public interface Output {
    void order(OrderIntent intent);

    void alert(String type, String message, long time);

    /**
     * A fact for the alert patterns, each time it happens: unlike {@link #alert}, never held back
     * because the previous one said the same.
     */
    void signal(Signal.Kind kind, String detail, long time);

    void status(TradingStatus status);

    /** An entry the signal turned down, with every gate that failed. */
    void skipped(EntryDecision decision);
  }

  private static final double DAYS_PER_YEAR = 365;
  private static final long MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

  private final String underlying;
  private final TradingRules rules;
  private final Hedger hedger;
  private final InstrumentRules perpetual;
  private final RejectionCounters rejections;

  public Trader(String underlying, TradingRules rules, RejectionCounters rejections) {
    this.underlying = underlying;
    this.rules = rules;
    this.perpetual = InstrumentRules.perpetual(underlying);
    this.hedger = new Hedger(rules.hedging(), perpetual);
    this.rejections = rejections;
  }

  /**
   * A market event: remembered if the strategy uses it, then the loop works. Returns whether the
   * state changed.
   */
  public boolean onMarket(TradingState state, UnderlyingEvent event, Output out) {
    long now = event.timestamp();
    long receivedNanos = 0;
    if (event.index() != null) {
      state.indexPrice = event.index().price();
      state.indexTime = now;
      receivedNanos = event.index().receivedNanos();
    } else if (event.ticker() != null && event.ticker().kind() == InstrumentKind.PERPETUAL) {
      state.perpetualMark = event.ticker().markPrice();
      receivedNanos = event.ticker().receivedNanos();
    } else if (event.top() != null) {
      if (!isTraded(state, event.top().instrument())) {
        return false;
      }
      state.books.put(event.top().instrument(), event.top());
      receivedNanos = event.top().receivedNanos();
    } else if (event.optionTicker() != null) {
      OptionTicker ticker = event.optionTicker();
      if (!isTraded(state, ticker.instrument())) {
        return false;
      }
      state.options.put(ticker.instrument(), ticker);
      receivedNanos = ticker.receivedNanos();
    } else if (event.straddle() != null) {
      state.straddle = event.straddle();
      forgetUntraded(state);
    } else if (event.vector() != null) {
      state.vector = event.vector();
    } else {
      return false;
    }
    work(state, now, receivedNanos, out);
    if (event.vector() != null) {
      tryEntry(state, now, out);
    }
    return true;
  }

  /**
   * A prediction: the moment to consider an entry. The prediction and its feature vector travel
   * different paths, so whichever of the two arrives second tries the entry.
   */
  public void onPrediction(TradingState state, PredictionEvent prediction, Output out) {
    state.prediction =
        new PredictedParameters(
            underlying,
            prediction.timestamp(),
            prediction.size(),
            prediction.takeProfit(),
            prediction.stopLoss(),
            prediction.fallback(),
            prediction.modelVersion());
    work(state, prediction.timestamp(), 0, out);
    tryEntry(state, prediction.timestamp(), out);
  }

  private void tryEntry(TradingState state, long now, Output out) {
    PredictedParameters parameters = state.prediction;
    if (state.entry != null
        || state.vector == null
        || parameters == null
        || parameters.timestamp() != state.vector.timestamp()
        || !isKnown(state.equityCoin)
        || !isKnown(state.indexPrice)
        || state.killSwitch.getMode() != KillSwitchMode.ACTIVE) {
      return;
    }
    state.prediction = null;
    EntryDecision decision =
        rules.signal().decide(state.vector, state.straddle, parameters, state.holdings.size(), now);
    if (!decision.enters()) {
      out.skipped(decision);
      return;
    }
    AtmStraddle straddle = decision.straddle();
    InstrumentRules callRules = InstrumentRules.option(underlying, straddle.call());
    InstrumentRules putRules = InstrumentRules.option(underlying, straddle.put());
    double amount =
        callRules.roundAmountDown(parameters.size() * state.equityCoin / straddle.ask());
    if (!callRules.isValidAmount(amount)) {
      out.alert(
          "entry-too-small",
          String.format(
              "%s: size %.3f of %.4f coin buys %.4f straddles at %.4f, below one lot",
              underlying, parameters.size(), state.equityCoin, amount, straddle.ask()),
          now);
      return;
    }
    RiskDecision risk =
        riskManager(state)
            .check(
                new OrderProposal(
                    OrderProposal.Kind.ENTRY,
                    Exposure.ofStraddle(straddle, amount),
                    snapshot(state, now)),
                exposure(state, greeks(state)),
                now);
    if (!risk.isApproved()) {
      alertRejection(state, "entry", risk, now, out);
      return;
    }
    clearRejection(state, "entry");
    state.entry =
        StraddleLegging.start(
            underlying, nextDecision(state, now), callRules, putRules, amount, now);
    state.entryPrediction = parameters;
    work(state, now, 0, out);
  }

  /**
   * Alerts a rejection unless the previous one had the same reasons: a limit that holds rejects
   * every decision tick, and one alert says it (each is counted in the rejection metrics, and is a
   * signal for the {@code risk_limit_breach} pattern, whose cooldown repeats it while it holds).
   */
  private void alertRejection(
      TradingState state, String what, RiskDecision risk, long now, Output out) {
    out.signal(Signal.Kind.RISK_REJECTED, underlying + " " + what + ": " + risk.message(), now);
    String reasons = what + " " + risk.reasons();
    if (!reasons.equals(state.lastRejection)) {
      state.lastRejection = reasons;
      out.alert("risk-rejected", underlying + " " + what + ": " + risk.message(), now);
    }
  }

  /** An approved {@code what} ends the rejections of its kind, not those of the other. */
  private static void clearRejection(TradingState state, String what) {
    if (state.lastRejection.startsWith(what + " ")) {
      state.lastRejection = "";
    }
  }

  /** An operator's command: the kill switch's manual reset. */
  public void onControl(TradingState state, ControlCommand command, Output out) {
    KillSwitchEvent event =
        riskManager(state).reset(command.operator(), command.why(), command.timestamp());
    out.alert(
        "kill-switch",
        underlying + ": " + event.from() + " -> " + event.to() + ": " + event.reason(),
        command.timestamp());
  }

  /** An account event: an order's state, one of our fills, or the account's equity. */
  public void onUser(TradingState state, UserEvent event, Output out) {
    long now;
    if (event.fill() != null) {
      now = event.fill().timestamp();
      if (now >= state.positionsAsOf) {
        state.positions.apply(event.fill());
      }
    } else if (event.positions() != null) {
      now = event.positions().timestamp();
      reconcile(state, event.positions(), out);
    } else if (event.account() != null) {
      AccountSnapshot account = event.account();
      state.equityCoin = account.equity();
      now = account.timestamp();
    } else {
      var update = event.order().ourUpdate();
      now = event.order().timestamp();
      if (update.isEmpty() || !update.get().label().underlying().equals(underlying)) {
        return;
      }
      if (update.get().status() == OrderStatus.REJECTED) {
        out.signal(
            Signal.Kind.ORDER_REJECTED,
            underlying
                + ": the exchange rejected "
                + update.get().label().format()
                + " on "
                + event.order().instrument(),
            now);
      }
      try {
        route(state, update.get());
      } catch (IllegalArgumentException unknown) {
        // A report of an order this state never sent: after a restart the replay can decide
        // differently from the run that placed it. Positions still follow its fills.
        out.alert("order-unmatched", underlying + ": " + unknown.getMessage(), now);
      }
    }
    work(state, now, 0, out);
  }

  /**
   * The exchange's positions (at start and after each reconnect of the bridge) replace ours where
   * they differ, since the exchange's are the truth: fills can be missed while disconnected. A fill
   * older than the snapshot is already in it, so it is not booked again.
   */
  private void reconcile(TradingState state, PositionsSnapshot snapshot, Output out) {
    List<SizeDifference> differences = state.positions.adopt(snapshot.positions());
    state.positionsAsOf = snapshot.timestamp();
    if (!differences.isEmpty()) {
      out.alert(
          "positions-reconciled",
          underlying + ": adopted the exchange's positions: " + differences,
          snapshot.timestamp());
    }
  }

  private void route(TradingState state, OrderUpdate update) {
    OrderLabel label = update.label();
    switch (label.leg()) {
      case CALL, PUT, UNWIND_CALL, UNWIND_PUT -> {
        if (state.entry != null
            && state.entry.call().first().decisionSeq() == label.decisionSeq()) {
          state.entry = state.entry.onUpdate(update);
        }
      }
      case EXIT_CALL, EXIT_PUT -> {
        for (int i = 0; i < state.holdings.size(); i++) {
          Holding holding = state.holdings.get(i);
          if (holding.decisionSeq() == label.decisionSeq() && holding.isExiting()) {
            boolean call = label.leg() == Leg.EXIT_CALL;
            state.holdings.set(
                i,
                holding.exiting(
                    call ? holding.exitCall().onUpdate(update) : holding.exitCall(),
                    call ? holding.exitPut() : holding.exitPut().onUpdate(update),
                    holding.exitReason()));
          }
        }
      }
      case HEDGE -> {
        if (state.hedge != null && state.hedge.first().sameLegAs(label)) {
          state.hedge = state.hedge.onUpdate(update);
        }
      }
    }
  }

  private void work(TradingState state, long now, long receivedNanos, Output out) {
    if (!isKnown(state.indexPrice)) {
      return;
    }
    // Orders sent below change no position (fills come later), so the Greeks hold for the call.
    PortfolioGreeks greeks = greeks(state);
    workEntry(state, now, receivedNanos, out);
    workExits(state, now, receivedNanos, out);
    workHedge(state, greeks, now, receivedNanos, out);
    watchEquity(state, now, out);
    takeScenario(state, now);
    boolean statusDue =
        state.lastStatusAt == Long.MIN_VALUE
            || now - state.lastStatusAt >= rules.statusInterval().toMillis();
    if (statusDue) {
      if (greeks != null) {
        out.status(status(state, greeks, now));
        state.lastStatusAt = now;
      }
    }
  }

  private TradingStatus status(TradingState state, PortfolioGreeks greeks, long now) {
    Map<String, Double> sizes = state.positions.openSizes();
    String[] instruments = sizes.keySet().stream().sorted().toArray(String[]::new);
    double[] amounts = new double[instruments.length];
    Map<String, Double> marks = new HashMap<>();
    for (int i = 0; i < instruments.length; i++) {
      amounts[i] = sizes.get(instruments[i]);
      marks.put(instruments[i], mark(state, instruments[i]));
    }
    PnlSummary pnl = state.positions.pnl(marks, state.indexPrice);
    Exposure exposure = exposure(state, greeks);
    double valueAtRisk =
        state.straddle == null
            ? Double.NaN
            : riskManager(state).valueAtRisk(exposure, snapshot(state, now)).usd();
    return new TradingStatus(
        underlying,
        now,
        instruments,
        amounts,
        state.holdings.size(),
        state.entry != null,
        greeks.delta(),
        greeks.gamma(),
        greeks.vega(),
        greeks.theta(),
        valueAtRisk,
        pnl.realizedUsd(),
        pnl.unrealizedUsd(),
        pnl.feesUsd(),
        isKnown(state.equityCoin) ? state.equityCoin * state.indexPrice : Double.NaN,
        state.killSwitch.isEquityKnown() ? state.killSwitch.drawdown() : 0,
        state.killSwitch.getMode().name());
  }

  private void workEntry(TradingState state, long now, long receivedNanos, Output out) {
    StraddleLegging entry = state.entry;
    if (entry == null) {
      return;
    }
    String call = entry.call().rules().instrument();
    String put = entry.put().rules().instrument();
    LeggingStep step =
        entry.decide(
            rules.legging(),
            bookState(state, call),
            mark(state, call),
            bookState(state, put),
            mark(state, put),
            now);
    state.entry = step.legging();
    send(step.actions(), now, receivedNanos, out);
    if (!state.entry.phase().isFinal()) {
      return;
    }
    double held = state.entry.straddlesHeld();
    if (held > 0) {
      PredictedParameters prediction = state.entryPrediction;
      state.holdings.add(
          new Holding(
              new OpenStraddle(
                  underlying,
                  call,
                  put,
                  held,
                  OptionContract.parse(call).expiryMillis(),
                  premiumUsd(state, call, put, held),
                  prediction.takeProfit(),
                  prediction.stopLoss()),
              entry.call().first().decisionSeq(),
              null,
              null,
              ""));
    } else {
      out.alert("entry-failed", underlying + ": " + state.entry.reason(), now);
    }
    state.entry = null;
    state.entryPrediction = null;
  }

  private void workExits(TradingState state, long now, long receivedNanos, Output out) {
    List<Holding> kept = new ArrayList<>();
    for (Holding holding : state.holdings) {
      OpenStraddle straddle = holding.straddle();
      if (!holding.isExiting()) {
        double value = valueUsd(state, straddle);
        if (!isKnown(value)) {
          kept.add(holding);
          continue;
        }
        ExitDecision decision = rules.exit().decide(straddle, value, 0, now);
        if (!decision.exits()) {
          kept.add(holding);
          continue;
        }
        holding =
            holding.exiting(
                exitOrder(holding, straddle.call(), Leg.EXIT_CALL, now),
                exitOrder(holding, straddle.put(), Leg.EXIT_PUT, now),
                decision.action().name());
      }
      WorkingOrder call =
          step(holding.exitCall(), rules.exitTactics(), state, now, receivedNanos, out);
      WorkingOrder put =
          step(holding.exitPut(), rules.exitTactics(), state, now, receivedNanos, out);
      if (call.isFilled() && put.isFilled()) {
        continue;
      }
      kept.add(
          holding.exiting(
              restartIfAbandoned(call, now), restartIfAbandoned(put, now), holding.exitReason()));
    }
    state.holdings = kept;
  }

  private WorkingOrder exitOrder(Holding holding, String instrument, Leg leg, long now) {
    return WorkingOrder.start(
        OrderLabel.first(underlying, holding.decisionSeq(), leg),
        InstrumentRules.option(underlying, instrument),
        Side.SELL,
        holding.straddle().amount(),
        true,
        now);
  }

  /**
   * An exit order the engine gave up on starts again with its next child label: a held leg is never
   * left unsold.
   */
  private static WorkingOrder restartIfAbandoned(WorkingOrder order, long now) {
    if (order.abandoned() == null || order.isFilled()) {
      return order;
    }
    return WorkingOrder.start(
        order.first().withChild(order.nextChild()),
        order.rules(),
        order.side(),
        order.remaining(),
        order.reduceOnly(),
        now);
  }

  private void workHedge(
      TradingState state, PortfolioGreeks greeks, long now, long receivedNanos, Output out) {
    if (state.hedge != null) {
      state.hedge = step(state.hedge, rules.hedgeTactics(), state, now, receivedNanos, out);
      if (state.hedge.isFinished()) {
        state.hedgeState = state.hedgeState.finished(state.hedge.first());
        state.hedge = null;
      }
      return;
    }
    if (greeks == null || state.entry != null) {
      return;
    }
    HedgeDecision decision = hedger.decide(state.hedgeState, greeks.delta(), state.indexPrice, now);
    if (decision.kind() != HedgeDecision.Kind.SEND) {
      return;
    }
    RiskDecision risk =
        riskManager(state)
            .check(
                new OrderProposal(
                    OrderProposal.Kind.HEDGE,
                    Exposure.ofHedge(
                        decision.side().sign() * decision.amountUsd() / state.indexPrice),
                    snapshot(state, now)),
                exposure(state, greeks),
                now);
    if (!risk.isApproved()) {
      alertRejection(state, "hedge", risk, now, out);
      return;
    }
    clearRejection(state, "hedge");
    OrderLabel label = OrderLabel.first(underlying, nextDecision(state, now), Leg.HEDGE);
    state.hedge =
        WorkingOrder.start(label, perpetual, decision.side(), decision.amountUsd(), false, now);
    state.hedgeState = state.hedgeState.sent(label, decision.side(), decision.amountUsd(), now);
    state.hedge = step(state.hedge, rules.hedgeTactics(), state, now, receivedNanos, out);
  }

  private WorkingOrder step(
      WorkingOrder order,
      OrderTactics tactics,
      TradingState state,
      long now,
      long receivedNanos,
      Output out) {
    String instrument = order.rules().instrument();
    OrderStep step =
        order.decide(tactics, bookState(state, instrument), mark(state, instrument), now);
    send(List.of(step.action()), now, receivedNanos, out);
    return step.order();
  }

  private static void send(List<OrderAction> actions, long now, long receivedNanos, Output out) {
    for (OrderAction action : actions) {
      if (action.goesToExchange()) {
        out.order(OrderIntent.of(action, now, receivedNanos));
      }
    }
  }

  private void watchEquity(TradingState state, long now, Output out) {
    if (!isKnown(state.equityCoin)) {
      return;
    }
    riskManager(state)
        .onEquity(state.equityCoin * state.indexPrice, now)
        .filter(KillSwitchEvent::isTransition)
        .ifPresent(
            event -> {
              String message =
                  underlying + ": " + event.from() + " -> " + event.to() + ": " + event.reason();
              out.alert("kill-switch", message, now);
              if (event.to() == KillSwitchMode.REDUCING) {
                out.signal(Signal.Kind.KILL_SWITCH_TRIPPED, message, now);
              }
            });
  }

  /** One scenario a UTC day for the historical VaR: the day's index move and ATM vol change. */
  private static void takeScenario(TradingState state, long now) {
    long day = Math.floorDiv(now, MILLIS_PER_DAY);
    if (day == state.scenarioDay || state.straddle == null) {
      return;
    }
    double vol = state.straddle.impliedVol();
    if (isKnown(state.scenarioPrice)
        && isKnown(state.scenarioVol)
        && day == state.scenarioDay + 1) {
      state.scenarios.add(
          state.indexPrice / state.scenarioPrice - 1, (vol - state.scenarioVol) * 100);
    }
    state.scenarioDay = day;
    state.scenarioPrice = state.indexPrice;
    state.scenarioVol = vol;
  }

  /**
   * The next decision's sequence number. A fresh state (a job started without a savepoint) starts
   * counting at its first decision's event time in milliseconds, so that its labels never repeat
   * those an earlier run left at the exchange; a replay decides at the same event time, so it
   * repeats its own labels exactly, which the execution sink recognizes.
   */
  private static long nextDecision(TradingState state, long now) {
    if (state.nextDecisionSeq == 0) {
      state.nextDecisionSeq = now;
    }
    return state.nextDecisionSeq++;
  }

  private RiskManager riskManager(TradingState state) {
    return new RiskManager(rules.limits(), state.killSwitch, state.scenarios, rejections);
  }

  /**
   * The portfolio now: {@code greeks} (the positions', or null while a mark is missing), premium
   * and count from the strategy's straddles.
   */
  private static Exposure exposure(TradingState state, PortfolioGreeks greeks) {
    double premium = 0;
    for (Holding holding : state.holdings) {
      premium += holding.straddle().premium();
    }
    int open = state.holdings.size() + (state.entry == null ? 0 : 1);
    if (greeks == null) {
      return new Exposure(0, 0, 0, 0, premium, open);
    }
    return new Exposure(
        greeks.delta(), greeks.gamma(), greeks.vega(), greeks.theta(), premium, open);
  }

  private MarketSnapshot snapshot(TradingState state, long now) {
    AtmStraddle straddle = state.straddle;
    double vol = straddle == null ? 0 : straddle.impliedVol();
    long dataTime =
        Math.min(state.indexTime, straddle == null ? state.indexTime : straddle.timestamp());
    boolean resyncing = false;
    for (BookTop top : state.books.values()) {
      resyncing |= top.stale();
    }
    return new MarketSnapshot(
        state.indexPrice, vol / Math.sqrt(DAYS_PER_YEAR), volOfVolPoints(vol), dataTime, resyncing);
  }

  /**
   * A day's standard deviation of the ATM vol's change, in points, until the scenario window can
   * say better: a fifth of the vol level a year, scaled to a day (a rough vol-of-vol of 100%
   * annualized is typical of crypto implied vols).
   */
  private static double volOfVolPoints(double vol) {
    return vol * 100 / Math.sqrt(DAYS_PER_YEAR);
  }

  /** The account's Greeks, or null while a held instrument has no mark yet. */
  private PortfolioGreeks greeks(TradingState state) {
    Map<String, OptionRisk> risks = new HashMap<>();
    for (Map.Entry<String, Double> open : state.positions.openSizes().entrySet()) {
      String instrument = open.getKey();
      if (instrument.equals(perpetual.instrument())) {
        if (!isKnown(state.perpetualMark)) {
          return null;
        }
        continue;
      }
      OptionTicker ticker = state.options.get(instrument);
      if (ticker == null) {
        return null;
      }
      risks.put(
          instrument,
          OptionRisk.black76(
              instrument, ticker.forward(), ticker.markIv() / 100, ticker.timestamp()));
    }
    return PortfolioGreeks.of(state.positions, risks, state.perpetualMark);
  }

  private static double valueUsd(TradingState state, OpenStraddle straddle) {
    return (mark(state, straddle.call()) + mark(state, straddle.put()))
        * straddle.amount()
        * state.indexPrice;
  }

  /**
   * What the held legs cost in USD, fees included, at the positions' average prices; at the legs'
   * marks while a leg's fill has not arrived yet (an order's final state and its trades come on
   * different channels, in either order).
   */
  private static double premiumUsd(TradingState state, String call, String put, double amount) {
    InstrumentPosition callPosition = state.positions.position(call);
    InstrumentPosition putPosition = state.positions.position(put);
    boolean filled = callPosition.averagePrice() > 0 && putPosition.averagePrice() > 0;
    double coin =
        filled
            ? (callPosition.averagePrice() + putPosition.averagePrice()) * amount
                + callPosition.fees()
                + putPosition.fees()
            : (mark(state, call) + mark(state, put)) * amount;
    return coin * state.indexPrice;
  }

  private static double mark(TradingState state, String instrument) {
    OptionTicker ticker = state.options.get(instrument);
    if (ticker != null) {
      return ticker.markPrice();
    }
    return instrument.endsWith("-PERPETUAL") ? state.perpetualMark : Double.NaN;
  }

  /**
   * The instrument's book as the order engine reads it: its top level on each side (the strategy
   * keeps tops, not full books; {@link BookTop}'s depth figures are not levels).
   */
  private static BookState bookState(TradingState state, String instrument) {
    BookTop top = state.books.get(instrument);
    if (top == null) {
      return null;
    }
    OrderBook book =
        new OrderBook(
            0,
            top.timestamp(),
            level(top.bestBid(), top.bestBidAmount(), true),
            level(top.bestAsk(), top.bestAskAmount(), false));
    return new BookState(book, top.stale());
  }

  private static Levels level(double price, double amount, boolean bids) {
    if (!(price > 0) || !(amount > 0)) {
      return Levels.EMPTY;
    }
    return Levels.of(new double[] {price}, new double[] {amount}, bids);
  }

  /** Instruments whose books and tickers the strategy keeps: the ATM legs, held legs, perpetual. */
  private boolean isTraded(TradingState state, String instrument) {
    if (instrument.equals(perpetual.instrument())) {
      return true;
    }
    AtmStraddle straddle = state.straddle;
    if (straddle != null
        && (instrument.equals(straddle.call()) || instrument.equals(straddle.put()))) {
      return true;
    }
    if (state.positions.openSizes().containsKey(instrument)) {
      return true;
    }
    StraddleLegging entry = state.entry;
    if (entry != null
        && (instrument.equals(entry.call().rules().instrument())
            || instrument.equals(entry.put().rules().instrument()))) {
      return true;
    }
    for (Holding holding : state.holdings) {
      if (instrument.equals(holding.straddle().call())
          || instrument.equals(holding.straddle().put())) {
        return true;
      }
    }
    return false;
  }

  private void forgetUntraded(TradingState state) {
    state.books.keySet().removeIf(instrument -> !isTraded(state, instrument));
    state.options.keySet().removeIf(instrument -> !isTraded(state, instrument));
  }

  /** The state of an underlying the strategy has not seen before. */
  public TradingState newState() {
    TradingState state = new TradingState();
    state.positions = new Positions(underlying);
    return state;
  }

  private static boolean isKnown(double value) {
    return value > 0 && Double.isFinite(value);
  }
}
