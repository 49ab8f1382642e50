package io.gammastraddle.redis;

import java.util.OptionalLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.MetricsGroupTestUtils;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * What Flink hands a sink writer, with metrics a test can read and a clock it moves by hand. The
 * connector-base module's {@code TestSinkInitContext} plays this part in Flink's own tests but
 * needs test jars this project does not otherwise use.
 */
final class TestWriterInitContext implements WriterInitContext {

  final MetricListener metrics = new MetricListener();
  final TestProcessingTimeService clock = new TestProcessingTimeService();
  private final SinkWriterMetricGroup metricGroup =
      MetricsGroupTestUtils.mockWriterMetricGroup(metrics.getMetricGroup());

  long counter(String name) {
    return metrics.getCounter(name).orElseThrow().getCount();
  }

  @Override
  public UserCodeClassLoader getUserCodeClassLoader() {
    return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
  }

  @Override
  public MailboxExecutor getMailboxExecutor() {
    throw new UnsupportedOperationException("RedisWriter does not use the mailbox");
  }

  @Override
  public TestProcessingTimeService getProcessingTimeService() {
    return clock;
  }

  @Override
  public SinkWriterMetricGroup metricGroup() {
    return metricGroup;
  }

  @Override
  public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
    return new SerializationSchema.InitializationContext() {
      @Override
      public MetricGroup getMetricGroup() {
        return metricGroup;
      }

      @Override
      public UserCodeClassLoader getUserCodeClassLoader() {
        return TestWriterInitContext.this.getUserCodeClassLoader();
      }
    };
  }

  @Override
  public boolean isObjectReuseEnabled() {
    return false;
  }

  @Override
  public <IN> TypeSerializer<IN> createInputSerializer() {
    throw new UnsupportedOperationException("RedisWriter does not copy its input");
  }

  @Override
  public OptionalLong getRestoredCheckpointId() {
    return OptionalLong.empty();
  }

  @Override
  public JobInfo getJobInfo() {
    return new JobInfoImpl(new JobID(), "redis-sink-test");
  }

  @Override
  public TaskInfo getTaskInfo() {
    return new TaskInfoImpl("Redis sink", 1, 0, 1, 0);
  }
}
