package io.gammastraddle.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * One Kafka 4 server in KRaft combined mode (broker and controller in one node), run in this JVM
 * from Kafka's own server class, the one {@code kafka-server-start.sh} runs.
 *
 * <p>Kafka's test kit ({@code KafkaClusterTestKit}) was not used: it binds every listener to a
 * random port of its own choosing, and the demo needs the broker on a port the user picks.
 */
final class EmbeddedKafka implements AutoCloseable {

  /**
   * Formatting writes this id into the log directory; a fixed one (base64 of "GammaStraddleGSB")
   * plus ignore-formatted makes formatting an existing directory a no-op instead of an error.
   */
  private static final String CLUSTER_ID = "R2FtbWFTdHJhZGRsZUdTQg";

  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final int port;

  private EmbeddedKafka(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Formats {@code logDirectory} if needed and starts a broker listening on {@code port}. */
  static EmbeddedKafka start(int port, Path logDirectory) throws IOException {
    String logDir = logDirectory.toAbsolutePath().toString();
    format(logDir);
    int controllerPort = LocalPorts.pickFree();
    KafkaConfig config = new KafkaConfig(serverProperties(port, controllerPort, logDir), false);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup(); // returns once the broker is registered and unfenced
    return new EmbeddedKafka(server, port);
  }

  String bootstrapServers() {
    return LocalPorts.LOOPBACK_HOST + ":" + port;
  }

  int port() {
    return port;
  }

  void createTopics(
      Map<String, Integer> partitionsByTopic, Map<String, Map<String, String>> configsByTopic)
      throws InterruptedException {
    List<NewTopic> topics =
        partitionsByTopic.entrySet().stream()
            .map(
                topic ->
                    new NewTopic(topic.getKey(), topic.getValue(), (short) 1)
                        .configs(configsByTopic.getOrDefault(topic.getKey(), Map.of())))
            .toList();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      for (Map.Entry<String, KafkaFuture<Void>> created :
          admin.createTopics(topics).values().entrySet()) {
        awaitCreated(created.getKey(), created.getValue());
      }
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private static void awaitCreated(String topic, KafkaFuture<Void> creation)
      throws InterruptedException {
    try {
      creation.get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new KafkaException(
            "Could not create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  /**
   * A single node: every internal topic with replication factor 1, no rebalance delay so consumers
   * start at once, and topics only by {@link #createTopics} so a typo cannot create a topic.
   */
  private static Map<String, String> serverProperties(int port, int controllerPort, String logDir) {
    String host = LocalPorts.LOOPBACK_HOST;
    return Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", String.valueOf(NODE_ID)),
        Map.entry("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort),
        Map.entry(
            "listeners",
            "PLAINTEXT://"
                + host
                + ":"
                + port
                + ","
                + CONTROLLER_LISTENER
                + "://"
                + host
                + ":"
                + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://" + host + ":" + port),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("controller.listener.names", CONTROLLER_LISTENER),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("log.dirs", logDir),
        Map.entry("auto.create.topics.enable", "false"),
        Map.entry("num.partitions", "1"),
        Map.entry("min.insync.replicas", "1"),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "1"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        // Flink's exactly-once KafkaSink opens transactions of up to one hour by default; the
        // broker's 15-minute default would refuse them.
        Map.entry("transaction.max.timeout.ms", "3600000"),
        // The log cleaner (compacted topics such as gsb.models) reserves 128 MB by default.
        Map.entry("log.cleaner.dedupe.buffer.size", "2097152"));
  }

  /** The one log directory also holds the KRaft metadata log, as in a default single node. */
  private static void format(String logDir) throws IOException {
    Formatter formatter =
        new Formatter()
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
            .setNodeId(NODE_ID)
            .setClusterId(CLUSTER_ID)
            .setIgnoreFormatted(true)
            .setControllerListenerName(CONTROLLER_LISTENER)
            .setMetadataLogDirectory(logDir)
            .addDirectory(logDir);
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IOException("Could not format Kafka storage in " + logDir, e);
    }
  }
}
