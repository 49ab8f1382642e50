package io.gammastraddle.gamma;

import io.gammastraddle.book.BookMeasure;
import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.alerts.Alert;
import io.gammastraddle.gamma.alerts.AlertGraph;
import io.gammastraddle.gamma.alerts.FeedPulses;
import io.gammastraddle.gamma.alerts.Signal;
import io.gammastraddle.gamma.backtest.EventTimeOrder;
import io.gammastraddle.gamma.book.BookBuilder;
import io.gammastraddle.gamma.chain.ChainFunction;
import io.gammastraddle.gamma.config.ConfigLayers;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.decode.ControlStreamDeserializer;
import io.gammastraddle.gamma.decode.MarketRouter;
import io.gammastraddle.gamma.decode.MarketWatermarks;
import io.gammastraddle.gamma.features.FeatureFunction;
import io.gammastraddle.gamma.labels.LabelFunction;
import io.gammastraddle.gamma.scoring.ModelUpdate;
import io.gammastraddle.gamma.scoring.ModelWatermarks;
import io.gammastraddle.gamma.scoring.PredictionEvent;
import io.gammastraddle.gamma.scoring.ScoringFunction;
import io.gammastraddle.gamma.scoring.ScoringInput;
import io.gammastraddle.gamma.strategy.StrategyFunction;
import io.gammastraddle.gamma.strategy.StrategyInput;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.labels.TradingCosts;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.orders.OrderIntent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Gamma Straddle job graph, assembled in one place:
 *
 * <pre>
 * decode (Kafka source) -> route -> books (by instrument) -+-- option tops --> chain (by underlying)
 *                            |                              \-- perpetual tops --\        |
 *                            +-> option tickers ------------------------------> chain      |
 *                            |                \---------------------------> labels   ATM straddle
 *                            +-> trades, index, perpetual ticker --> features (by underlying) <-+
 *                            \-> dead letters -> gsb.dlq                 |        (and labels)
 *                                                                        v
 *                        gsb.features, Redis gsb:features; vectors -> labels -> gsb.samples
 *                                                                        |           |
 *   gsb.models (broadcast) --> scoring (by underlying) <-- vectors ------+           |
 *                                 ^    \--> gsb.predictions, Redis gsb:prediction,  |
 *                                 |         gsb:model:current; alerts -> gsb.alerts, gsb:alerts
 *                                 \--- resolved samples (model health) <------------/
 * </pre>
 *
 * With {@link TradingEndpoints} (trading enabled), the strategy joins:
 *
 * <pre>
 *   book tops, option tickers, index, perpetual, ATM straddles, vectors --\
 *   predictions ----------------------------------------------------------+--> strategy
 *   deribit.user.raw (account), gsb.control + Redis gsb:control (commands) |   (by underlying)
 *     --> decode ---------------------------------------------------------/         |
 *           \--> dead letters -> gsb.dlq                                            |
 *        order intents -> execution sink (exchange), gsb.orders; status -> Redis; alerts
 * </pre>
 *
 * <p>Alerts ({@link AlertGraph}): the feed's pulses and the signals of books, scoring and the
 * strategy feed one CEP operator per alert pattern, whose alerts pass a cooldown on their way to
 * gsb.alerts, gsb:alerts and the webhooks; the operators' own alerts go to gsb.alerts and
 * gsb:alerts directly.
 *
 * <p>A backtest's {@link TradingEndpoints} have no account and no execution sink: the strategy's
 * inputs pass an event-time order first, and the strategy trades on a simulated venue inside it
 * ({@code gamma.backtest}).
 *
 * <p>Sources and sinks come from {@link JobEndpoints}, so tests and the benchmark run this very
 * graph.
 */
public final class GammaJob {

  public static final String NAME = "gamma-straddle";

  private static final TypeInformation<UnderlyingEvent> EVENT_TYPE =
      TypeInformation.of(UnderlyingEvent.class);
  private static final TypeInformation<ScoringInput> SCORING_INPUT =
      TypeInformation.of(ScoringInput.class);

  private static final TypeInformation<StrategyInput> STRATEGY_INPUT =
      TypeInformation.of(StrategyInput.class);

  private final GammaConfig config;
  private final JobEndpoints endpoints;
  private final TradingEndpoints trading;

  /** The job without trading: it stops at predictions. */
  public GammaJob(GammaConfig config, JobEndpoints endpoints) {
    this(config, endpoints, null);
  }

