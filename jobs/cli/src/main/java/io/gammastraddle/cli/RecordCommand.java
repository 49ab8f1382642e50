package io.gammastraddle.cli;

import io.gammastraddle.deribit.chain.MarketChannels;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.recording.Recorder;
import io.gammastraddle.recording.RecordingWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gsb record}: writes Deribit's (or the simulator's) market data to a recording, the same
 * channels the bridge follows, frames verbatim (format: connectors/recording/README.md).
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = "Records Deribit market data to a directory of *.jsonl.gz files.")
final class RecordCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RecordCommand.class);

  @Option(names = "--url", required = true, description = "Deribit WebSocket URL.")
  URI url;

  @Option(names = "--out", required = true, description = "Recording directory.")
  Path out;

  @Option(
      names = "--currencies",
      split = ",",
      description = "Currencies to follow (default: ${DEFAULT-VALUE}).")
  List<String> currencies = List.of("BTC", "ETH");

  @Option(names = "--duration", description = "Stop after this many seconds (default: run).")
  Long durationSeconds;

  @Override
  public Integer call() throws Exception {
    if (durationSeconds != null && durationSeconds <= 0) {
      throw new IllegalArgumentException("--duration must be positive, got " + durationSeconds);
    }
    try (StopSignal stop = StopSignal.install("gsb-record-stop");
        Recorder recorder = new Recorder(new RecordingWriter(out, "deribit"));
        ResilientConnection connection =
            ResilientConnection.open(
                url,
                recorder,
                reconnects -> LOG.info("reconnected ({}); channels resubscribed", reconnects),
                ResilientConnection.Settings.defaults())) {
      List<String> channels = MarketChannels.discover(connection, currencies, "100ms", true);
      ResilientConnection.await(connection.subscribe(channels));
      System.out.println("Recording " + channels.size() + " channels from " + url + " to " + out);
      recorder.stopped().whenComplete((done, failure) -> stop.request());
      if (durationSeconds == null) {
        stop.await();
      } else {
        stop.await(durationSeconds, TimeUnit.SECONDS);
      }
      if (recorder.stopped().isCompletedExceptionally()) {
        recorder.stopped().join();
      }
      System.out.printf("Recorded %,d frames%n", recorder.framesRecorded());
    }
    return 0;
  }
}
