package io.gammastraddle.redis;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads new entries of its streams with {@code XREAD COUNT n BLOCK ms STREAMS key... id...} on the
 * source's fetcher thread, never on the task thread. Its own position runs ahead of the
 * checkpointed one (entries fetched but not yet emitted); on a restore it starts again from the
 * checkpointed split.
 *
 * <p>A blocking read cannot be interrupted, so {@link #wakeUp} takes effect when the read returns,
 * at most {@code blockTime} later; waits between retries end at once. When Redis fails the read is
 * retried with a growing backoff for as long as it takes, keeping the position: the job goes on and
 * reads what was added during the outage once Redis is back.
 */
final class RedisStreamSplitReader implements SplitReader<StreamEntry, RedisStreamSplit> {

  private final RedisStreamSourceSettings settings;
  private final Counter retries;
  private final JedisPooled redis;
  private final RedisOutage outage;

  /** Per stream, the id of the last entry fetched: the next read returns the entries after it. */
  private final Map<String, StreamEntryID> fetchedUpTo = new LinkedHashMap<>();

  private final Set<String> pausedKeys = new HashSet<>();
  private final Object wakeUpSignal = new Object();
  private boolean wokenUp; // guarded by wakeUpSignal

  RedisStreamSplitReader(RedisStreamSourceSettings settings, Counter retries) {
    this.settings = settings;
    this.retries = retries;
    this.redis = settings.connect();
    this.outage = new RedisOutage(settings, "reading streams " + settings.streamKeys());
  }

  @Override
  public RecordsWithSplitIds<StreamEntry> fetch() {
    RecordsBySplits.Builder<StreamEntry> records = new RecordsBySplits.Builder<>();
    Map<String, StreamEntryID> readable = new LinkedHashMap<>(fetchedUpTo);
    readable.keySet().removeAll(pausedKeys);
    if (readable.isEmpty()) {
      waitUnlessWokenUp(settings.blockTime());
      return records.build();
    }
    List<Map.Entry<String, List<StreamEntry>>> read;
    try {
      read =
          redis.xread(
              XReadParams.xReadParams()
                  .count(settings.maxEntriesPerRead())
                  .block((int) settings.blockTime().toMillis()),
              readable);
      outage.ended();
    } catch (JedisException e) {
      retries.inc();
      waitUnlessWokenUp(outage.failed(e));
      return records.build();
    }
    if (read != null) { // null when the block time passed without new entries
      for (Map.Entry<String, List<StreamEntry>> stream : read) {
        List<StreamEntry> entries = stream.getValue();
        if (!entries.isEmpty()) {
          records.addAll(stream.getKey(), entries);
          fetchedUpTo.put(stream.getKey(), entries.get(entries.size() - 1).getID());
        }
      }
    }
    return records.build();
  }

  @Override
  public void handleSplitsChanges(SplitsChange<RedisStreamSplit> splitsChange) {
    if (!(splitsChange instanceof SplitsAddition)) {
      throw new UnsupportedOperationException(
          "A Redis stream reader only takes splits; it got " + splitsChange);
    }
    for (RedisStreamSplit split : splitsChange.splits()) {
      fetchedUpTo.put(split.streamKey(), new StreamEntryID(split.lastDeliveredId()));
    }
  }

  @Override
  public void pauseOrResumeSplits(
      Collection<RedisStreamSplit> splitsToPause, Collection<RedisStreamSplit> splitsToResume) {
    splitsToPause.forEach(split -> pausedKeys.add(split.streamKey()));
    splitsToResume.forEach(split -> pausedKeys.remove(split.streamKey()));
  }

  @Override
  public void wakeUp() {
    synchronized (wakeUpSignal) {
      wokenUp = true;
      wakeUpSignal.notifyAll();
    }
  }

  @Override
  public void close() {
    redis.close();
  }

  private void waitUnlessWokenUp(Duration wait) {
    synchronized (wakeUpSignal) {
      try {
        if (!wokenUp) {
          wakeUpSignal.wait(wait.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the fetcher is shutting down; it checks the flag
      } finally {
        wokenUp = false;
      }
    }
  }
}
