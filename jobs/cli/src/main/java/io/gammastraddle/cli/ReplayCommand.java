package io.gammastraddle.cli;

import io.gammastraddle.recording.Replayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gsb replay}: publishes a recording to Kafka as the bridge would have. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description =
        "Publishes a recording (a directory of *.jsonl or *.jsonl.gz files) to Kafka"
            + " deribit.market.raw.")
final class ReplayCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "Recording directory or file.")
  Path recording;

  @Option(names = "--bootstrap", required = true, description = "Kafka bootstrap servers.")
  String bootstrap;

  @Option(names = "--topic", description = "Kafka topic (default: ${DEFAULT-VALUE}).")
  String topic = Replayer.DEFAULT_TOPIC;

  @Option(
      names = "--speed",
      description =
          "Recorded seconds per wall-clock second; 0 replays as fast as possible"
              + " (default: ${DEFAULT-VALUE}).")
  double speed = 0;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(recording)) {
      throw new IllegalArgumentException("No recording at " + recording);
    }
    if (speed < 0) {
      throw new IllegalArgumentException("--speed must not be negative, got " + speed);
    }
    try (Replayer replayer = new Replayer(bootstrap, topic)) {
      Replayer.Result result = replayer.replay(recording, speed);
      System.out.printf(
          "Replayed %s to %s: %,d records published, %,d frames skipped%n",
          recording, topic, result.published(), result.skipped());
    }
    return 0;
  }
}