  /** The job with the trading loop on {@code trading}'s account and venue. */
  public GammaJob(GammaConfig config, JobEndpoints endpoints, TradingEndpoints trading) {
    this.config = config;
    this.endpoints = endpoints;
    this.trading = trading;
  }

  /** Adds the job's operators to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    Configuration pipeline = new Configuration();
    // Every state and event type is a record or POJO with an evolvable serializer; refusing
    // generic (Kryo) types keeps it that way. Records are immutable, so object reuse is safe.
    pipeline.set(PipelineOptions.GENERIC_TYPES, false);
    pipeline.set(PipelineOptions.OBJECT_REUSE, true);
    env.configure(pipeline);

    SingleOutputStreamOperator<BookUpdate> routed = route(marketEvents(env));
    routed
        .getSideOutput(MarketRouter.DEAD_LETTERS)
        .sinkTo(endpoints.deadLetters())
        .uid(Uids.DEAD_LETTERS_KAFKA)
        .name("dead letters -> gsb.dlq");

    SingleOutputStreamOperator<BookTop> tops = bookTops(routed);
    DataStream<AtmStraddle> straddles =
        chain(
            underlyingEvents(tops, true, "option book tops")
                .union(routed.getSideOutput(MarketRouter.CHAIN_INPUTS)));
    straddles
        .sinkTo(endpoints.straddlesToCache())
        .uid(Uids.CHAIN_REDIS)
        .name("straddles -> Redis gsb:chain");

    DataStream<FeatureVector> features =
        features(
            underlyingEvents(tops, false, "perpetual book tops")
                .union(
                    routed.getSideOutput(MarketRouter.FEATURE_INPUTS),
                    straddles.map(UnderlyingEvent::of, EVENT_TYPE).name("ATM straddles")));
    features
        .sinkTo(endpoints.featuresToKafka())
        .uid(Uids.FEATURES_KAFKA)
        .name("features -> gsb.features");
    features
        .sinkTo(endpoints.featuresToCache())
        .uid(Uids.FEATURES_REDIS)
        .name("features -> Redis gsb:features");

    DataStream<LabelledSample> samples =
        labels(
            features
                .map(UnderlyingEvent::of, EVENT_TYPE)
                .name("feature vectors")
                .union(
                    straddles.map(UnderlyingEvent::of, EVENT_TYPE).name("ATM straddles"),
                    routed.getSideOutput(MarketRouter.CHAIN_INPUTS)));
    samples
        .sinkTo(endpoints.samplesToKafka())
        .uid(Uids.SAMPLES_KAFKA)
        .name("samples -> gsb.samples");

    SingleOutputStreamOperator<PredictionEvent> predictions =
        scoring(
            features
                .map(ScoringInput::of, SCORING_INPUT)
                .name("vectors to score")
                .union(samples.map(ScoringInput::of, SCORING_INPUT).name("resolved samples")),
            models(env));
    predictions
        .sinkTo(endpoints.predictionsToKafka())
        .uid(Uids.PREDICTIONS_KAFKA)
        .name("predictions -> gsb.predictions");
    predictions
        .sinkTo(endpoints.predictionsToCache())
        .uid(Uids.PREDICTIONS_REDIS)
        .name("predictions -> Redis gsb:prediction");
    predictions
        .getSideOutput(ScoringFunction.MODEL_STATUS)
        .sinkTo(endpoints.modelToCache())
        .uid(Uids.MODEL_REDIS)
        .name("model in use -> Redis gsb:model:current");
    DataStream<Alert> alerts = predictions.getSideOutput(ScoringFunction.ALERTS);
    DataStream<Signal> signals =
        feedPulses(routed)
            .union(
                tops.getSideOutput(BookBuilder.SIGNALS),
                predictions.getSideOutput(ScoringFunction.SIGNALS));
    if (trading != null) {
      SingleOutputStreamOperator<OrderIntent> strategy =
          trade(
              tops,
              straddles,
              features,
              predictions,
              routed.getSideOutput(MarketRouter.FEATURE_INPUTS),
              routed.getSideOutput(MarketRouter.CHAIN_INPUTS));
      alerts = alerts.union(strategy.getSideOutput(StrategyFunction.ALERTS));
      signals = signals.union(strategy.getSideOutput(StrategyFunction.SIGNALS));
    }
    AlertGraph.build(signals, alerts, config.alerts(), endpoints);
  }

  /**
   * The market feed per underlying, at most a pulse a second, for the {@code feed_silent} alert.
   */
  private static DataStream<Signal> feedPulses(SingleOutputStreamOperator<BookUpdate> routed) {
    return routed
        .getSideOutput(MarketRouter.FEATURE_INPUTS)
        .process(new FeedPulses(), TypeInformation.of(Signal.class))
        .name("feed pulses: index, perpetual and trades per underlying, one a second");
  }

