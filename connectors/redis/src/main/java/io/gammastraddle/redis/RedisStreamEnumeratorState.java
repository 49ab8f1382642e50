package io.gammastraddle.redis;

import java.util.List;

/**
 * What the {@link RedisStreamSource}'s enumerator checkpoints: the splits no reader holds yet, and
 * the streams whose starting point is not known yet because Redis has not answered since the job
 * started. Splits held by readers are in the readers' own state.
 *
 * @param unassignedSplits splits waiting for their reader to register
 * @param unresolvedKeys streams to start after their newest entry, once Redis answers
 */
public record RedisStreamEnumeratorState(
    List<RedisStreamSplit> unassignedSplits, List<String> unresolvedKeys) {

  public RedisStreamEnumeratorState {
    unassignedSplits = List.copyOf(unassignedSplits);
    unresolvedKeys = List.copyOf(unresolvedKeys);
  }

  /** A job's first start: every stream is still to be resolved. */
  static RedisStreamEnumeratorState firstStart(List<String> streamKeys) {
    return new RedisStreamEnumeratorState(List.of(), streamKeys);
  }
}
