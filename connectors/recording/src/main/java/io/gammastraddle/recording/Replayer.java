package io.gammastraddle.recording;

import io.gammastraddle.bridge.MarketDataBridge;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a recording to Kafka as the bridge would have: the core of {@code gsb replay}.
 *
 * <p>Each {@code subscription} notification becomes one record keyed by its instrument or index
 * name ({@link SubscriptionParams#key()}) whose value is its params object verbatim with the
 * recorded {@code recv_ts} in front ({@link SubscriptionParams#withReceiveTime(long)}), the {@code
 * deribit.market.raw} format of DESIGN section 4. Other frames (responses, heartbeats) and private
 * {@code user.*} notifications (not market data) are skipped and counted. The producer is
 * idempotent with {@code acks=all}, so each instrument's records land in one partition in recorded
 * order, without duplicates from retries.
 *
 * <pre>{@code
 * try (Replayer replayer = new Replayer("localhost:9092", Replayer.DEFAULT_TOPIC)) {
 *   Replayer.Result result = replayer.replay(Path.of("recordings"), 10);
 * }
 * }</pre>
 */
public final class Replayer implements AutoCloseable {

  public static final String DEFAULT_TOPIC = "deribit.market.raw";

  /** {@link #replay} publishes as fast as Kafka takes the records. */
  public static final double AS_FAST_AS_POSSIBLE = Double.POSITIVE_INFINITY;

  private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
  private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * What a replay did.
   *
   * @param published records Kafka acknowledged
   * @param skipped frames that are not subscription notifications
   */
  public record Result(long published, long skipped) {}

  private final Producer<String, String> producer;
  private final String topic;

  /**
   * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port...]}
   * @param topic the topic to publish to, usually {@value #DEFAULT_TOPIC}
   */
  public Replayer(String bootstrapServers, String topic) {
    this(
        new KafkaProducer<>(MarketDataBridge.producerProperties(bootstrapServers, "gsb-replay", 5)),
        topic);
  }

  Replayer(Producer<String, String> producer, String topic) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  /**
   * Publishes every subscription notification of a recording and returns once Kafka has
   * acknowledged all of them.
   *
   * @param recording a recording directory or file (see {@link RecordingReader})
   * @param speed how many times faster than recorded to publish: each frame waits until its {@code
   *     recv_ts} distance from the first frame, divided by {@code speed}, has passed; {@code speed
   *     <= 0} or {@link #AS_FAST_AS_POSSIBLE} means no waiting. A gap between recording sessions is
   *     waited out like any other.
   * @throws IOException if the recording cannot be read or Kafka refuses a record
   * @throws MalformedRecordingException if a line of the recording is malformed; the records before
   *     it are published
   */
  public Result replay(Path recording, double speed) throws IOException, InterruptedException {
    boolean paced = speed > 0 && speed != Double.POSITIVE_INFINITY;
    AtomicReference<Exception> sendError = new AtomicReference<>();
    long published = 0;
    long skipped = 0;
    long firstRecvTs = 0;
    long startedNanos = System.nanoTime();
    try (RecordingReader frames = new RecordingReader(recording)) {
      while (frames.hasNext()) {
        RecordedFrame frame = frames.next();
        SubscriptionParams params = frame.marketNotification();
        if (params == null) {
          skipped++;
          continue;
        }
        if (published == 0) {
          firstRecvTs = frame.recvTsNanos();
        } else if (paced) {
          waitUntil(startedNanos + (long) ((frame.recvTsNanos() - firstRecvTs) / speed));
        }
        try {
          producer.send(
              MarketDataBridge.record(topic, params, frame.recvTsNanos()),
              (metadata, error) -> {
                if (error != null) {
                  sendError.compareAndSet(null, error);
                }
              });
        } catch (KafkaException e) {
          sendError.compareAndSet(null, e);
        }
        published++;
        throwIfFailed(sendError);
      }
      producer.flush();
      throwIfFailed(sendError);
      LOG.info(
          "replayed {} to {}: {} records published, {} frames skipped{}",
          recording,
          topic,
          published,
          skipped,
          frames.truncatedFiles() == 0
              ? ""
              : ", " + frames.truncatedFiles() + " gzip files cut short");
    }
    return new Result(published, skipped);
  }

  /** Waits for the records sent so far, then closes the producer. */
  @Override
  public void close() {
    producer.close(PRODUCER_CLOSE_TIMEOUT);
  }

  private static void waitUntil(long targetNanos) throws InterruptedException {
    long wait = targetNanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static void throwIfFailed(AtomicReference<Exception> sendError) throws IOException {
    Exception error = sendError.get();
    if (error != null) {
      throw new IOException("Kafka refused a record: " + error, error);
    }
  }
}
