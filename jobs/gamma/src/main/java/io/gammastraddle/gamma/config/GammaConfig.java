package io.gammastraddle.gamma.config;

import io.gammastraddle.registry.ModelTopic;
import io.gammastraddle.risk.RiskLimits;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's settings, typed, with their defaults. Every setting has a dotted name ({@code
 * kafka.bootstrap}); {@link ConfigLayers} merges a YAML file, the environment ({@code
 * GSB_KAFKA_BOOTSTRAP}) and command-line overrides, in that order, into the map {@link #from}
 * reads.
 */
public record GammaConfig(
    String kafkaBootstrap,
    String marketTopic,
    String featuresTopic,
    String samplesTopic,
    String predictionsTopic,
    String modelsTopic,
    String alertsTopic,
    String deadLetterTopic,
    String consumerGroup,
    String redisHost,
    int redisPort,
    Duration decisionInterval,
    Duration maxOutOfOrderness,
    Duration idleness,
    int bookDepthLevels,
    double impactAmount,
    Duration minTimeToExpiry,
    Duration labelHorizon,
    Duration candidateInterval,
    Scoring scoring,
    Training training,
    Trading trading,
    Alerts alerts)
    implements Serializable {

  /**
   * How the job scores and when it stops trusting a model (DESIGN sections 8 and 10).
   *
   * @param predictionTimeout a prediction that takes longer is discarded for the fallback
   * @param healthWindow resolved samples in the rolling MAE and R² (MODEL_HEALTH_WINDOW)
   * @param driftThreshold PSI above which a feature is drifting (FEATURE_DRIFT_THRESHOLD)
   * @param driftWindow vectors in the PSI window, at least {@code DriftMonitor.MIN_WINDOW}
   * @param driftInterval the window takes one vector per underlying this often at most, as the
   *     training samples are spaced ({@code labels.candidate-interval}); features remembering
   *     longer are checked against their training range instead of by PSI
   * @param minPositionScale, maxPositionScale bounds of the confidence scale on the size
   * @param engine what evaluates the models: the project's pure-Java evaluator, or LightGBM's
   *     native library through lightgbm4j, for comparison
   */
  public record Scoring(
      Duration predictionTimeout,
      int healthWindow,
      double driftThreshold,
      int driftWindow,
      Duration driftInterval,
      double minPositionScale,
      double maxPositionScale,
      Engine engine)
      implements Serializable {

    /** The values of {@code scoring.engine}. */
    public enum Engine {
      PURE_JAVA("pure-java"),
      LIGHTGBM4J("lightgbm4j");

      private final String setting;

      Engine(String setting) {
        this.setting = setting;
      }

      static Engine of(String setting) {
        for (Engine engine : values()) {
          if (engine.setting.equals(setting)) {
            return engine;
          }
        }
        throw new IllegalArgumentException(
            "scoring.engine must be pure-java or lightgbm4j, got " + setting);
      }
    }

    public Scoring {
      if (minPositionScale > maxPositionScale) {
        throw new IllegalArgumentException(
            "scoring.min-position-scale ("
                + minPositionScale
                + ") must not exceed scoring.max-position-scale ("
                + maxPositionScale
                + ")");
      }
    }
  }

  /**
   * When and on what the trainer refits (DESIGN section 10).
   *
   * @param trainEvery refit with the current hyperparameters this often (TRAIN_FREQ)
   * @param minSamples fewest samples worth a refit (MIN_TRAIN_SAMPLES)
   * @param searchEvery rerun the hyperparameter search this often
   * @param searchTrials TPE trials per search
   * @param datasetWindow samples older than this (by entry time) leave the dataset
   * @param importanceThreshold features whose share of the gain is below it are reported
   */
  public record Training(
      Duration trainEvery,
      int minSamples,
      Duration searchEvery,
      int searchTrials,
      Duration datasetWindow,
      double importanceThreshold)
      implements Serializable {}

  /**
   * The trading loop (issue 7; docs/trading.md): where orders go and the strategy's limits.
   *
   * @param enabled whether the job trades at all; without it the job stops at predictions
   * @param mode paper (the simulator), testnet or live
   * @param realMoneyConfirmed live trading's second key, {@code --i-understand-real-money}
   * @param venue the exchange's JSON-RPC WebSocket URL
   * @param paperAccount the simulator's paper account (the client id the job authenticates with)
   * @param userTopic the account's order, trade and portfolio notifications
   * @param ordersTopic the audit log of every order intent
   * @param controlTopic operators' commands to the strategy (the kill switch's reset)
   * @param minEdge forecast realized volatility above implied to enter, in volatility points
   * @param maxSpread widest relative spread of the underlying's book to enter
   * @param minLiquidity lowest {@code liquidity_score} to enter
   * @param recentVolWeight weight of the last hour's realized volatility in the forecast
   * @param hedgeBand hedge at once above this absolute delta, coin
   * @param hedgeInterval hedge smaller deltas too when no hedge went out for this long
   * @param orderTimeout how long an order may rest unfilled before it is re-priced
   * @param maxSlippage the farthest a limit price may be from the reference, a fraction
   * @param postOnlyEntries entries rest post-only at the bid ({@code orders.entry-policy
   *     post-only}) rather than take the ask ({@code ioc})
   * @param exitBeforeExpiry close a straddle this long before its expiry
   * @param limits the risk manager's limits
   */
  public record Trading(
      boolean enabled,
      String mode,
      boolean realMoneyConfirmed,
      String venue,
      String paperAccount,
      String userTopic,
      String ordersTopic,
      String controlTopic,
      double minEdge,
      double maxSpread,
      double minLiquidity,
      double recentVolWeight,
      double hedgeBand,
      Duration hedgeInterval,
      Duration orderTimeout,
      double maxSlippage,
      boolean postOnlyEntries,
      Duration exitBeforeExpiry,
      RiskLimits limits)
      implements Serializable {

    public Trading {
      if (!List.of("paper", "testnet", "live").contains(mode)) {
        throw new IllegalArgumentException(
            "trading.mode must be paper, testnet or live, got " + mode);
      }
      if (mode.equals("live") && !realMoneyConfirmed) {
        throw new IllegalArgumentException(
            "trading.mode live trades real money: it also needs"
                + " trading.i-understand-real-money=true (--i-understand-real-money)");
      }
      if (!(maxSlippage < 1)) {
        throw new IllegalArgumentException(
            "trading.max-slippage must be below 1, got " + maxSlippage);
      }
    }
  }

  /**
   * The alert patterns' thresholds and the cooldown (DESIGN sections 10 and 11; docs/alerts.md).
   *
   * @param feedSilence an underlying whose market data stops this long raises {@code feed_silent}
   * @param bookGaps book gaps of one underlying within {@code bookGapsWindow} that raise {@code
   *     book_gaps}
   * @param bookGapsWindow see {@code bookGaps}
   * @param fallbackStreak predictions in a row on the fallback parameters that raise {@code
   *     fallback_streak}
   * @param orderRejects orders the exchange rejects within {@code orderRejectsWindow} that raise
   *     {@code order_rejects}
   * @param orderRejectsWindow see {@code orderRejects}
   * @param cooldown an alert of the same type and subject within this is suppressed, and counted in
   *     the next one delivered (ALERT_COOLDOWN)
   * @param telegramApi the Telegram Bot API's base URL (another for tests or a proxy)
   */
  public record Alerts(
      Duration feedSilence,
      int bookGaps,
      Duration bookGapsWindow,
      int fallbackStreak,
      int orderRejects,
      Duration orderRejectsWindow,
      Duration cooldown,
      String telegramApi)
      implements Serializable {

    public Alerts {
      // The feed pulses at most once a second (FeedPulses): a shorter silence would always hold.
      if (feedSilence.compareTo(Duration.ofSeconds(2)) < 0) {
        throw new IllegalArgumentException(
            "alerts.feed-silence must be at least 2s (the feed pulses once a second), got "
                + feedSilence);
      }
    }
  }

  public GammaConfig {
    if (labelHorizon.compareTo(minTimeToExpiry) >= 0) {
      throw new IllegalArgumentException(
          "labels.horizon ("
              + labelHorizon
              + ") must be shorter than chain.min-time-to-expiry ("
              + minTimeToExpiry
              + "): a followed straddle must not expire within its horizon");
    }
  }

  /**
   * Settings that trade at every chance, for tests and the tick-to-order benchmark on the
   * simulator: any edge, entries that take the ask, an exit at once (every straddle is within the
   * exit's time before expiry), a hedge of any delta above 0.01 coin, and Greeks limits out of the
   * way (a straddle a day from expiry has several times the default gamma limit, so whether the
   * default limits let an entry through depends on the time of day).
   */
  public static final Map<String, String> EAGER_TRADING =
      Map.of(
          "trading.enabled", "true",
          "strategy.min-edge", "-1000",
          "orders.entry-policy", "ioc",
          "exit.before-expiry", "100000h",
          "hedge.band", "0.01",
          "risk.max-delta", "1000",
          "risk.max-gamma", "1000",
          "risk.max-vega", "1000000000",
          "risk.max-premium", "1000000000",
          "risk.max-var", "1000000000");

  /** Every setting with its default, in the order the docs list them. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("kafka.bootstrap", "localhost:9092");
    defaults.put("topics.market", "deribit.market.raw");
    defaults.put("topics.features", "gsb.features");
    defaults.put("topics.samples", "gsb.samples");
    defaults.put("topics.predictions", "gsb.predictions");
    defaults.put("topics.models", "gsb.models");
    defaults.put("topics.alerts", "gsb.alerts");
    defaults.put("topics.dlq", "gsb.dlq");
    defaults.put("kafka.group", "gsb-gamma");
    defaults.put("redis.host", "localhost");
    defaults.put("redis.port", "6379");
    defaults.put("features.decision-interval", "1s");
    defaults.put("events.max-out-of-orderness", "200ms");
    defaults.put("events.idleness", "5s");
    defaults.put("book.depth-levels", "10");
    defaults.put("book.impact-amount", "1");
    defaults.put("chain.min-time-to-expiry", "24h");
    defaults.put("labels.horizon", "6h");
    defaults.put("labels.candidate-interval", "5m");
    defaults.put("scoring.prediction-timeout", "100ms");
    defaults.put("scoring.health-window", "100");
    defaults.put("scoring.drift-threshold", "0.1");
    defaults.put("scoring.drift-window", "500");
    defaults.put("scoring.drift-interval", "5m");
    defaults.put("scoring.min-position-scale", "0.5");
    defaults.put("scoring.max-position-scale", "2.0");
    defaults.put("scoring.engine", "pure-java");
    defaults.put("trainer.train-every", "1h");
    defaults.put("trainer.min-samples", "1000");
    defaults.put("trainer.search-every", "24h");
    defaults.put("trainer.search-trials", "30");
    defaults.put("trainer.dataset-window", "720h");
    defaults.put("trainer.importance-threshold", "0.01");
    defaults.put("trading.enabled", "false");
    defaults.put("trading.mode", "paper");
    defaults.put("trading.i-understand-real-money", "false");
    defaults.put("trading.venue", "ws://localhost:8765/ws/api/v2");
    defaults.put("trading.paper-account", "gsb-paper");
    defaults.put("topics.user", "deribit.user.raw");
    defaults.put("topics.orders", "gsb.orders");
    defaults.put("topics.control", "gsb.control");
    defaults.put("strategy.min-edge", "2");
    defaults.put("strategy.max-spread", "0.05");
    defaults.put("strategy.min-liquidity", "0.1");
    defaults.put("strategy.recent-vol-weight", "0.5");
    defaults.put("hedge.band", "0.1");
    defaults.put("hedge.interval", "5m");
    defaults.put("orders.timeout", "5s");
    defaults.put("orders.max-slippage", "0.03");
    defaults.put("orders.entry-policy", "post-only");
    defaults.put("exit.before-expiry", "12h");
    RiskLimits limits = RiskLimits.defaults();
    defaults.put("risk.max-delta", String.valueOf(limits.maxDeltaCoin()));
    defaults.put("risk.max-gamma", String.valueOf(limits.maxGamma()));
    defaults.put("risk.max-vega", String.valueOf(limits.maxVegaUsd()));
    defaults.put("risk.max-premium", String.valueOf(limits.maxPremiumAtRiskUsd()));
    defaults.put("risk.max-open-straddles", String.valueOf(limits.maxOpenStraddles()));
    defaults.put("risk.max-var", String.valueOf(limits.maxValueAtRiskUsd()));
    defaults.put("risk.daily-loss-limit", String.valueOf(limits.dailyLossLimitUsd()));
    defaults.put("risk.max-drawdown", String.valueOf(limits.maxDrawdown()));
    defaults.put("risk.max-data-age", limits.maxDataAge().toMillis() + "ms");
    defaults.put("alerts.feed-silence", "30s");
    defaults.put("alerts.book-gaps", "3");
    defaults.put("alerts.book-gaps-window", "60s");
    defaults.put("alerts.fallback-streak", "10");
    defaults.put("alerts.order-rejects", "5");
    defaults.put("alerts.order-rejects-window", "60s");
    defaults.put("alerts.cooldown", "300s");
    defaults.put("alerts.telegram-api", "https://api.telegram.org");
    return Map.copyOf(defaults);
  }

  public static GammaConfig defaultConfig() {
    return from(Map.of());
  }

  /**
   * Reads settings over the defaults.
   *
   * @throws IllegalArgumentException naming the setting, for an unknown name or a bad value
   */
  public static GammaConfig from(Map<String, String> settings) {
    for (String name : settings.keySet()) {
      if (!DEFAULTS.containsKey(name)) {
        throw new IllegalArgumentException("Unknown setting " + name);
      }
    }
    Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
    merged.putAll(settings);
    return new GammaConfig(
        text(merged, "kafka.bootstrap"),
        text(merged, "topics.market"),
        text(merged, "topics.features"),
        text(merged, "topics.samples"),
        text(merged, "topics.predictions"),
        text(merged, "topics.models"),
        text(merged, "topics.alerts"),
        text(merged, "topics.dlq"),
        text(merged, "kafka.group"),
        text(merged, "redis.host"),
        positiveInt(merged, "redis.port"),
        duration(merged, "features.decision-interval"),
        duration(merged, "events.max-out-of-orderness"),
        duration(merged, "events.idleness"),
        positiveInt(merged, "book.depth-levels"),
        positiveDouble(merged, "book.impact-amount"),
        duration(merged, "chain.min-time-to-expiry"),
        duration(merged, "labels.horizon"),
        duration(merged, "labels.candidate-interval"),
        new Scoring(
            duration(merged, "scoring.prediction-timeout"),
            positiveInt(merged, "scoring.health-window"),
            positiveDouble(merged, "scoring.drift-threshold"),
            positiveInt(merged, "scoring.drift-window"),
            duration(merged, "scoring.drift-interval"),
            positiveDouble(merged, "scoring.min-position-scale"),
            positiveDouble(merged, "scoring.max-position-scale"),
            Scoring.Engine.of(text(merged, "scoring.engine"))),
        new Training(
            duration(merged, "trainer.train-every"),
            positiveInt(merged, "trainer.min-samples"),
            duration(merged, "trainer.search-every"),
            positiveInt(merged, "trainer.search-trials"),
            duration(merged, "trainer.dataset-window"),
            positiveDouble(merged, "trainer.importance-threshold")),
        trading(merged),
        new Alerts(
            duration(merged, "alerts.feed-silence"),
            positiveInt(merged, "alerts.book-gaps"),
            duration(merged, "alerts.book-gaps-window"),
            positiveInt(merged, "alerts.fallback-streak"),
            positiveInt(merged, "alerts.order-rejects"),
            duration(merged, "alerts.order-rejects-window"),
            duration(merged, "alerts.cooldown"),
            text(merged, "alerts.telegram-api")));
  }

  private static Trading trading(Map<String, String> merged) {
    return new Trading(
        bool(merged, "trading.enabled"),
        text(merged, "trading.mode"),
        bool(merged, "trading.i-understand-real-money"),
        text(merged, "trading.venue"),
        text(merged, "trading.paper-account"),
        text(merged, "topics.user"),
        text(merged, "topics.orders"),
        text(merged, "topics.control"),
        finiteDouble(merged, "strategy.min-edge"),
        positiveDouble(merged, "strategy.max-spread"),
        positiveDouble(merged, "strategy.min-liquidity"),
        positiveDouble(merged, "strategy.recent-vol-weight"),
        positiveDouble(merged, "hedge.band"),
        duration(merged, "hedge.interval"),
        duration(merged, "orders.timeout"),
        positiveDouble(merged, "orders.max-slippage"),
        entryPolicy(text(merged, "orders.entry-policy")),
        duration(merged, "exit.before-expiry"),
        new RiskLimits(
            positiveDouble(merged, "risk.max-delta"),
            positiveDouble(merged, "risk.max-gamma"),
            positiveDouble(merged, "risk.max-vega"),
            positiveDouble(merged, "risk.max-premium"),
            positiveInt(merged, "risk.max-open-straddles"),
            positiveDouble(merged, "risk.max-var"),
            positiveDouble(merged, "risk.daily-loss-limit"),
            positiveDouble(merged, "risk.max-drawdown"),
            duration(merged, "risk.max-data-age")));
  }

  private static boolean entryPolicy(String value) {
    return switch (value) {
      case "post-only" -> true;
      case "ioc" -> false;
      default ->
          throw new IllegalArgumentException(
              "orders.entry-policy must be post-only or ioc, got " + value);
    };
  }

  private static double finiteDouble(Map<String, String> settings, String name) {
    try {
      double value = Double.parseDouble(text(settings, name));
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(name + " must be finite, got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got " + settings.get(name));
    }
  }

  private static boolean bool(Map<String, String> settings, String name) {
    String value = text(settings, name);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got " + value);
    };
  }

  /** The same settings, pointed at other Kafka and Redis servers (embedded ones, say). */
  public GammaConfig withServers(String kafkaBootstrap, String redisHost, int redisPort) {
    return new GammaConfig(
        kafkaBootstrap,
        marketTopic,
        featuresTopic,
        samplesTopic,
        predictionsTopic,
        modelsTopic,
        alertsTopic,
        deadLetterTopic,
        consumerGroup,
        redisHost,
        redisPort,
        decisionInterval,
        maxOutOfOrderness,
        idleness,
        bookDepthLevels,
        impactAmount,
        minTimeToExpiry,
        labelHorizon,
        candidateInterval,
        scoring,
        training,
        trading,
        alerts);
  }

  /** The topics the job reads and writes, with partition counts for creating them. */
  public Map<String, Integer> topicPartitions(int marketPartitions) {
    return Map.of(
        marketTopic,
        marketPartitions,
        featuresTopic,
        1,
        samplesTopic,
        1,
        predictionsTopic,
        1,
        modelsTopic,
        1,
        alertsTopic,
        1,
        deadLetterTopic,
        1,
        trading.userTopic(),
        1,
        trading.ordersTopic(),
        1,
        trading.controlTopic(),
        1);
  }

  /**
   * Topic-level settings the job relies on: {@code gsb.models} is compacted (the latest bundle of
   * each role survives) and takes bundles of several megabytes.
   */
  public Map<String, Map<String, String>> topicConfigs() {
    return Map.of(
        modelsTopic,
        Map.of(
            "cleanup.policy",
            "compact",
            "max.message.bytes",
            String.valueOf(ModelTopic.MAX_MESSAGE_BYTES)));
  }

  private static String text(Map<String, String> settings, String name) {
    String value = settings.get(name).trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }

  private static int positiveInt(Map<String, String> settings, String name) {
    try {
      int value = Integer.parseInt(text(settings, name));
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got " + settings.get(name));
    }
  }

  private static double positiveDouble(Map<String, String> settings, String name) {
    try {
      double value = Double.parseDouble(text(settings, name));
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got " + settings.get(name));
    }
  }

  /** Durations as {@code 250ms}, {@code 5s}, {@code 2m} or {@code 1h}. */
  static Duration duration(Map<String, String> settings, String name) {
    String value = text(settings, name);
    try {
      Duration duration;
      if (value.endsWith("ms")) {
        duration = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      } else if (value.endsWith("s")) {
        duration = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      } else if (value.endsWith("m")) {
        duration = Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      } else if (value.endsWith("h")) {
        duration = Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
      } else {
        throw new NumberFormatException();
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return duration;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a duration like 250ms, 5s, 2m or 1h, got " + value);
    }
  }
}
