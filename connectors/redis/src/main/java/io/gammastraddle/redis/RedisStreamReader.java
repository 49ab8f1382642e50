package io.gammastraddle.redis;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A parallel reader of a {@link RedisStreamSource}: one fetcher thread reads all the streams this
 * subtask was given, and the task thread emits their entries. Its checkpointed state is each
 * split's last emitted entry id.
 */
final class RedisStreamReader<T>
    extends SingleThreadMultiplexSourceReaderBase<
        StreamEntry, T, RedisStreamSplit, RedisStreamSplitState> {

  RedisStreamReader(
      Supplier<SplitReader<StreamEntry, RedisStreamSplit>> splitReaders,
      RedisStreamEmitter<T> emitter,
      SourceReaderContext context) {
    super(splitReaders, emitter, context.getConfiguration(), context);
  }

  /** A stream never ends, so no split ever finishes. */
  @Override
  protected void onSplitFinished(Map<String, RedisStreamSplitState> finishedSplits) {}

  @Override
  protected RedisStreamSplitState initializedState(RedisStreamSplit split) {
    return new RedisStreamSplitState(split);
  }

  @Override
  protected RedisStreamSplit toSplitType(String splitId, RedisStreamSplitState state) {
    return state.toSplit();
  }
}
