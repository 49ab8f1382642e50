package io.gammastraddle.gamma.strategy;

import static io.gammastraddle.gamma.MarketEvents.PERP;
import static io.gammastraddle.gamma.MarketEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.deribit.user.AccountSnapshot;
import io.gammastraddle.deribit.user.OrderReport;
import io.gammastraddle.deribit.user.PositionsSnapshot;
import io.gammastraddle.deribit.user.UserEvent;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.MarketEvents;
import io.gammastraddle.gamma.alerts.Alert;
import io.gammastraddle.gamma.alerts.Signal;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.scoring.PredictionEvent;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.orders.OrderPolicy;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.orders.Side;
import io.gammastraddle.positions.ExchangePosition;
import io.gammastraddle.positions.Fill;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.strategy.OpenStraddle;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The strategy operator on one underlying, event by event: a straddle is entered on a prediction,
 * held once both legs fill, closed at its take-profit; the kill switch stops entries.
 */
class StrategyFunctionTest {

  private static final String CALL = "BTC-17NOV23-36000-C";
  private static final String PUT = "BTC-17NOV23-36000-P";
  private static final double FORWARD = 36_480;
  private static final double INDEX = 36_450;

  private KeyedOneInputStreamOperatorTestHarness<String, StrategyInput, OrderIntent> harness;
  private int trades;

