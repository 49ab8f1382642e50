package io.gammastraddle.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.util.FlinkRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Gives each stream's split to one reader. On a job's first start it asks Redis for each stream's
 * newest entry, so the job reads only what is added after it started; that position goes into the
 * split before any reader runs, and so into the first checkpoint: an entry added between the start
 * and a reader's first read is still read.
 *
 * <p>Asking Redis happens on a worker thread and is retried for as long as Redis is away: a Redis
 * outage must not fail the job. Everything else runs on the coordinator thread.
 */
final class RedisStreamEnumerator
    implements SplitEnumerator<RedisStreamSplit, RedisStreamEnumeratorState> {

  private static final Logger LOG = LoggerFactory.getLogger(RedisStreamEnumerator.class);

  private final SplitEnumeratorContext<RedisStreamSplit> context;
  private final RedisStreamSourceSettings settings;
  private final List<RedisStreamSplit> unassignedSplits;
  private final List<String> unresolvedKeys;

  RedisStreamEnumerator(
      SplitEnumeratorContext<RedisStreamSplit> context,
      RedisStreamSourceSettings settings,
      RedisStreamEnumeratorState state) {
    this.context = context;
    this.settings = settings;
    this.unassignedSplits = new ArrayList<>(state.unassignedSplits());
    this.unresolvedKeys = new ArrayList<>(state.unresolvedKeys());
  }

  @Override
  public void start() {
    if (!unresolvedKeys.isEmpty()) {
      List<String> keys = List.copyOf(unresolvedKeys);
      context.callAsync(() -> splitsAfterNewestEntries(keys), this::addResolvedSplits);
    }
  }

  /** Readers get their splits pushed as soon as they register; they never need to ask. */
  @Override
  public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {}

  /** A reader failed before checkpointing these splits: its replacement gets them back. */
  @Override
  public void addSplitsBack(List<RedisStreamSplit> splits, int subtaskId) {
    unassignedSplits.addAll(splits);
    assignUnassignedSplits();
  }

  @Override
  public void addReader(int subtaskId) {
    assignUnassignedSplits();
  }

  @Override
  public RedisStreamEnumeratorState snapshotState(long checkpointId) {
    return new RedisStreamEnumeratorState(unassignedSplits, unresolvedKeys);
  }

  /** Nothing to release: the worker thread's connections close when it stops. */
  @Override
  public void close() {}

  /** Runs on a worker thread; returns only once Redis answered, or throws when interrupted. */
  private List<RedisStreamSplit> splitsAfterNewestEntries(List<String> keys)
      throws InterruptedException {
    RedisOutage outage = new RedisOutage(settings, "finding the newest entry of " + keys);
    try (JedisPooled redis = settings.connect()) {
      while (true) {
        try {
          List<RedisStreamSplit> splits = new ArrayList<>();
          for (String key : keys) {
            splits.add(new RedisStreamSplit(key, newestEntryId(redis, key)));
          }
          outage.ended();
          return splits;
        } catch (JedisException e) {
          Thread.sleep(outage.failed(e).toMillis());
        }
      }
    }
  }

  private static String newestEntryId(JedisPooled redis, String key) {
    List<StreamEntry> newest = redis.xrevrange(key, "+", "-", 1);
    return newest.isEmpty()
        ? RedisStreamSplit.BEFORE_FIRST_ENTRY
        : newest.get(0).getID().toString();
  }

  private void addResolvedSplits(
      @Nullable List<RedisStreamSplit> splits, @Nullable Throwable error) {
    if (error instanceof InterruptedException) {
      return; // the job is stopping
    }
    if (error != null) {
      throw new FlinkRuntimeException("Could not find where the Redis streams end", error);
    }
    LOG.info("Reading the Redis streams of {} after their entries {}", settings.address(), splits);
    unresolvedKeys.clear();
    unassignedSplits.addAll(splits);
    assignUnassignedSplits();
  }

  private void assignUnassignedSplits() {
    Map<Integer, List<RedisStreamSplit>> bySubtask = new HashMap<>();
    Iterator<RedisStreamSplit> unassigned = unassignedSplits.iterator();
    while (unassigned.hasNext()) {
      RedisStreamSplit split = unassigned.next();
      int owner = Math.floorMod(split.streamKey().hashCode(), context.currentParallelism());
      if (context.registeredReaders().containsKey(owner)) {
        bySubtask.computeIfAbsent(owner, subtask -> new ArrayList<>()).add(split);
        unassigned.remove();
      }
    }
    if (!bySubtask.isEmpty()) {
      context.assignSplits(new SplitsAssignment<>(bySubtask));
    }
  }
}
