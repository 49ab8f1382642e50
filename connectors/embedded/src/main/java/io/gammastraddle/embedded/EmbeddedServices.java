package io.gammastraddle.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, from Apache Kafka's own jars) and a real Redis server (the binary
 * bundled in embedded-redis), started together for {@code gsb demo} and the integration tests.
 *
 * <pre>{@code
 * try (EmbeddedServices services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree())) {
 *   services.createTopics(Map.of("deribit.market.raw", 3));
 *   String bootstrap = services.kafkaBootstrap(); // "127.0.0.1:<port>"
 *   String redis = services.redisHost() + ":" + services.redisPort();
 * }
 * }</pre>
 *
 * <p>Both listen on 127.0.0.1 only. Their data lives in one temporary directory that {@link
 * #close()} deletes. Nothing global is registered: the caller decides whether a shutdown hook calls
 * {@link #close()}. Both log through slf4j; Kafka logs a lot at INFO, so callers should set the
 * {@code kafka} and {@code org.apache.kafka} loggers to WARN.
 */
public final class EmbeddedServices implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);

  /**
   * The ports to listen on; 0 means any free port (what tests use, so parallel runs never collide).
   *
   * @param kafka the Kafka bootstrap (PLAINTEXT) port
   * @param redis the Redis port
   */
  public record Ports(int kafka, int redis) {

    public static final int DEFAULT_KAFKA = 9092;
    public static final int DEFAULT_REDIS = 6379;

    public Ports {
      requireValid("Kafka", kafka);
      requireValid("Redis", redis);
    }

    /** Kafka on 9092 and Redis on 6379, where their command-line tools look by default. */
    public static Ports defaults() {
      return new Ports(DEFAULT_KAFKA, DEFAULT_REDIS);
    }

    public static Ports anyFree() {
      return new Ports(0, 0);
    }

    private static void requireValid(String service, int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(service + " port " + port + " is not a TCP port");
      }
    }
  }

  private final Path dataDirectory;
  private final EmbeddedKafka kafka;
  private final EmbeddedRedis redis;
  private boolean closed;

  private EmbeddedServices(Path dataDirectory, EmbeddedKafka kafka, EmbeddedRedis redis) {
    this.dataDirectory = dataDirectory;
    this.kafka = kafka;
    this.redis = redis;
  }

  /**
   * Starts Redis, then Kafka, and returns once both accept connections.
   *
   * @throws PortInUseException if a fixed port is taken; checked before anything starts
   * @throws IOException if a server cannot start; whatever had started is stopped and deleted
   */
  public static EmbeddedServices start(Ports ports) throws IOException {
    requireFree("Kafka", ports.kafka());
    requireFree("Redis", ports.redis());
    long startedAt = System.nanoTime();
    Path dataDirectory = Files.createTempDirectory("gsb-embedded-");
    EmbeddedRedis redis = null;
    try {
      redis = EmbeddedRedis.start(portOrFree(ports.redis()), subdirectory(dataDirectory, "redis"));
      EmbeddedKafka kafka =
          EmbeddedKafka.start(portOrFree(ports.kafka()), subdirectory(dataDirectory, "kafka"));
      LOG.info(
          "Kafka on {} and Redis on {}:{} started in {} ms (data in {})",
          kafka.bootstrapServers(),
          LocalPorts.LOOPBACK_HOST,
          redis.port(),
          (System.nanoTime() - startedAt) / 1_000_000,
          dataDirectory);
      return new EmbeddedServices(dataDirectory, kafka, redis);
    } catch (IOException | RuntimeException e) {
      if (redis != null) {
        stopQuietly(redis, e);
      }
      deleteQuietly(dataDirectory, e);
      throw e;
    }
  }

  /** The Kafka {@code bootstrap.servers} value, {@code 127.0.0.1:<port>}. */
  public String kafkaBootstrap() {
    return kafka.bootstrapServers();
  }

  public int kafkaPort() {
    return kafka.port();
  }

  public String redisHost() {
    return LocalPorts.LOOPBACK_HOST;
  }

  public int redisPort() {
    return redis.port();
  }

  /** The temporary directory holding both servers' data; deleted by {@link #close()}. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /**
   * Creates each topic with its partition count and replication factor 1. Topics that already exist
   * are left as they are, so calling this again is harmless.
   */
  public void createTopics(Map<String, Integer> partitionsByTopic) throws InterruptedException {
    kafka.createTopics(partitionsByTopic, Map.of());
  }

  /**
   * Like {@link #createTopics(Map)}, with topic-level settings ({@code cleanup.policy}, {@code
   * max.message.bytes}, ...) for the topics named in {@code configsByTopic}.
   */
  public void createTopics(
      Map<String, Integer> partitionsByTopic, Map<String, Map<String, String>> configsByTopic)
      throws InterruptedException {
    kafka.createTopics(partitionsByTopic, configsByTopic);
  }

  /**
   * A consumer of {@code topics} from their first records, in a group of its own, with string keys
   * and values: what the demo and the tests read results with. The caller closes it.
   */
  public KafkaConsumer<String, String> consumerFromStart(Collection<String> topics) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "gsb-reader-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
    consumer.subscribe(topics);
    return consumer;
  }

  /** Stops Redis (it saves its keys first), as an outage would, and keeps its port and data. */
  public void stopRedis() throws IOException {
    redis.stop();
  }

  /** Starts Redis again on the same port with the keys it had when stopped. */
  public void startRedis() throws IOException {
    redis.restart();
  }

  /** Stops Redis and Kafka and deletes their data. Calling it again does nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      redis.stop();
    } finally {
      try {
        kafka.close();
      } finally {
        deleteRecursively(dataDirectory);
      }
    }
  }

  private static void requireFree(String service, int port) throws PortInUseException {
    if (port != 0) {
      LocalPorts.requireFree(service, port);
    }
  }

  private static int portOrFree(int port) {
    return port == 0 ? LocalPorts.pickFree() : port;
  }

  private static Path subdirectory(Path parent, String name) throws IOException {
    return Files.createDirectory(parent.resolve(name));
  }

  private static void stopQuietly(EmbeddedRedis redis, Exception primary) {
    try {
      redis.stop();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  private static void deleteQuietly(Path directory, Exception primary) {
    try {
      deleteRecursively(directory);
    } catch (IOException | UncheckedIOException e) {
      primary.addSuppressed(e);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
