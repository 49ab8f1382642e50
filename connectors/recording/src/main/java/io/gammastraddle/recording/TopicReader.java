package io.gammastraddle.recording;

import io.gammastraddle.deribit.websocket.NotificationListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code deribit.market.raw} (or any topic in its format) from its first record and hands
 * each value back to a {@link NotificationListener} as the frame it came from, with its {@code
 * recv_ts}: {@code gsb record --from-kafka} records what the bridge wrote, as {@link Recorder}
 * records a WebSocket. A value not in the format is counted, logged once, and skipped (it stays in
 * Kafka); the recording goes on.
 */
public final class TopicReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<String, String> consumer;
  private final NotificationListener listener;
  private final Thread thread;
  private final LongAdder valuesRead = new LongAdder();
  private final LongAdder valuesSkipped = new LongAdder();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  private TopicReader(String bootstrapServers, String topic, NotificationListener listener) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // a group of its own: recording never moves another reader's offsets
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "gsb-record-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    this.consumer = new KafkaConsumer<>(properties);
    consumer.subscribe(List.of(topic));
    this.listener = Objects.requireNonNull(listener, "listener");
    this.thread = new Thread(this::run, "gsb-topic-reader");
    thread.setDaemon(true);
  }

  /** Starts reading {@code topic} on a thread of its own; {@link #close()} stops it. */
  public static TopicReader start(
      String bootstrapServers, String topic, NotificationListener listener) {
    TopicReader reader = new TopicReader(bootstrapServers, topic, listener);
    reader.thread.start();
    return reader;
  }

  /** Values handed to the listener. */
  public long valuesRead() {
    return valuesRead.sum();
  }

  /** Values that were not in the {@code deribit.market.raw} format. */
  public long valuesSkipped() {
    return valuesSkipped.sum();
  }

  /** Completes when reading stops: normally after {@link #close()}, exceptionally on a failure. */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /**
   * Stops reading and waits until the last value handed over has been dealt with. Safe to call more
   * than once.
   */
  @Override
  public synchronized void close() throws InterruptedException {
    if (thread.isAlive()) {
      consumer.wakeup();
      thread.join();
    }
  }

  private void run() {
    try (consumer) {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          hand(record);
        }
      }
    } catch (WakeupException closing) {
      // close() asked to stop
    } catch (RuntimeException failure) {
      LOG.error("reading Kafka stopped: {}", failure.toString());
      stopped.completeExceptionally(failure);
    }
    stopped.complete(null);
  }

  private void hand(ConsumerRecord<String, String> record) {
    RecordedFrame frame;
    try {
      frame = RecordedFrame.fromMarketValue(record.value());
    } catch (IllegalArgumentException | NullPointerException notOurs) {
      valuesSkipped.increment();
      if (valuesSkipped.sum() == 1) {
        LOG.warn(
            "skipping {}-{}@{}: {} (later ones are only counted)",
            record.topic(),
            record.partition(),
            record.offset(),
            notOurs.getMessage());
      }
      return;
    }
    listener.onNotification(frame.frame(), frame.recvTsNanos());
    valuesRead.increment();
  }
}
