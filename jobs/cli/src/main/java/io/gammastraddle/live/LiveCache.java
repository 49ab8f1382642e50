package io.gammastraddle.live;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.gamma.alerts.AlertCache;
import io.gammastraddle.gamma.chain.ChainCache;
import io.gammastraddle.gamma.features.FeatureCache;
import io.gammastraddle.gamma.scoring.ModelCache;
import io.gammastraddle.gamma.scoring.PredictionCache;
import io.gammastraddle.gamma.strategy.TradingCache;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.JedisPooled;

/**
 * Reads the live cache the job writes to Redis (DESIGN section 5) into a {@link LiveSnapshot}, with
 * the key names and field layouts of the job's own writers ({@link FeatureCache}, {@link
 * PredictionCache}, {@link ModelCache}, {@link TradingCache}, {@link ChainCache}, {@link
 * AlertCache}). The reads are separate commands, not a transaction: a snapshot may mix two of the
 * job's updates, which a page refreshed every second does not mind.
 */
final class LiveCache implements AutoCloseable {

  /** How many of the latest alerts a snapshot carries. */
  static final int ALERTS = 20;

  /** The model's identity before its metrics, as {@link ModelCache} writes them. */
  private static final List<String> MODEL_FIRST =
      List.of("version", "trained_at", "expires_at", "trained_from", "trained_to");

  private final JedisPooled redis;
  private final List<String> underlyings;
  private final Clock clock;

  LiveCache(JedisPooled redis, List<String> underlyings, Clock clock) {
    this.redis = redis;
    this.underlyings = List.copyOf(underlyings);
    this.clock = clock;
  }

  LiveSnapshot snapshot() {
    long time = clock.millis();
    Map<String, String> greeks = redis.hgetAll(TradingCache.GREEKS);
    Map<String, String> pnl = redis.hgetAll(TradingCache.PNL);
    Map<String, LiveSnapshot.Underlying> views = new LinkedHashMap<>();
    for (String underlying : underlyings) {
      views.put(
          underlying,
          new LiveSnapshot.Underlying(
              ordered(redis.hgetAll(FeatureCache.KEY_PREFIX + underlying), FeatureSchema.NAMES),
              ordered(redis.hgetAll(PredictionCache.KEY_PREFIX + underlying), List.of()),
              ordered(redis.hgetAll(TradingCache.POSITIONS + underlying), List.of()),
              ordered(redis.hgetAll(ChainCache.KEY_PREFIX + underlying), List.of()),
              fieldsOf(underlying, greeks),
              fieldsOf(underlying, pnl)));
    }
    List<LiveSnapshot.AlertEntry> alerts =
        redis.xrevrange(AlertCache.KEY, "+", "-", ALERTS).stream()
            .map(entry -> new LiveSnapshot.AlertEntry(entry.getID().toString(), entry.getFields()))
            .toList();
    return new LiveSnapshot(
        time, heartbeat(), ordered(redis.hgetAll(ModelCache.KEY), MODEL_FIRST), views, alerts);
  }

  private LiveSnapshot.Heartbeat heartbeat() {
    String eventTime = redis.get(FeatureCache.HEARTBEAT_KEY);
    long expiresIn = redis.ttl(FeatureCache.HEARTBEAT_KEY);
    // -2: it expired between the two reads
    return eventTime == null || expiresIn == -2
        ? null
        : new LiveSnapshot.Heartbeat(Long.parseLong(eventTime), expiresIn);
  }

  /**
   * One underlying's fields of a portfolio-wide hash, whose fields the job prefixes with the
   * underlying ({@code BTC.delta}, {@code ETH.realized_usd}), without the prefix.
   */
  static Map<String, String> fieldsOf(String underlying, Map<String, String> hash) {
    String prefix = underlying + ".";
    Map<String, String> fields = new TreeMap<>();
    hash.forEach(
        (name, value) -> {
          if (name.startsWith(prefix)) {
            fields.put(name.substring(prefix.length()), value);
          }
        });
    return fields;
  }

  /** The hash with {@code first} in that order, then its other fields by name (Redis's is none). */
  static Map<String, String> ordered(Map<String, String> hash, List<String> first) {
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String name : first) {
      String value = hash.get(name);
      if (value != null) {
        ordered.put(name, value);
      }
    }
    new TreeMap<>(hash).forEach(ordered::putIfAbsent);
    return ordered;
  }

  @Override
  public void close() {
    redis.close();
  }
}
