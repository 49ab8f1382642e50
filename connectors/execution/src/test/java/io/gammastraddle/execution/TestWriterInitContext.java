package io.gammastraddle.execution;

import java.util.OptionalLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.MetricsGroupTestUtils;
import org.apache.flink.streaming.runtime.tasks.StreamTaskActionExecutor;
import org.apache.flink.streaming.runtime.tasks.mailbox.MailboxExecutorImpl;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailboxImpl;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * What Flink hands the execution writer: a real mailbox on the thread that creates this context
 * (the writer's replies come back through it, and {@code flush} yields to it) and metrics a test
 * can read. The connector-base module's {@code TestSinkInitContext} needs a test-utils class this
 * project does not have.
 */
final class TestWriterInitContext implements WriterInitContext {

  private final MetricListener metrics = new MetricListener();
  private final SinkWriterMetricGroup metricGroup =
      MetricsGroupTestUtils.mockWriterMetricGroup(metrics.getMetricGroup());
  private final MailboxExecutor mailbox =
      new MailboxExecutorImpl(
          new TaskMailboxImpl(Thread.currentThread()), 0, StreamTaskActionExecutor.IMMEDIATE);

  long counter(String name) {
    return metrics.getCounter(name).orElseThrow().getCount();
  }

  Histogram histogram(String name) {
    return metrics.getHistogram(name).orElseThrow();
  }

  /** Runs the replies that have arrived, as the task's mailbox loop does between records. */
  void runMail() {
    while (mailbox.tryYield()) {
      // each call runs one mail
    }
  }

  @Override
  public MailboxExecutor getMailboxExecutor() {
    return mailbox;
  }

  @Override
  public SinkWriterMetricGroup metricGroup() {
    return metricGroup;
  }

  @Override
  public TaskInfo getTaskInfo() {
    return new TaskInfoImpl("Deribit orders", 1, 0, 1, 0);
  }

  @Override
  public JobInfo getJobInfo() {
    return new JobInfoImpl(new JobID(), "execution-sink-test");
  }

  @Override
  public OptionalLong getRestoredCheckpointId() {
    return OptionalLong.empty();
  }

  @Override
  public UserCodeClassLoader getUserCodeClassLoader() {
    return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
  }

  @Override
  public ProcessingTimeService getProcessingTimeService() {
    throw new UnsupportedOperationException("the execution writer sets no timers");
  }

  @Override
  public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
    throw new UnsupportedOperationException("the execution writer has no serialization schema");
  }

  @Override
  public boolean isObjectReuseEnabled() {
    return false;
  }

  @Override
  public <IN> TypeSerializer<IN> createInputSerializer() {
    throw new UnsupportedOperationException("the execution writer does not copy its input");
  }
}
