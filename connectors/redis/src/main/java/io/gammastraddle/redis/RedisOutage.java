package io.gammastraddle.redis;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Failed attempts to use Redis in a row: logs an outage once when it starts and once when it ends,
 * never per attempt, and says how long to wait before the next attempt (doubling from {@code
 * retryBackoff} up to {@code maxRetryBackoff}). The log names the address, never the password.
 *
 * <p>Every {@link JedisException} counts, not only lost connections: a restarting Redis answers
 * {@code LOADING} for a while, and a key of the wrong type should not stop the job either.
 */
final class RedisOutage {

  private static final Logger LOG = LoggerFactory.getLogger(RedisOutage.class);

  /** Beyond this many doublings the wait is at its cap anyway (and the shift would overflow). */
  private static final int MAX_DOUBLINGS = 20;

  private final RedisStreamSourceSettings settings;
  private final String activity;
  private int failedAttempts;

  /**
   * @param activity what the attempts do, for the log, e.g. "reading streams [gsb:control]"
   */
  RedisOutage(RedisStreamSourceSettings settings, String activity) {
    this.settings = settings;
    this.activity = activity;
  }

  /** Records a failed attempt and returns how long to wait before the next. */
  Duration failed(JedisException e) {
    if (failedAttempts == 0) {
      LOG.warn(
          "Redis at {} failed while {} ({}); retrying until it answers, every {} at most",
          settings.address(),
          activity,
          e.getMessage(),
          settings.maxRetryBackoff());
    }
    Duration backoff =
        settings.retryBackoff().multipliedBy(1L << Math.min(failedAttempts, MAX_DOUBLINGS));
    failedAttempts++;
    return backoff.compareTo(settings.maxRetryBackoff()) < 0 ? backoff : settings.maxRetryBackoff();
  }

  /** Records a successful attempt, which ends the outage if there was one. */
  void ended() {
    if (failedAttempts > 0) {
      LOG.info(
          "Redis at {} answers again after {} failed attempts; {}",
          settings.address(),
          failedAttempts,
          activity);
      failedAttempts = 0;
    }
  }
}