  /**
   * The trading loop: the strategy reads the underlying's market data, predictions and account, and
   * its order intents go to the venue and the audit log. Returns the strategy, whose side outputs
   * carry its alerts and signals.
   */
  private SingleOutputStreamOperator<OrderIntent> trade(
      DataStream<BookTop> tops,
      DataStream<AtmStraddle> straddles,
      DataStream<FeatureVector> features,
      DataStream<PredictionEvent> predictions,
      DataStream<UnderlyingEvent> featureInputs,
      DataStream<UnderlyingEvent> chainInputs) {
    DataStream<UnderlyingEvent> market =
        tops.map(UnderlyingEvent::of, EVENT_TYPE)
            .name("book tops")
            .union(
                straddles.map(UnderlyingEvent::of, EVENT_TYPE).name("ATM straddles"),
                features.map(UnderlyingEvent::of, EVENT_TYPE).name("feature vectors"),
                featureInputs.filter(event -> event.trade() == null).name("index and perpetual"),
                chainInputs);
    DataStream<StrategyInput> inputs =
        market
            .map(StrategyInput::of, STRATEGY_INPUT)
            .name("market for the strategy")
            .union(predictions.map(StrategyInput::of, STRATEGY_INPUT).name("predictions"));
    if (trading.simulated()) {
      inputs =
          inputs
              .keyBy(StrategyInput::underlying, Types.STRING)
              .process(new EventTimeOrder())
              .uid(Uids.EVENT_TIME_ORDER)
              .name("backtest: strategy inputs in event-time order");
    } else {
      inputs = inputs.union(account(inputs.getExecutionEnvironment()));
    }
    SingleOutputStreamOperator<OrderIntent> intents =
        inputs
            .keyBy(StrategyInput::underlying, Types.STRING)
            .process(new StrategyFunction(config, trading.simulatedVenue()))
            .uid(Uids.STRATEGY)
            .name("strategy: signal, risk, orders, hedge, exits per underlying");
    if (trading.simulated()) {
      intents
          .getSideOutput(StrategyFunction.VENUE_FILLS)
          .sinkTo(trading.venueFills())
          .uid(Uids.VENUE_FILLS)
          .name("backtest: simulated venue fills");
    } else {
      intents.sinkTo(trading.execution()).uid(Uids.EXECUTION).name("orders -> exchange");
    }
    intents.sinkTo(trading.ordersToKafka()).uid(Uids.ORDERS_KAFKA).name("orders -> gsb.orders");
    intents
        .getSideOutput(StrategyFunction.STATUS)
        .sinkTo(trading.statusToCache())
        .uid(Uids.TRADING_REDIS)
        .name("positions, Greeks, P&L -> Redis");
    return intents;
  }

  /**
   * The account's events and operators' commands (from Kafka and from the dashboards' Redis
   * stream), decoded; undecodable records go to the dead-letter topic.
   */
  private DataStream<StrategyInput> account(StreamExecutionEnvironment env) {
    DataStream<StrategyInput> account =
        env.fromSource(
                trading.account(),
                WatermarkStrategy.noWatermarks(),
                "account: " + config.trading().userTopic())
            .uid(Uids.ACCOUNT)
            .union(
                env.fromSource(
                        trading.control(),
                        WatermarkStrategy.noWatermarks(),
                        "control: " + config.trading().controlTopic())
                    .uid(Uids.CONTROL),
                env.fromSource(
                        trading.dashboardControl(),
                        WatermarkStrategy.noWatermarks(),
                        "control: Redis " + ControlStreamDeserializer.STREAM)
                    .uid(Uids.DASHBOARD_CONTROL)
                    // one stream, one split: more readers would idle
                    .setParallelism(1));
    account
        .filter(input -> input.deadLetter() != null)
        .name("undecodable account and control records")
        .map(StrategyInput::deadLetter, TypeInformation.of(DeadLetter.class))
        .name("account and control dead letters")
        .sinkTo(endpoints.deadLetters())
        .uid(Uids.ACCOUNT_DEAD_LETTERS_KAFKA)
        .name("account and control dead letters -> gsb.dlq");
    return account.filter(input -> input.deadLetter() == null).name("account events and commands");
  }

