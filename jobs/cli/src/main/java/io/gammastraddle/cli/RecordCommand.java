package io.gammastraddle.cli;

import io.gammastraddle.bridge.MarketDataBridge;
import io.gammastraddle.deribit.chain.MarketChannels;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.recording.Recorder;
import io.gammastraddle.recording.RecordingWriter;
import io.gammastraddle.recording.TopicReader;
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
 * channels the bridge follows, frames verbatim (format: connectors/recording/README.md); or, with
 * {@code --from-kafka}, what the bridge wrote to {@code deribit.market.raw}, turned back into its
 * frames.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = "Records Deribit market data to a directory of *.jsonl.gz files.")
final class RecordCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RecordCommand.class);

  @Option(names = "--url", description = "Deribit WebSocket URL to record from.")
  URI url;

  @Option(
      names = "--from-kafka",
      paramLabel = "BOOTSTRAP",
      description = "Record a Kafka topic in deribit.market.raw's format instead, from its start.")
  String kafkaBootstrap;

  @Option(
      names = "--topic",
      description = "With --from-kafka: the topic (default: ${DEFAULT-VALUE}).")
  String topic = MarketDataBridge.Config.DEFAULT_TOPIC;

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
    if ((url == null) == (kafkaBootstrap == null)) {
      throw new IllegalArgumentException("give exactly one of --url and --from-kafka");
    }
    if (kafkaBootstrap != null) {
      return recordTopic();
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
      awaitStop(stop);
      if (recorder.stopped().isCompletedExceptionally()) {
        recorder.stopped().join();
      }
      System.out.printf("Recorded %,d frames%n", recorder.framesRecorded());
    }
    return 0;
  }

  private int recordTopic() throws Exception {
    try (StopSignal stop = StopSignal.install("gsb-record-stop");
        Recorder recorder = new Recorder(new RecordingWriter(out, "deribit"));
        TopicReader reader = TopicReader.start(kafkaBootstrap, topic, recorder)) {
      System.out.println("Recording Kafka topic " + topic + " on " + kafkaBootstrap + " to " + out);
      recorder.stopped().whenComplete((done, failure) -> stop.request());
      reader.stopped().whenComplete((done, failure) -> stop.request());
      awaitStop(stop);
      reader.close();
      if (recorder.stopped().isCompletedExceptionally()) {
        recorder.stopped().join();
      }
      reader.stopped().join();
      System.out.printf(
          "Recorded %,d frames (%,d values not in the format skipped)%n",
          recorder.framesRecorded(), reader.valuesSkipped());
    }
    return 0;
  }

  private void awaitStop(StopSignal stop) throws InterruptedException {
    if (durationSeconds == null) {
      stop.await();
    } else {
      stop.await(durationSeconds, TimeUnit.SECONDS);
    }
  }
}
