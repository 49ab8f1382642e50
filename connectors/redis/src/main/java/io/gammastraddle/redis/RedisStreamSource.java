package io.gammastraddle.redis;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * An unbounded Flink source of the entries added to Redis streams ({@code XADD}) after the job
 * first started, each read once: the checkpointed position of a stream is the id of the last entry
 * emitted, so a job restored from a checkpoint or savepoint goes on after it, reading what was
 * added while it was stopped, nothing twice. Build one with {@link #builder()}.
 *
 * <p>Each stream is one split, read by one parallel reader; readers without a stream stay idle, so
 * a source of one stream belongs at parallelism 1. A Redis outage, at the start or while reading,
 * is logged once and retried until Redis is back; it never fails the job. Values carry their
 * entry's time ({@code millis} of its id) as timestamp.
 *
 * <p>Two limits: a job that fails before its first checkpoint starts again after the then-newest
 * entry, and a Redis server that restarts without its data and is then given entries with explicit
 * ids below the position is not read until its ids pass it (ids Redis assigns itself come from its
 * clock and do pass it).
 *
 * <p>Metric per reader: {@code redisReadRetries}, reads retried after Redis failed.
 *
 * @param <T> the type of the values the source emits
 */
public final class RedisStreamSource<T>
    implements Source<T, RedisStreamSplit, RedisStreamEnumeratorState>, ResultTypeQueryable<T> {

  private static final long serialVersionUID = 1L;

  private final RedisStreamSourceSettings settings;
  private final RedisStreamDeserializer<T> deserializer;

  RedisStreamSource(RedisStreamSourceSettings settings, RedisStreamDeserializer<T> deserializer) {
    this.settings = settings;
    this.deserializer = deserializer;
  }

  public static <T> RedisStreamSourceBuilder<T> builder() {
    return new RedisStreamSourceBuilder<>();
  }

  RedisStreamSourceSettings settings() {
    return settings;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<RedisStreamSplit, RedisStreamEnumeratorState> createEnumerator(
      SplitEnumeratorContext<RedisStreamSplit> context) {
    return new RedisStreamEnumerator(
        context, settings, RedisStreamEnumeratorState.firstStart(settings.streamKeys()));
  }

  @Override
  public SplitEnumerator<RedisStreamSplit, RedisStreamEnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<RedisStreamSplit> context, RedisStreamEnumeratorState checkpoint) {
    return new RedisStreamEnumerator(context, settings, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<RedisStreamSplit> getSplitSerializer() {
    return new RedisStreamSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<RedisStreamEnumeratorState> getEnumeratorCheckpointSerializer() {
    return new RedisStreamEnumeratorStateSerializer();
  }

  @Override
  public SourceReader<T, RedisStreamSplit> createReader(SourceReaderContext context)
      throws Exception {
    deserializer.open(
        new DeserializationSchema.InitializationContext() {
          @Override
          public MetricGroup getMetricGroup() {
            return context.metricGroup().addGroup("deserializer");
          }

          @Override
          public UserCodeClassLoader getUserCodeClassLoader() {
            return context.getUserCodeClassLoader();
          }
        });
    Counter retries = context.metricGroup().counter("redisReadRetries");
    return new RedisStreamReader<>(
        () -> new RedisStreamSplitReader(settings, retries),
        new RedisStreamEmitter<>(deserializer),
        context);
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return deserializer.getProducedType();
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "RedisStreamSource[" + settings + "]";
  }
}
