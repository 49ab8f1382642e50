package io.gammastraddle.gamma;

import io.gammastraddle.execution.ExecutionSink;
import io.gammastraddle.execution.PlacedLabels;
import io.gammastraddle.orders.OrderIntent;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The execution sink with one injected fault: the task fails right after it sent the {@code
 * failAfter}-th order, while that order's answer is still on its way. Flink then restarts the job
 * from its last checkpoint. The counters are static because the MiniCluster runs the tasks in the
 * test's JVM, and the fault must fire once across the restart.
 */
final class FaultySink
    implements Sink<OrderIntent>, SupportsWriterState<OrderIntent, PlacedLabels> {

  static final AtomicInteger PLACED = new AtomicInteger();
  static final AtomicBoolean FIRED = new AtomicBoolean();

  private final ExecutionSink sink;
  private final int failAfter;

  FaultySink(ExecutionSink sink, int failAfter) {
    this.sink = sink;
    this.failAfter = failAfter;
  }

  @Override
  public StatefulSinkWriter<OrderIntent, PlacedLabels> createWriter(WriterInitContext context)
      throws IOException {
    return new Writer(sink.createWriter(context));
  }

  @Override
  public StatefulSinkWriter<OrderIntent, PlacedLabels> restoreWriter(
      WriterInitContext context, Collection<PlacedLabels> state) throws IOException {
    return new Writer(sink.restoreWriter(context, state));
  }

  @Override
  public SimpleVersionedSerializer<PlacedLabels> getWriterStateSerializer() {
    return sink.getWriterStateSerializer();
  }

  private final class Writer implements StatefulSinkWriter<OrderIntent, PlacedLabels> {
    private final StatefulSinkWriter<OrderIntent, PlacedLabels> writer;

    Writer(StatefulSinkWriter<OrderIntent, PlacedLabels> writer) {
      this.writer = writer;
    }

    @Override
    public void write(OrderIntent intent, Context context)
        throws IOException, InterruptedException {
      writer.write(intent, context);
      if (intent.kind() == OrderIntent.Kind.PLACE
          && PLACED.incrementAndGet() >= failAfter
          && !FIRED.getAndSet(true)) {
        throw new IllegalStateException("injected fault after sending " + intent.label());
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      writer.flush(endOfInput);
    }

    @Override
    public List<PlacedLabels> snapshotState(long checkpointId) throws IOException {
      return writer.snapshotState(checkpointId);
    }

    @Override
    public void close() throws Exception {
      writer.close();
    }
  }
}
