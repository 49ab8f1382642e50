package io.gammastraddle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gammastraddle.embedded.EmbeddedServices;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

/**
 * The source in a Flink job on a MiniCluster against a real Redis server. Each test reads its own
 * stream keys, so a job still cancelling cannot disturb the next test. A job has started reading
 * once it emits one of the probe entries the test keeps adding ({@link #awaitReading}).
 */
class RedisStreamSourceIT {

  private static final int PARALLELISM = 2;

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2 * PARALLELISM)
              .build());

  /** What the jobs emitted, "{key} {command}" each; the MiniCluster runs in this JVM. */
  private static final Queue<String> EMITTED = new ConcurrentLinkedQueue<>();

  private static EmbeddedServices services;
  private static JedisPooled redis;

  @BeforeAll
  static void startRedis() throws IOException {
    services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree());
    // Checks each connection before use: some tests restart Redis under this client.
    ConnectionPoolConfig checkedPool = new ConnectionPoolConfig();
    checkedPool.setTestOnBorrow(true);
    redis = new JedisPooled(checkedPool, services.redisHost(), services.redisPort());
  }

  @AfterAll
  static void stopRedis() throws IOException {
    redis.close();
    services.close();
  }

  @Test
  void readsInOrderOnlyTheEntriesAddedAfterTheJobStarted() throws Exception {
    String control = "gsb:test:start:control";
    String other = "gsb:test:start:other";
    add(control, "old-1", "old-2");
    add(other, "old-1");

    JobClient job = start(null, control, other);
    try {
      awaitReading(control);
      awaitReading(other);
      add(control, "a1", "a2", "a3", "a4", "a5");
      add(other, "b1", "b2", "b3");

      await().until(() -> emitted(control).contains("a5") && emitted(other).contains("b3"));
      assertThat(withoutProbes(emitted(control))).containsExactly("a1", "a2", "a3", "a4", "a5");
      assertThat(withoutProbes(emitted(other))).containsExactly("b1", "b2", "b3");
      assertThat(emitted(control)).doesNotHaveDuplicates();
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void aJobRestoredFromASavepointReadsWhatWasAddedWhileItWasStoppedAndNothingTwice(
      @TempDir Path savepoints) throws Exception {
    String control = "gsb:test:restore:control";
    JobClient first = start(null, control);
    awaitReading(control);
    add(control, "c1", "c2", "c3");
    await().until(() -> emitted(control).contains("c3"));
    String savepoint =
        first
            .stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
            .get();

    add(control, "d1", "d2", "d3");
    JobClient restored = start(savepoint, control);
    try {
      add(control, "e1");

      await().until(() -> emitted(control).contains("e1"));
      assertThat(withoutProbes(emitted(control)))
          .containsExactly("c1", "c2", "c3", "d1", "d2", "d3", "e1");
      assertThat(emitted(control)).doesNotHaveDuplicates();
    } finally {
      restored.cancel().get();
    }
  }

  @Test
  void aJobKeepsRunningThroughARedisRestartAndReadsWhatFollowsIt() throws Exception {
    String control = "gsb:test:outage:control";
    JobClient job = start(null, control);
    try {
      awaitReading(control);
      add(control, "f1");
      await().until(() -> emitted(control).contains("f1"));

      services.stopRedis();
      Thread.sleep(2_000);
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      services.startRedis();
      add(control, "g1", "g2");

      await().until(() -> emitted(control).contains("g2"));
      assertThat(withoutProbes(emitted(control))).containsExactly("f1", "g1", "g2");
      assertThat(emitted(control)).doesNotHaveDuplicates();
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
    } finally {
      job.cancel().get();
    }
  }

  @Test
  void aJobStartedWhileRedisIsDownReadsOnceRedisIsBack() throws Exception {
    String control = "gsb:test:late:control";
    add(control, "old-1");
    services.stopRedis();
    JobClient job;
    try {
      job = start(null, control);
      await().until(() -> job.getJobStatus().get() == JobStatus.RUNNING);
      Thread.sleep(1_000);
    } finally {
      services.startRedis();
    }
    try {
      awaitReading(control);
      add(control, "h1");

      await().until(() -> emitted(control).contains("h1"));
      assertThat(withoutProbes(emitted(control))).containsExactly("h1");
    } finally {
      job.cancel().get();
    }
  }

  private static JobClient start(String savepoint, String... streamKeys) throws Exception {
    Configuration settings = new Configuration();
    if (savepoint != null) {
      settings.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(settings);
    env.setParallelism(PARALLELISM);
    RedisStreamSource<String> source =
        RedisStreamSource.<String>builder()
            .setHost(services.redisHost())
            .setPort(services.redisPort())
            .setStreamKeys(streamKeys)
            .setDeserializer(new KeyAndCommand())
            // Short waits keep cancelling and recovering within the tests' seconds.
            .setBlockTime(Duration.ofMillis(200))
            .setRetryBackoff(Duration.ofMillis(50))
            .setMaxRetryBackoff(Duration.ofMillis(500))
            .build();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "Redis streams")
        .uid("redis-streams")
        .sinkTo(new EmittedSink())
        .name("emitted");
    return env.executeAsync("redis-stream-source-it");
  }

  /** Adds probe entries until the job emits one: from then on it reads every entry added. */
  private static void awaitReading(String key) {
    AtomicInteger probes = new AtomicInteger();
    await()
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              add(key, "probe-" + probes.incrementAndGet());
              return emitted(key).stream().anyMatch(command -> command.startsWith("probe-"));
            });
  }

  private static void add(String key, String... commands) {
    for (String command : commands) {
      redis.xadd(key, StreamEntryID.NEW_ENTRY, Map.of("command", command));
    }
  }

  /** The commands emitted from {@code key}'s stream, in the order the job emitted them. */
  private static List<String> emitted(String key) {
    return EMITTED.stream()
        .filter(value -> value.startsWith(key + " "))
        .map(value -> value.substring(key.length() + 1))
        .toList();
  }

  private static List<String> withoutProbes(List<String> commands) {
    return commands.stream().filter(command -> !command.startsWith("probe-")).toList();
  }

  /** Adds every value to {@link #EMITTED}. */
  private static final class EmittedSink implements Sink<String> {
    @Override
    public SinkWriter<String> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(String value, Context context) {
          EMITTED.add(value);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
