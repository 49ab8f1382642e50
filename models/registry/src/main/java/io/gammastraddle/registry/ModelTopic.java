package io.gammastraddle.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The contract of the compacted {@code gsb.models} topic (DESIGN section 4): the key says which
 * role the bundle plays in the job, the value is the bundle as JSON (the registry's own format). A
 * record with an empty value under {@link #SHADOW} ends shadow scoring. Compaction keeps the latest
 * bundle of each role, so a job started from the earliest offset gets the current one.
 */
public final class ModelTopic {

  /** The key of the bundle the job trades with. */
  public static final String CURRENT = "current";

  /** The key of a candidate scored beside the current bundle and compared, never traded. */
  public static final String SHADOW = "shadow";

  /**
   * The largest bundle the topic, producers and the job's source accept: three models of a thousand
   * trees of 31 leaves take 8.75 MB of text (2.92 MB each, measured by ScoringBenchmark's models);
   * Kafka's default limit is 1 MB.
   */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelTopic() {}

  public static byte[] encode(ModelBundle bundle) {
    try {
      return JSON.writeValueAsBytes(bundle);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write bundle " + bundle.version(), e);
    }
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a bundle
   */
  public static ModelBundle decode(byte[] value) {
    try {
      return JSON.readValue(value, ModelBundle.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Not a model bundle: " + e.getMessage(), e);
    }
  }
}
