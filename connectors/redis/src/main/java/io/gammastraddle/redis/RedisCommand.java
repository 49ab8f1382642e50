package io.gammastraddle.redis;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One write to Redis, produced by a {@link RedisSerializer} and sent by the {@link RedisSink}. Each
 * kind is an immutable value named after what it does to its key.
 */
public sealed interface RedisCommand
    permits RedisCommand.HashSet,
        RedisCommand.HashReplace,
        RedisCommand.StreamAdd,
        RedisCommand.SetWithTtl {

  /** The key this command writes. */
  String key();

  /**
   * {@code HSET key field value ...}: sets these fields of a hash and leaves its other fields.
   * Idempotent, so a replay after a failure writes the same state again.
   */
  record HashSet(String key, Map<String, String> fields) implements RedisCommand {
    public HashSet {
      requireNonNull(key, "key");
      fields = nonEmptyCopy(key, fields);
    }
  }

  /**
   * {@code XADD key MAXLEN ~ maxLen id field value ...}: appends an entry to a stream, which Redis
   * trims to about {@code maxLen} entries (the {@code ~} lets it trim whole nodes, cheaply).
   *
   * <p>With an explicit {@code id} ({@code millis-sequence}, e.g. the event's time and a sequence
   * number) the write is idempotent: Redis refuses an id not above the stream's last one, and the
   * sink takes that refusal as "already written", so a replay after a failure appends nothing
   * twice. Ids must then grow with every entry of the key. Without one (null), Redis assigns the
   * next id and a replay can append an entry twice.
   */
  record StreamAdd(String key, long maxLen, String id, Map<String, String> fields)
      implements RedisCommand {
    public StreamAdd {
      requireNonNull(key, "key");
      if (maxLen <= 0) {
        throw new IllegalArgumentException("maxLen of stream " + key + " must be positive");
      }
      if (id != null && !id.matches("\\d+-\\d+")) {
        throw new IllegalArgumentException(
            "id of a " + key + " entry must be millis-sequence, got " + id);
      }
      fields = nonEmptyCopy(key, fields);
    }

    /** An entry whose id Redis assigns. */
    public StreamAdd(String key, long maxLen, Map<String, String> fields) {
      this(key, maxLen, null, fields);
    }
  }

  /**
   * The hash becomes exactly these fields, atomically ({@code DEL} and {@code HSET} in one script),
   * so a field dropped from the state (a closed position) disappears, and no reader sees the hash
   * empty in between. Idempotent.
   */
  record HashReplace(String key, Map<String, String> fields) implements RedisCommand {
    public HashReplace {
      requireNonNull(key, "key");
      fields = nonEmptyCopy(key, fields);
    }
  }

  /** {@code SET key value EX ttlSeconds}: a value that disappears unless written again in time. */
  record SetWithTtl(String key, String value, long ttlSeconds) implements RedisCommand {
    public SetWithTtl {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
      if (ttlSeconds <= 0) {
        throw new IllegalArgumentException("ttlSeconds of " + key + " must be positive");
      }
    }
  }

  /** Redis stores neither null nor an empty hash or entry, so both fail here, naming the key. */
  private static Map<String, String> nonEmptyCopy(String key, Map<String, String> fields) {
    requireNonNull(fields, "fields");
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("fields of " + key + " must not be empty");
    }
    fields.forEach(
        (name, value) -> {
          if (name == null || value == null) {
            throw new IllegalArgumentException(
                "fields of " + key + " must not contain null: " + name + "=" + value);
          }
        });
    // Insertion order is kept: it is the order of the fields in a stream entry.
    return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
