package io.gammastraddle.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import io.gammastraddle.embedded.EmbeddedServices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording from Kafka: a recording replayed into a real broker and recorded back from the topic
 * gives the same notifications, frame by frame and receive time by receive time, in each
 * instrument's order.
 */
class TopicRecordingIT {
  private static final String TOPIC = "topic-recording.it";

  @TempDir Path dir;

  @Test
  void recordingTheTopicGivesBackTheReplayedFrames() throws Exception {
    List<RecordedFrame> original =
        RecordingRoundTripTest.frames().stream()
            .filter(frame -> isMarketNotification(frame.frame()))
            .toList();
    try (EmbeddedServices services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree())) {
      services.createTopics(Map.of(TOPIC, 3));
      Path source = dir.resolve("source");
      try (RecordingWriter writer =
          new RecordingWriter(source, "source", 1 << 20, Clock.systemUTC())) {
        for (RecordedFrame frame : original) {
          writer.write(frame.recvTsNanos(), frame.frame());
        }
      }
      try (Replayer replayer = new Replayer(services.kafkaBootstrap(), TOPIC)) {
        replayer.replay(source, 0);
      }
      // one value that is not in the format: skipped, the rest recorded
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              io.gammastraddle.bridge.MarketDataBridge.producerProperties(
                  services.kafkaBootstrap(), "topic-recording-it", 0))) {
        producer.send(new ProducerRecord<>(TOPIC, "junk", "{\"channel\":\"x\"}")).get();
      }

      Path copy = dir.resolve("copy");
      try (Recorder recorder = new Recorder(new RecordingWriter(copy, "copy"));
          TopicReader reader = TopicReader.start(services.kafkaBootstrap(), TOPIC, recorder)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> reader.valuesRead() + reader.valuesSkipped() == original.size() + 1);
        assertThat(reader.valuesSkipped()).isEqualTo(1);
      }

      List<RecordedFrame> recorded = new ArrayList<>();
      try (RecordingReader frames = new RecordingReader(copy)) {
        while (frames.hasNext()) {
          recorded.add(frames.next());
        }
      }
      assertThat(byInstrument(recorded)).isEqualTo(byInstrument(original));
    }
  }

  private static boolean isMarketNotification(String frame) {
    SubscriptionParams params = Notifications.subscription(frame);
    return params != null && !params.channel().startsWith("user.");
  }

  /** Kafka keeps each key's order, not the order across keys. */
  private static Map<String, List<RecordedFrame>> byInstrument(List<RecordedFrame> frames) {
    return frames.stream()
        .sorted(Comparator.comparingLong(RecordedFrame::recvTsNanos))
        .collect(
            Collectors.groupingBy(
                frame -> Notifications.subscription(frame.frame()).key(), Collectors.toList()));
  }
}