  /** Model bundles, to every scoring task. */
  private BroadcastStream<ModelUpdate> models(StreamExecutionEnvironment env) {
    return env.fromSource(
            endpoints.models(), new ModelWatermarks(), "models: " + config.modelsTopic())
        .uid(Uids.MODELS)
        .broadcast(ScoringFunction.MODELS);
  }

  private SingleOutputStreamOperator<PredictionEvent> scoring(
      DataStream<ScoringInput> inputs, BroadcastStream<ModelUpdate> models) {
    return inputs
        .keyBy(ScoringInput::underlying, Types.STRING)
        .connect(models)
        .process(new ScoringFunction(config.scoring()))
        .uid(Uids.SCORING)
        .name("scoring: predictions per underlying, bundles by broadcast");
  }

  private DataStream<MarketEvent> marketEvents(StreamExecutionEnvironment env) {
    return env.fromSource(
            endpoints.market(),
            MarketWatermarks.strategy(config.maxOutOfOrderness(), config.idleness()),
            "decode: " + config.marketTopic())
        .uid(Uids.DECODE);
  }

  private static SingleOutputStreamOperator<BookUpdate> route(DataStream<MarketEvent> events) {
    return events
        .process(new MarketRouter())
        .uid(Uids.ROUTE)
        .name("route: books, chain inputs, feature inputs, dead letters");
  }

  private SingleOutputStreamOperator<BookTop> bookTops(DataStream<BookUpdate> books) {
    return books
        .keyBy(BookUpdate::instrument, Types.STRING)
        .process(new BookBuilder(BookMeasure.of(config.bookDepthLevels(), config.impactAmount())))
        .uid(Uids.BOOKS)
        .name("books: order books by instrument");
  }

  /** The tops of options ({@code options}) or of the other instruments, as underlying events. */
  private static DataStream<UnderlyingEvent> underlyingEvents(
      DataStream<BookTop> tops, boolean options, String name) {
    return tops.filter(top -> (top.kind() == InstrumentKind.OPTION) == options)
        .name(name)
        .map(UnderlyingEvent::of, EVENT_TYPE)
        .name(name);
  }

  private DataStream<AtmStraddle> chain(DataStream<UnderlyingEvent> optionEvents) {
    return optionEvents
        .keyBy(UnderlyingEvent::underlying, Types.STRING)
        .process(
            new ChainFunction(
                config.decisionInterval().toMillis(), config.minTimeToExpiry().toMillis()))
        .uid(Uids.CHAIN)
        .name("chain: option quotes and ATM straddle per underlying");
  }

  private DataStream<LabelledSample> labels(DataStream<UnderlyingEvent> events) {
    return events
        .keyBy(UnderlyingEvent::underlying, Types.STRING)
        .process(
            new LabelFunction(
                config.decisionInterval().toMillis(),
                config.labelHorizon().toMillis(),
                config.candidateInterval().toMillis(),
                TradingCosts.deribit()))
        .uid(Uids.LABELS)
        .name("labels: straddle outcomes over the horizon per underlying");
  }

  private DataStream<FeatureVector> features(DataStream<UnderlyingEvent> events) {
    return events
        .keyBy(UnderlyingEvent::underlying, Types.STRING)
        .process(new FeatureFunction(config.decisionInterval().toMillis()))
        .uid(Uids.FEATURES)
        .name("features: per underlying at each decision tick");
  }

  /**
   * Entry point for {@code flink run}: {@code --config job.yaml} plus {@code --set name=value}
   * overrides; settings also come from {@code GSB_*} environment variables.
   */
  public static void main(String[] args) throws Exception {
    Path file = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--config" -> file = Path.of(args[i + 1]);
        case "--set" -> {
          String[] setting = args[i + 1].split("=", 2);
          if (setting.length != 2) {
            throw new IllegalArgumentException("--set needs name=value, got " + args[i + 1]);
          }
          overrides.put(setting[0], setting[1]);
        }
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    GammaConfig config = ConfigLayers.load(file, System.getenv(), overrides);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    new GammaJob(
            config,
            KafkaEndpoints.create(config)
                .withWebhooksOf(System.getenv(), config.alerts().telegramApi()),
            config.trading().enabled() ? KafkaEndpoints.trading(config) : null)
        .build(env);
    env.execute(NAME);
  }
}
