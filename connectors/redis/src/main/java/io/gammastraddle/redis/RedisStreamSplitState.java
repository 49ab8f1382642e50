package io.gammastraddle.redis;

/**
 * The mutable position of a {@link RedisStreamSplit} while its reader runs. Only the record emitter
 * moves it, after an entry's values were emitted, so a checkpoint holds exactly what the job has
 * seen.
 */
final class RedisStreamSplitState {

  private final String streamKey;
  private String lastDeliveredId;

  RedisStreamSplitState(RedisStreamSplit split) {
    this.streamKey = split.streamKey();
    this.lastDeliveredId = split.lastDeliveredId();
  }

  String streamKey() {
    return streamKey;
  }

  void delivered(String entryId) {
    lastDeliveredId = entryId;
  }

  RedisStreamSplit toSplit() {
    return new RedisStreamSplit(streamKey, lastDeliveredId);
  }
}