  @BeforeEach
  void setUp() throws Exception {
    // Limits wide enough for 15 straddles of 0.3 delta each (the hedge brings delta back), and a
    // slippage cap beyond the put's half-spread of one 0.0005 tick on 0.0085.
    GammaConfig config =
        GammaConfig.from(
            Map.of(
                "trading.enabled", "true",
                "risk.max-delta", "10",
                "risk.max-gamma", "0.05",
                "orders.max-slippage", "0.1"));
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new StrategyFunction(config), StrategyInput::underlying, Types.STRING);
  }

  @Test
  void buysTheStraddleOnAPredictionWithAnEdgeAndSellsItAtTheTakeProfit() throws Exception {
    market(T0, 45);
    account(T0, 10);
    predict(T0);

    List<OrderIntent> entry = intents();
    assertThat(entry)
        .extracting(OrderIntent::label)
        .containsExactly("gsb-BTC-" + T0 + "-c0", "gsb-BTC-" + T0 + "-p0");
    assertThat(entry)
        .allSatisfy(
            intent -> {
              assertThat(intent.kind()).isEqualTo(OrderIntent.Kind.PLACE);
              assertThat(intent.side()).isEqualTo(Side.BUY);
              assertThat(intent.policy()).isEqualTo(OrderPolicy.POST_ONLY);
              assertThat(intent.reduceOnly()).isFalse();
            });
    // size 0.05 of 10 BTC over the straddle's ask: 0.5 / ask, in lots of 0.1
    double straddleAsk = straddle(T0, 45).ask();
    double amount = Math.floor(0.5 / straddleAsk * 10) / 10;
    assertThat(entry.get(0).amount()).isEqualTo(amount);
    assertThat(entry.get(1).amount()).isEqualTo(amount);

    fill(entry.get(0), T0 + 200);
    fill(entry.get(1), T0 + 300);
    harness.getOutput().clear();

    // Implied vol from 45% to 90%: both legs' marks roughly double, above the 0.3 take-profit.
    market(T0 + 1_000, 90);
    List<OrderIntent> exit =
        intents().stream().filter(intent -> intent.side() == Side.SELL).toList();
    assertThat(exit)
        .extracting(OrderIntent::label)
        .contains("gsb-BTC-" + T0 + "-xc0", "gsb-BTC-" + T0 + "-xp0");
    assertThat(exit)
        .filteredOn(intent -> intent.instrument().equals(CALL) || intent.instrument().equals(PUT))
        .allSatisfy(
            intent -> {
              assertThat(intent.reduceOnly()).isTrue();
              assertThat(intent.policy()).isEqualTo(OrderPolicy.IOC);
              assertThat(intent.amount()).isEqualTo(amount);
              // decided on the call's new ticker: tick-to-order starts at its receipt
              assertThat(intent.marketReceivedNanos()).isEqualTo(received(T0 + 1_000));
            });
  }

  @Test
  void aDrawdownBeyondTheLimitStopsEntriesAndRaisesTheKillSwitchAlert() throws Exception {
    market(T0, 45);
    account(T0, 10);
    account(T0 + 50, 8.5);

    assertThat(alerts())
        .anySatisfy(
            alert -> {
              assertThat(alert.type()).isEqualTo("kill-switch");
              assertThat(alert.message()).contains("ACTIVE -> REDUCING");
            });
    assertThat(signals())
        .singleElement()
        .satisfies(
            signal -> {
              assertThat(signal.kind()).isEqualTo(Signal.Kind.KILL_SWITCH_TRIPPED);
              assertThat(signal.subject()).isEqualTo("BTC");
              assertThat(signal.detail()).contains("ACTIVE -> REDUCING");
            });
    predict(T0);
    assertThat(intents()).isEmpty();
  }

  @Test
  void inReducingModeTheHedgeGoesOnWhileNewEntriesStop() throws Exception {
    market(T0, 45);
    account(T0, 10);
    predict(T0);
    List<OrderIntent> entry = intents();
    fill(entry.get(0), T0 + 200);
    fill(entry.get(1), T0 + 300);
    // 15.6 straddles of delta about 0.3 each: the hedger sells the perpetual at once
    OrderIntent hedge = hedges().get(0);
    assertThat(hedge.side()).isEqualTo(Side.SELL);
    assertThat(hedge.policy()).isEqualTo(OrderPolicy.IOC);
    fill(hedge, T0 + 400);

    account(T0 + 500, 8.5);
    assertThat(alerts()).extracting(Alert::type).contains("kill-switch");
    harness.getOutput().clear();

    // Six minutes later at 55% vol, the straddles' delta has moved and the safety timer is due.
    long later = T0 + 6 * 60_000;
    market(later, 55);
    predict(later);
    assertThat(hedges()).isNotEmpty();
    assertThat(intents())
        .filteredOn(intent -> intent.side() == Side.BUY && !intent.instrument().equals(PERP))
        .isEmpty();
  }

  @Test
  void theExchangesPositionsReplaceOursAndOlderFillsAreNotBookedAgain() throws Exception {
    market(T0, 45);
    user(
        UserEvent.of(
            new PositionsSnapshot(
                "BTC", List.of(new ExchangePosition(PERP, -1_000, 36_000)), T0 + 1_000)));

    assertThat(alerts())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.type()).isEqualTo("positions-reconciled");
              assertThat(alert.message()).contains(PERP);
            });
    // a fill the snapshot already holds (it happened before it), then a newer one
    user(UserEvent.of(new Fill(PERP, Side.SELL, 1_000, 36_000, 0, INDEX, T0 + 500, "", "t1")));
    user(UserEvent.of(new Fill(PERP, Side.SELL, 200, 36_010, 0, INDEX, T0 + 1_500, "", "t2")));
    assertThat(state().positions.position(PERP).size()).isEqualTo(-1_200);
  }

  @Test
  void theTradingStatusGoesOutOncePerDecisionInterval() throws Exception {
    market(T0, 45);
    account(T0, 10);
    market(T0 + 400, 45);
    market(T0 + 1_000, 45);

    List<TradingStatus> statuses =
        harness.getSideOutput(StrategyFunction.STATUS).stream()
            .map(StreamRecord::getValue)
            .toList();
    assertThat(statuses).extracting(TradingStatus::timestamp).containsExactly(T0, T0 + 1_000);
    TradingStatus last = statuses.get(1);
    assertThat(last.instruments()).isEmpty();
    assertThat(last.equityUsd()).isEqualTo(10 * INDEX);
    assertThat(last.mode()).isEqualTo("ACTIVE");
  }

  @Test
  void anOperatorsResetIsRefusedWhileTheDaysLossExceedsItsLimitAndTakenTheNextDay()
      throws Exception {
    market(T0, 45);
    account(T0, 10);
    account(T0 + 60, 8.5); // 15% below the high-water mark: REDUCING
    reset(T0 + 80);
    long nextDay = T0 + 24 * 3_600_000L;
    market(nextDay, 45);
    reset(nextDay + 10);

    assertThat(alerts())
        .filteredOn(alert -> alert.type().equals("kill-switch"))
        .extracting(Alert::message)
        .satisfiesExactly(
            reducing -> assertThat(reducing).contains("ACTIVE -> REDUCING"),
            refused ->
                assertThat(refused)
                    .contains("REDUCING -> REDUCING")
                    .contains("refused: daily loss"),
            reset ->
                assertThat(reset)
                    .contains("REDUCING -> ACTIVE")
                    .contains("reset by alice (loss understood)"));
    predict(nextDay);
    assertThat(intents()).extracting(OrderIntent::side).contains(Side.BUY);
  }

  private void reset(long time) throws Exception {
    harness.processElement(
        StrategyInput.of(
            new ControlCommand(
                "BTC", ControlCommand.RESET_KILL_SWITCH, "alice", "loss understood", time)),
        time);
  }

  @Test
  void aLimitThatHoldsIsAlertedOnceNotEveryTick() throws Exception {
    // the default 1-coin delta limit: 15 straddles of 0.3 delta each exceed it
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new StrategyFunction(
                GammaConfig.from(Map.of("trading.enabled", "true", "orders.max-slippage", "0.1"))),
            StrategyInput::underlying,
            Types.STRING);
    account(T0, 10);
    for (long tick = T0; tick < T0 + 3_000; tick += 1_000) {
      market(tick, 45);
      predict(tick);
    }

    assertThat(intents()).isEmpty();
    assertThat(alerts())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.type()).isEqualTo("risk-rejected");
              assertThat(alert.message()).contains("delta").contains("would exceed 1 coin");
            });
    assertThat(signals())
        .as("every rejection is a signal: the patterns count what the alert says once")
        .hasSize(3)
        .allSatisfy(
            signal -> {
              assertThat(signal.kind()).isEqualTo(Signal.Kind.RISK_REJECTED);
              assertThat(signal.detail()).contains("BTC entry: ").contains("would exceed 1 coin");
            });
  }

  @Test
  void aLegReportedFilledBeforeItsTradeIsHeldAtItsMark() throws Exception {
    market(T0, 45);
    account(T0, 10);
    predict(T0);
    List<OrderIntent> entry = intents();
    for (OrderIntent leg : entry) {
      user(
          UserEvent.of(
              new OrderReport(
                  "o-" + leg.label(),
                  leg.instrument(),
                  leg.label(),
                  OrderStatus.FILLED,
                  leg.amount(),
                  T0 + 100)));
    }

    OpenStraddle held = state().holdings.get(0).straddle();
    double marks = optionTicker(CALL, T0, 45).markPrice() + optionTicker(PUT, T0, 45).markPrice();
    assertThat(held.premium()).isCloseTo(marks * held.amount() * INDEX, within(1e-6));
    assertThat(held.expiryMillis()).isEqualTo(OptionContract.parse(CALL).expiryMillis());
  }

  @Test
  void hedgesApprovedBetweenEntryRejectionsDoNotRepeatTheEntrysAlert() throws Exception {
    // room for one entry's premium (about 18,000 USD), not two
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new StrategyFunction(
                GammaConfig.from(
                    Map.of(
                        "trading.enabled", "true",
                        "risk.max-delta", "10",
                        "risk.max-gamma", "0.05",
                        "risk.max-premium", "30000",
                        "orders.max-slippage", "0.1"))),
            StrategyInput::underlying,
            Types.STRING);
    market(T0, 45);
    account(T0, 10);
    predict(T0);
    List<OrderIntent> entry = intents();
    fill(entry.get(0), T0 + 200);
    fill(entry.get(1), T0 + 300);
    double[] vols = {45, 55, 65};
    for (int i = 0; i < vols.length; i++) {
      long tick = T0 + (i + 1) * 1_000L;
      market(tick, vols[i]); // the delta moves: a hedge goes out, approved
      for (OrderIntent hedge : hedges()) {
        fill(hedge, tick + 10);
      }
      harness.getOutput().clear();
      predict(tick);
    }

    assertThat(alerts())
        .filteredOn(alert -> alert.type().equals("risk-rejected"))
        .singleElement()
        .satisfies(alert -> assertThat(alert.message()).contains("premium at risk"));
  }

  @Test
  void aPredictionWithoutAnEdgeSendsNothing() throws Exception {
    market(T0, 70);
    account(T0, 10);
    predict(T0);

    assertThat(intents()).isEmpty();
  }

  @Test
  void anOrderTheExchangeRejectsIsASignalForTheAlertPatterns() throws Exception {
    market(T0, 45);
    account(T0, 10);
    predict(T0);
    OrderIntent call = intents().get(0);
    user(UserEvent.of(new OrderReport("1", CALL, "manual", OrderStatus.REJECTED, 0, T0 + 10)));
    user(
        UserEvent.of(
            new OrderReport(
                "rejected:" + call.label(),
                call.instrument(),
                call.label(),
                OrderStatus.REJECTED,
                0,
                T0 + 20)));

    assertThat(signals())
        .singleElement()
        .satisfies(
            signal -> {
              assertThat(signal.kind()).isEqualTo(Signal.Kind.ORDER_REJECTED);
              assertThat(signal.timestamp()).isEqualTo(T0 + 20);
              assertThat(signal.detail()).contains(call.label(), CALL);
            });
  }

  @Test
  void anUndecodableLabelOrAnotherUnderlyingsOrderIsIgnored() throws Exception {
    market(T0, 45);
    account(T0, 10);
    user(UserEvent.of(new OrderReport("1", CALL, "manual-order", OrderStatus.FILLED, 1, T0 + 10)));
    user(UserEvent.of(new OrderReport("2", CALL, "gsb-ETH-0-c0", OrderStatus.FILLED, 1, T0 + 20)));

    assertThat(intents()).isEmpty();
  }

  /** Index, perpetual, the 36,000 straddle at {@code volPercent} with its legs' books, tickers. */
  private void market(long time, double volPercent) throws Exception {
    send(UnderlyingEvent.of(new IndexPrice("btc_usd", "BTC", time, INDEX, 0)));
    send(UnderlyingEvent.of(MarketEvents.perpTicker(time, 0.0001, 1e9, 0)));
    send(
        UnderlyingEvent.of(
            new BookTop(
                PERP,
                "BTC",
                InstrumentKind.PERPETUAL,
                time,
                36_499.5,
                500_000,
                36_500,
                500_000,
                1e6,
                1e6,
                false,
                2e6,
                36_500,
                36_499.5,
                received(time))));
    AtmStraddle straddle = straddle(time, volPercent);
    send(UnderlyingEvent.of(straddle));
    send(UnderlyingEvent.of(vector(time)));
    for (String leg : List.of(CALL, PUT)) {
      OptionTicker ticker = receivedAt(received(time), optionTicker(leg, time, volPercent));
      send(UnderlyingEvent.of(ticker));
      // one 0.0005 tick below the mark and one above, written as Deribit writes prices
      long ticks = (long) Math.floor(ticker.markPrice() / 0.0005);
      send(UnderlyingEvent.of(top(leg, time, decimal(ticks - 1), decimal(ticks + 1))));
    }
  }

  private static double decimal(long ticks) {
    return Double.parseDouble(java.math.BigDecimal.valueOf(ticks * 5, 4).toPlainString());
  }

  private static BookTop top(String instrument, long time, double bid, double ask) {
    return new BookTop(
        instrument,
        "BTC",
        InstrumentKind.OPTION,
        time,
        bid,
        100,
        ask,
        100,
        100,
        100,
        false,
        200,
        ask,
        bid,
        received(time));
  }

  private static OptionTicker optionTicker(String leg, long time, double volPercent) {
    return OptionTicker.of(MarketEvents.optionTicker(leg, time, FORWARD, volPercent));
  }

  private static OptionTicker receivedAt(long nanos, OptionTicker ticker) {
    return new OptionTicker(
        ticker.instrument(),
        ticker.underlying(),
        ticker.timestamp(),
        ticker.forward(),
        ticker.markPrice(),
        ticker.markIv(),
        ticker.bestBidPrice(),
        ticker.bestAskPrice(),
        ticker.delta(),
        ticker.gamma(),
        ticker.vega(),
        nanos);
  }

  /** When the bridge received an update of {@code time}: 3 ms later, in epoch nanoseconds. */
  private static long received(long time) {
    return (time + 3) * 1_000_000;
  }

  /** The straddle with bid and ask around its legs' marks at {@code volPercent}. */
  private static AtmStraddle straddle(long time, double volPercent) {
    double call = optionTicker(CALL, time, volPercent).markPrice();
    double put = optionTicker(PUT, time, volPercent).markPrice();
    return MarketEvents.straddle(
        time, volPercent / 100, call + put - 0.001, call + put + 0.001, 2e6, 20);
  }

  /** Liquid, tight, realized vol 70% over the hour and 60% over the day: forecast 65.19%. */
  private static FeatureVector vector(long time) {
    double[] values = new double[FeatureSchema.NAMES.size()];
    values[FeatureSchema.indexOf(FeatureSchema.LIQUIDITY_SCORE)] = 3;
    values[FeatureSchema.indexOf(FeatureSchema.SPREAD)] = 0.03;
    values[FeatureSchema.indexOf(FeatureSchema.REALIZED_VOL)] = 0.7;
    values[FeatureSchema.indexOf(FeatureSchema.REALIZED_VOL_24H)] = 0.6;
    return new FeatureVector("BTC", time, FeatureSchema.VERSION, values);
  }

  private void account(long time, double equity) throws Exception {
    user(UserEvent.of(new AccountSnapshot("BTC", equity, equity, equity, equity, 0, 0, 0, time)));
  }

  private void predict(long time) throws Exception {
    PredictionEvent prediction =
        new PredictionEvent(
            "BTC", time, 0.05, 0.3, 0.1, 0.05, 1, "v1", false, "", 0, 0, null, null, null);
    harness.processElement(StrategyInput.of(prediction), time);
  }

  /** The exchange fills the order whole: the trade, then the order's final state. */
  private void fill(OrderIntent order, long time) throws Exception {
    user(
        UserEvent.of(
            new Fill(
                order.instrument(),
                order.side(),
                order.amount(),
                order.price(),
                0.0003 * order.amount(),
                INDEX,
                time,
                order.label(),
                "trade-" + ++trades)));
    user(
        UserEvent.of(
            new OrderReport(
                "order-" + trades,
                order.instrument(),
                order.label(),
                OrderStatus.FILLED,
                order.amount(),
                time)));
  }

  private void send(UnderlyingEvent event) throws Exception {
    harness.processElement(StrategyInput.of(event), event.timestamp());
  }

  private void user(UserEvent event) throws Exception {
    harness.processElement(new StreamRecord<>(StrategyInput.of("BTC", event)));
  }

  private List<OrderIntent> intents() {
    return harness.extractOutputValues();
  }

  private TradingState state() throws Exception {
    harness.getOperator().setCurrentKey("BTC");
    return harness
        .getOperator()
        .getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, StrategyFunction.STATE)
        .value();
  }

  private List<OrderIntent> hedges() {
    return intents().stream().filter(intent -> intent.instrument().equals(PERP)).toList();
  }

  private List<Signal> signals() {
    var signals = harness.getSideOutput(StrategyFunction.SIGNALS);
    return signals == null ? List.of() : signals.stream().map(StreamRecord::getValue).toList();
  }

  private List<Alert> alerts() {
    return harness.getSideOutput(StrategyFunction.ALERTS).stream()
        .map(StreamRecord::getValue)
        .toList();
  }
}
