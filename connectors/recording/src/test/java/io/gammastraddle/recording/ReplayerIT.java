package io.gammastraddle.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import io.gammastraddle.embedded.EmbeddedServices;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay of a recording into a real Kafka broker. */
class ReplayerIT {

  private static final String TOPIC = "replay.it.raw";
  private static final String PACED_TOPIC = "replay.it.paced";

  private static EmbeddedServices services;

  @TempDir Path dir;

  @BeforeAll
  static void startKafka() throws Exception {
    services = EmbeddedServices.start(new EmbeddedServices.Ports(0, 0));
    services.createTopics(Map.of(TOPIC, 3, PACED_TOPIC, 1));
  }

  @AfterAll
  static void stopKafka() throws IOException {
    if (services != null) {
      services.close();
    }
  }

  @Test
  void publishesEverySubscriptionKeyedByInstrumentInRecordedOrderAndSkipsTheRest()
      throws Exception {
    List<RecordedFrame> frames = RecordingRoundTripTest.frames();
    record(frames, 64 * 1024);
    Map<String, List<String>> expectedByKey = new LinkedHashMap<>();
    long notSubscriptions = 0;
    for (RecordedFrame frame : frames) {
      SubscriptionParams params = Notifications.subscription(frame.frame());
      if (params == null || params.channel().startsWith("user.")) {
        notSubscriptions++;
      } else {
        expectedByKey
            .computeIfAbsent(params.key(), key -> new ArrayList<>())
            .add(Notifications.paramsWithReceiveTime(frame.frame(), frame.recvTsNanos()));
      }
    }
    long expectedRecords = frames.size() - notSubscriptions;

    Replayer.Result result;
    try (Replayer replayer = new Replayer(services.kafkaBootstrap(), TOPIC)) {
      result = replayer.replay(dir, Replayer.AS_FAST_AS_POSSIBLE);
    }

    assertThat(notSubscriptions)
        .as("the fixtures hold responses, heartbeats and private user channels")
        .isPositive();
    assertThat(records(frames, "user.")).as("user channels in the input").isPositive();
    assertThat(result).isEqualTo(new Replayer.Result(expectedRecords, notSubscriptions));
    List<ConsumerRecord<String, String>> records = consume(TOPIC, expectedRecords);
    assertThat(records).hasSize((int) expectedRecords);
    Map<String, List<String>> actualByKey = new LinkedHashMap<>();
    Map<String, Integer> partitionByKey = new HashMap<>();
    for (ConsumerRecord<String, String> record : records) {
      actualByKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record.value());
      assertThat(partitionByKey.computeIfAbsent(record.key(), key -> record.partition()))
          .as("one partition per key")
          .isEqualTo(record.partition());
    }
    assertThat(actualByKey).containsExactlyInAnyOrderEntriesOf(expectedByKey);
    assertThat(actualByKey).containsKeys("BTC-PERPETUAL", "ETH-PERPETUAL", "btc_usd", "eth_usd");
  }

  private static long records(List<RecordedFrame> frames, String channelPrefix) {
    return frames.stream()
        .map(frame -> Notifications.subscription(frame.frame()))
        .filter(params -> params != null && params.channel().startsWith(channelPrefix))
        .count();
  }

  @Test
  void pacesByTheRecordedGapsDividedBySpeed() throws Exception {
    List<RecordedFrame> frames = new ArrayList<>();
    long start = 1_795_617_837_000_000_000L;
    for (int i = 0; i <= 20; i++) {
      long recvTs = start + i * 100_000_000L; // 2 s of recorded time
      frames.add(
          new RecordedFrame(
              recvTs,
              "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":"
                  + "\"deribit_price_index.btc_usd\",\"data\":{\"index_name\":\"btc_usd\","
                  + "\"price\":60000.5,\"timestamp\":"
                  + recvTs / 1_000_000
                  + "}}}"));
    }
    record(frames, RecordingWriter.DEFAULT_ROTATE_BYTES);

    try (Replayer replayer = new Replayer(services.kafkaBootstrap(), PACED_TOPIC)) {
      replayer.replay(dir, Replayer.AS_FAST_AS_POSSIBLE); // warms the producer up
      long started = System.nanoTime();
      Replayer.Result result = replayer.replay(dir, 10);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(result).isEqualTo(new Replayer.Result(21, 0));
      assertThat(took).isBetween(Duration.ofMillis(200), Duration.ofMillis(1_500));
    }
    assertThat(consume(PACED_TOPIC, 42)).hasSize(42);
  }

  @Test
  void failsWhenKafkaRefusesARecord() throws Exception {
    record(RecordingRoundTripTest.frames(), RecordingWriter.DEFAULT_ROTATE_BYTES);

    try (Replayer replayer = new Replayer(services.kafkaBootstrap(), "not a valid topic name")) {
      assertThatThrownBy(() -> replayer.replay(dir, Replayer.AS_FAST_AS_POSSIBLE))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("Kafka refused a record")
          .hasCauseInstanceOf(InvalidTopicException.class);
    }
  }

  private void record(List<RecordedFrame> frames, long rotateBytes) throws IOException {
    try (RecordingWriter writer =
        new RecordingWriter(dir, "replay-it", rotateBytes, Clock.systemUTC())) {
      for (RecordedFrame frame : frames) {
        writer.write(frame.recvTsNanos(), frame.frame());
      }
    }
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, long expected) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = services.consumerFromStart(List.of(topic))) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ZERO)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
              });
      consumer.poll(Duration.ofMillis(300)).forEach(records::add); // no more than expected
    }
    return records;
  }
}
