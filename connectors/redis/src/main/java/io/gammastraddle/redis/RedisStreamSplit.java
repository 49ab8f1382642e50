package io.gammastraddle.redis;

import static java.util.Objects.requireNonNull;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One Redis stream read by a {@link RedisStreamSource}, with the id of the last entry the source
 * emitted from it: reading resumes after that entry, so a restored job neither repeats nor skips
 * one. The split id is the stream's key.
 *
 * @param streamKey the stream's key
 * @param lastDeliveredId {@code millis-sequence}; {@code 0-0} before any entry
 */
public record RedisStreamSplit(String streamKey, String lastDeliveredId) implements SourceSplit {

  /** Where reading starts in a stream that does not exist yet or is empty: at its first entry. */
  static final String BEFORE_FIRST_ENTRY = "0-0";

  public RedisStreamSplit {
    requireNonNull(streamKey, "streamKey");
    requireNonNull(lastDeliveredId, "lastDeliveredId");
    if (!lastDeliveredId.matches("\\d+-\\d+")) {
      throw new IllegalArgumentException(
          "lastDeliveredId of stream "
              + streamKey
              + " must be millis-sequence, got "
              + lastDeliveredId);
    }
  }

  @Override
  public String splitId() {
    return streamKey;
  }
}
