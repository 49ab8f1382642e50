package io.gammastraddle.gamma.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each element as one line of JSON (Jackson's form of the record) to a file: the backtest's
 * outputs, which its report reads.
 *
 * <p>Written by hand because Flink's {@code FileSink} writes part files that it commits at
 * checkpoints, while a backtest wants one plain file per output. One writer owns the file, so the
 * sink runs with parallelism 1, and it starts the file afresh: a backtest that fails is run again
 * from its start (it has no restart strategy), not resumed.
 */
public final class JsonLinesSink<T> implements Sink<T> {

  private final String file;

  public JsonLinesSink(Path file) {
    this.file = file.toAbsolutePath().toString();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
    if (parallelism != 1) {
      throw new IllegalStateException(
          "A JSON Lines file has one writer, but the sink of " + file + " runs " + parallelism);
    }
    return new Writer<>(Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8));
  }

  private static final class Writer<T> implements SinkWriter<T> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    Writer(BufferedWriter out) {
      this.out = out;
    }

    @Override
    public void write(T element, Context context) throws IOException {
      out.write(JSON.writeValueAsString(element));
      out.newLine();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
