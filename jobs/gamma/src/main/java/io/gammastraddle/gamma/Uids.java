package io.gammastraddle.gamma;

/**
 * Operator uids. They name each operator's state in checkpoints and savepoints, so they never
 * change once released, whatever the classes are called: a changed uid orphans its state on
 * upgrade.
 */
public final class Uids {

  public static final String DECODE = "decode";
  public static final String ROUTE = "route";
  public static final String BOOKS = "books";
  public static final String CHAIN = "chain";
  public static final String FEATURES = "features";
  public static final String FEATURES_KAFKA = "features-kafka-sink";
  public static final String FEATURES_REDIS = "features-redis-sink";
  public static final String LABELS = "labels";
  public static final String SAMPLES_KAFKA = "samples-kafka-sink";
  public static final String CHAIN_REDIS = "chain-redis-sink";
  public static final String DEAD_LETTERS_KAFKA = "dead-letters-kafka-sink";
  public static final String MODELS = "models-source";
  public static final String SCORING = "scoring";
  public static final String PREDICTIONS_KAFKA = "predictions-kafka-sink";
  public static final String PREDICTIONS_REDIS = "predictions-redis-sink";
  public static final String MODEL_REDIS = "model-redis-sink";
  public static final String ALERTS_KAFKA = "alerts-kafka-sink";
  public static final String ALERTS_REDIS = "alerts-redis-sink";
  // The counting patterns (book gaps, fallback streak, order rejects) add "-{count}": see
  // AlertPatterns.
  public static final String ALERTS_FEED_SILENT = "alerts-feed-silent";
  public static final String ALERTS_BOOK_GAPS = "alerts-book-gaps";
  public static final String ALERTS_MODEL_UNHEALTHY = "alerts-model-unhealthy";
  public static final String ALERTS_FALLBACK_STREAK = "alerts-fallback-streak";
  public static final String ALERTS_RISK_LIMIT_BREACH = "alerts-risk-limit-breach";
  public static final String ALERTS_KILL_SWITCH_TRIPPED = "alerts-kill-switch-tripped";
  public static final String ALERTS_ORDER_REJECTS = "alerts-order-rejects";
  public static final String ALERTS_COOLDOWN = "alerts-cooldown";
  public static final String ALERTS_SLACK = "alerts-slack-sink";
  public static final String ALERTS_TELEGRAM = "alerts-telegram-sink";
  public static final String ACCOUNT = "account-source";
  public static final String ACCOUNT_DEAD_LETTERS_KAFKA = "account-dead-letters-kafka-sink";
  public static final String CONTROL = "control-source";
  public static final String DASHBOARD_CONTROL = "dashboard-control-source";
  public static final String STRATEGY = "strategy";
  public static final String EXECUTION = "execution-sink";
  public static final String ORDERS_KAFKA = "orders-kafka-sink";
  public static final String TRADING_REDIS = "trading-redis-sink";
  public static final String EVENT_TIME_ORDER = "backtest-event-time-order";
  public static final String VENUE_FILLS = "backtest-venue-fills-sink";

  private Uids() {}
}
