package io.gammastraddle.gamma.strategy;

import io.gammastraddle.deribit.user.UserEvent;
import io.gammastraddle.gamma.alerts.Alert;
import io.gammastraddle.gamma.alerts.Signal;
import io.gammastraddle.gamma.backtest.SimulatedVenue;
import io.gammastraddle.gamma.backtest.VenueFill;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.risk.RejectReason;
import io.gammastraddle.risk.RejectionCounters;
import io.gammastraddle.strategy.EntryDecision;
import io.gammastraddle.strategy.SkipReason;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The {@code strategy} operator (DESIGN section 6.7), keyed by underlying: feeds market data,
 * predictions and account events to the underlying's {@link Trader} and emits its order intents;
 * alerts, signals for the alert patterns (risk rejections, the kill switch tripping, orders the
 * exchange rejected) and the trading status (positions, Greeks, P&L) leave by side outputs.
 *
 * <p>In a backtest the exchange is a {@link SimulatedVenue} inside the operator: Flink 2 has no
 * feedback edges, and a loop through Kafka would make each run depend on timing. The intents still
 * leave as in a live job (for the orders log), and the venue's account events reach the {@link
 * Trader} as {@code deribit.user.raw}'s would, in event time; its fills leave by {@link
 * #VENUE_FILLS}. The venues live outside Flink's state: a failed backtest is run again from the
 * start, not restored.
 */
public final class StrategyFunction
    extends KeyedProcessFunction<String, StrategyInput, OrderIntent> {

  public static final ValueStateDescriptor<TradingState> STATE =
      new ValueStateDescriptor<>("trading", TradingState.class);
  public static final OutputTag<Alert> ALERTS =
      new OutputTag<>("trading-alerts", TypeInformation.of(Alert.class));
  public static final OutputTag<Signal> SIGNALS =
      new OutputTag<>("trading-signals", TypeInformation.of(Signal.class));
  public static final OutputTag<TradingStatus> STATUS =
      new OutputTag<>("trading-status", TypeInformation.of(TradingStatus.class));
  public static final OutputTag<VenueFill> VENUE_FILLS =
      new OutputTag<>("venue-fills", TypeInformation.of(VenueFill.class));

  private final GammaConfig config;
  private final SimulatedVenue.Settings venue;
  private transient TradingRules rules;
  private transient ValueState<TradingState> state;
  private transient Map<String, Trader> traders;
  private transient Map<String, SimulatedVenue> venues;
  private transient RejectionCounters rejections;
  private transient Counter intents;
  private transient Counter alerts;
  private transient Map<SkipReason, Counter> skips;

  /** The rules are built on each task from the settings, which are serializable; they are not. */
  public StrategyFunction(GammaConfig config) {
    this(config, null);
  }

  /** A backtest's strategy, trading on a simulated venue; {@code venue} null for a live one. */
  public StrategyFunction(GammaConfig config, SimulatedVenue.Settings venue) {
    this.config = config;
    this.venue = venue;
  }

  @Override
  public void open(OpenContext openContext) {
    rules = TradingRules.of(config.trading(), config);
    state = getRuntimeContext().getState(STATE);
    traders = new HashMap<>();
    venues = new HashMap<>();
    rejections = new RejectionCounters();
    var metrics = getRuntimeContext().getMetricGroup().addGroup("strategy");
    intents = metrics.counter("orderIntents");
    alerts = metrics.counter("alerts");
    skips = new EnumMap<>(SkipReason.class);
    for (SkipReason reason : SkipReason.values()) {
      skips.put(reason, metrics.counter("entrySkips_" + reason.name().toLowerCase()));
    }
    for (RejectReason reason : RejectReason.values()) {
      metrics.gauge(
          "riskRejections_" + reason.name().toLowerCase(), () -> rejections.count(reason));
    }
  }

  @Override
  public void processElement(StrategyInput input, Context ctx, Collector<OrderIntent> out)
      throws Exception {
    String underlying = ctx.getCurrentKey();
    Trader trader = traders.computeIfAbsent(underlying, key -> new Trader(key, rules, rejections));
    SimulatedVenue simulated =
        venue == null
            ? null
            : venues.computeIfAbsent(underlying, key -> new SimulatedVenue(key, venue));
    TradingState current = state.value();
    if (current == null) {
      current = trader.newState();
    }
    Trader.Output output =
        new Trader.Output() {
          @Override
          public void order(OrderIntent intent) {
            intents.inc();
            out.collect(intent);
            if (simulated != null) {
              simulated.submit(intent);
            }
          }

          @Override
          public void alert(String type, String message, long time) {
            alerts.inc();
            ctx.output(ALERTS, new Alert(type, underlying, time, message));
          }

          @Override
          public void signal(Signal.Kind kind, String detail, long time) {
            ctx.output(SIGNALS, new Signal(kind, underlying, time, detail));
          }

          @Override
          public void status(TradingStatus status) {
            ctx.output(STATUS, status);
          }

          @Override
          public void skipped(EntryDecision decision) {
            decision.reasons().forEach(reason -> skips.get(reason).inc());
          }
        };
    boolean changed = true;
    if (simulated != null && ctx.timestamp() != null) {
      TradingState trading = current;
      simulated.advanceTo(
          ctx.timestamp(),
          new SimulatedVenue.Reports() {
            @Override
            public void user(UserEvent event) {
              trader.onUser(trading, event, output);
            }

            @Override
            public void fill(VenueFill fill) {
              ctx.output(VENUE_FILLS, fill);
            }
          });
      if (input.market() != null) {
        simulated.update(input.market());
      }
    }
    if (input.market() != null) {
      changed = trader.onMarket(current, input.market(), output) || simulated != null;
    } else if (input.prediction() != null) {
      trader.onPrediction(current, input.prediction(), output);
    } else if (input.control() != null) {
      trader.onControl(current, input.control(), output);
    } else {
      trader.onUser(current, input.user(), output);
    }
    if (changed) {
      state.update(current);
    }
  }
}
