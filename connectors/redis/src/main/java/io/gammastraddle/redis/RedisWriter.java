package io.gammastraddle.redis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;

/**
 * Buffers the commands of each element and sends them to Redis in one pipeline when the batch is
 * full, when it has waited {@code maxBufferTime}, and on every {@link #flush}, which Flink calls
 * before each checkpoint: a checkpoint therefore never completes with commands still buffered.
 *
 * <p>Everything runs on the task thread, timers included, so sending is synchronous: a batch that
 * fails to reach Redis is kept and re-sent after a backoff, and if Redis stays away the exception
 * fails the checkpoint or the job instead of dropping the batch. Commands Redis refuses (a key of
 * the wrong type) fail at once: re-sending them cannot help.
 *
 * <p>Metrics: the standard {@code numRecordsSend}, {@code numRecordsSendErrors} and {@code
 * currentSendTime} (milliseconds the last batch took, retries included), {@code redisRetries}, and
 * {@code redisReplayedStreamEntries} (stream entries with an explicit id found already written).
 */
final class RedisWriter<T> implements SinkWriter<T> {

  private static final Logger LOG = LoggerFactory.getLogger(RedisWriter.class);

  private final RedisSinkSettings settings;
  private final RedisSerializer<T> serializer;
  private final ProcessingTimeService timeService;
  private final JedisPooled redis;
  private final Counter recordsSent;
  private final Counter recordsFailed;
  private final Counter retries;
  private final Counter replayedStreamEntries;
  private final List<RedisCommand> batch = new ArrayList<>();
  private int recordsInBatch;
  private boolean sendTimerPending;
  private volatile long lastSendMillis;

  RedisWriter(RedisSinkSettings settings, RedisSerializer<T> serializer, WriterInitContext context)
      throws IOException {
    this.settings = settings;
    this.serializer = serializer;
    this.timeService = context.getProcessingTimeService();
    try {
      serializer.open(context.asSerializationSchemaInitializationContext());
    } catch (Exception e) {
      throw new IOException("Could not open the Redis serializer", e);
    }
    SinkWriterMetricGroup metrics = context.metricGroup();
    this.recordsSent = metrics.getNumRecordsSendCounter();
    this.recordsFailed = metrics.getNumRecordsSendErrorsCounter();
    this.retries = metrics.counter("redisRetries");
    this.replayedStreamEntries = metrics.counter("redisReplayedStreamEntries");
    metrics.setCurrentSendTimeGauge(() -> lastSendMillis);
    this.redis = settings.connect();
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    List<RedisCommand> commands = serializer.serialize(element);
    if (commands.isEmpty()) {
      return;
    }
    batch.addAll(commands);
    recordsInBatch++;
    if (batch.size() >= settings.maxBatchSize()) {
      send();
    } else if (!sendTimerPending) {
      sendTimerPending = true;
      timeService.registerTimer(
          timeService.getCurrentProcessingTime() + settings.maxBufferTime().toMillis(),
          now -> {
            sendTimerPending = false;
            send();
          });
    }
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    send();
  }

  /** Closes the connections; what is still buffered was never flushed, so no checkpoint has it. */
  @Override
  public void close() {
    redis.close();
  }

  private void send() throws IOException, InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    long startedAt = System.nanoTime();
    sendWithRetries();
    lastSendMillis = (System.nanoTime() - startedAt) / 1_000_000;
    recordsSent.inc(recordsInBatch);
    recordsInBatch = 0;
    batch.clear();
  }

  private void sendWithRetries() throws IOException, InterruptedException {
    for (int retry = 0; ; retry++) {
      try {
        sendPipelined();
        return;
      } catch (JedisConnectionException e) {
        if (retry == settings.maxRetries()) {
          recordsFailed.inc(recordsInBatch);
          throw new IOException(
              "Redis at "
                  + settings.address()
                  + " did not take a batch of "
                  + batch.size()
                  + " commands after "
                  + (retry + 1)
                  + " attempts: "
                  + e.getMessage(),
              e);
        }
        long backoffMillis = settings.backoffBefore(retry).toMillis();
        LOG.warn(
            "Redis at {} unreachable ({}); retry {} of {} in {} ms",
            settings.address(),
            e.getMessage(),
            retry + 1,
            settings.maxRetries(),
            backoffMillis);
        retries.inc();
        Thread.sleep(backoffMillis);
      }
    }
  }

  private void sendPipelined() throws IOException {
    List<Response<?>> responses = new ArrayList<>(batch.size());
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (RedisCommand command : batch) {
        responses.add(append(pipeline, command));
      }
      pipeline.sync();
    }
    for (int i = 0; i < responses.size(); i++) {
      try {
        responses.get(i).get();
      } catch (JedisDataException e) {
        if (isReplayedStreamEntry(batch.get(i), e)) {
          replayedStreamEntries.inc();
          continue;
        }
        recordsFailed.inc(recordsInBatch);
        throw new IOException(
            "Redis refused a write to " + batch.get(i).key() + ": " + e.getMessage(), e);
      }
    }
  }

  /** Redis refuses an explicit stream id at or below the last one: the entry is already there. */
  private static boolean isReplayedStreamEntry(RedisCommand command, JedisDataException e) {
    return command instanceof RedisCommand.StreamAdd streamAdd
        && streamAdd.id() != null
        && e.getMessage() != null
        && e.getMessage().contains("equal or smaller than the target stream top item");
  }

  private static final String REPLACE_HASH =
      "redis.call('DEL', KEYS[1]); return redis.call('HSET', KEYS[1], unpack(ARGV))";

  private static Response<?> append(AbstractPipeline pipeline, RedisCommand command) {
    if (command instanceof RedisCommand.HashSet hashSet) {
      return pipeline.hset(hashSet.key(), hashSet.fields());
    }
    if (command instanceof RedisCommand.HashReplace hashReplace) {
      List<String> arguments = new ArrayList<>();
      hashReplace
          .fields()
          .forEach(
              (name, value) -> {
                arguments.add(name);
                arguments.add(value);
              });
      return pipeline.eval(REPLACE_HASH, List.of(hashReplace.key()), arguments);
    }
    if (command instanceof RedisCommand.StreamAdd streamAdd) {
      XAddParams cappedAtAbout =
          XAddParams.xAddParams().maxLen(streamAdd.maxLen()).approximateTrimming();
      if (streamAdd.id() != null) {
        cappedAtAbout.id(streamAdd.id());
      }
      return pipeline.xadd(streamAdd.key(), cappedAtAbout, streamAdd.fields());
    }
    if (command instanceof RedisCommand.SetWithTtl setWithTtl) {
      return pipeline.setex(setWithTtl.key(), setWithTtl.ttlSeconds(), setWithTtl.value());
    }
    throw new IllegalArgumentException("Unknown Redis command " + command);
  }
}
