package io.gammastraddle.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;

class EmbeddedServicesIT {

  private static EmbeddedServices services;

  @BeforeAll
  static void startServices() throws IOException {
    services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree());
  }

  @AfterAll
  static void closeServices() throws IOException {
    services.close();
  }

  @Test
  void kafkaStoresRecordsInEveryPartitionOfACreatedTopic() throws Exception {
    services.createTopics(Map.of("embedded.test", 3));
    services.createTopics(Map.of("embedded.test", 3)); // existing topics are fine

    List<String> sent = IntStream.range(0, 30).mapToObj(i -> "value-" + i).toList();
    try (KafkaProducer<String, String> producer = producer()) {
      assertThat(producer.partitionsFor("embedded.test")).hasSize(3);
      for (int i = 0; i < sent.size(); i++) {
        producer.send(new ProducerRecord<>("embedded.test", i % 3, "key-" + i, sent.get(i))).get();
      }
    }

    assertThat(consumeAll("embedded.test", 3, sent.size()))
        .containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void bootstrapAddressIsTheLoopbackAddressAndTheChosenPort() {
    assertThat(services.kafkaBootstrap()).isEqualTo("127.0.0.1:" + services.kafkaPort());
    assertThat(services.kafkaPort()).isPositive();
    assertThat(services.redisHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void redisAnswersPingSetAndGet() {
    try (JedisPooled redis = new JedisPooled(services.redisHost(), services.redisPort())) {
      assertThat(redis.ping()).isEqualTo("PONG");
      redis.set("gsb:test:ping", "42");
      assertThat(redis.get("gsb:test:ping")).isEqualTo("42");
    }
  }

  @Test
  void redisRestartedOnTheSamePortKeepsItsKeys() throws IOException {
    try (JedisPooled redis = new JedisPooled(services.redisHost(), services.redisPort())) {
      redis.hset("gsb:test:restart", Map.of("field", "before"));

      services.stopRedis();
      assertThatThrownBy(redis::ping).isInstanceOf(JedisConnectionException.class);
      services.startRedis();

      assertThat(redis.hgetAll("gsb:test:restart")).containsEntry("field", "before");
    }
  }

  @Test
  void aTakenKafkaPortIsAOneLineErrorNamingIt() throws IOException {
    try (ServerSocket taken = bindLoopback()) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> EmbeddedServices.start(new EmbeddedServices.Ports(port, 0)))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("Kafka port " + port + " is already in use");
    }
  }

  @Test
  void aTakenRedisPortIsAOneLineErrorNamingIt() throws IOException {
    try (ServerSocket taken = bindLoopback()) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> EmbeddedServices.start(new EmbeddedServices.Ports(0, port)))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("Redis port " + port + " is already in use");
    }
  }

  @Test
  void closeFreesBothPortsAndDeletesTheData() throws IOException {
    EmbeddedServices other = EmbeddedServices.start(EmbeddedServices.Ports.anyFree());
    Path data = other.dataDirectory();
    int kafkaPort = other.kafkaPort();
    int redisPort = other.redisPort();
    assertThat(data.resolve("kafka").resolve("meta.properties")).exists();

    other.close();
    other.close(); // a second close does nothing

    assertThat(data).doesNotExist();
    assertThatPortIsFree(kafkaPort);
    assertThatPortIsFree(redisPort);
  }

  @Test
  void fixedPortsAreUsedAsGiven() throws Exception {
    int kafkaPort;
    int redisPort;
    try (ServerSocket first = bindLoopback();
        ServerSocket second = bindLoopback()) {
      kafkaPort = first.getLocalPort();
      redisPort = second.getLocalPort();
    }
    try (EmbeddedServices fixed =
        EmbeddedServices.start(new EmbeddedServices.Ports(kafkaPort, redisPort))) {
      assertThat(fixed.kafkaBootstrap()).isEqualTo("127.0.0.1:" + kafkaPort);
      assertThat(fixed.redisPort()).isEqualTo(redisPort);
      try (KafkaProducer<String, String> producer = producer(fixed.kafkaBootstrap())) {
        fixed.createTopics(Map.of("fixed.port", 1));
        assertThat(producer.partitionsFor("fixed.port")).hasSize(1);
      }
    }
  }

  private static KafkaProducer<String, String> producer() {
    return producer(services.kafkaBootstrap());
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  private static List<String> consumeAll(String topic, int partitions, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                services.kafkaBootstrap(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(
          IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }

  private static ServerSocket bindLoopback() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
  }

  private static void assertThatPortIsFree(int port) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }
}
