package io.gammastraddle.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.bridge.MarketDataBridge;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.gamma.alerts.AlertCache;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.features.FeatureCache;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The walking skeleton on real parts: the simulator over a real WebSocket, the bridge, a real Kafka
 * broker, the job on Flink's MiniCluster, a real Redis server.
 */
class GammaJobIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedServices services;
  private static SimulatorServer simulator;
  private static MarketDataBridge bridge;
  private static GammaConfig config;

  @BeforeAll
  static void startServices() throws Exception {
    services = EmbeddedServices.start(new EmbeddedServices.Ports(0, 0));
    // A short silence, so the feed_silent alert comes soon after the bridge stops.
    config =
        GammaConfig.from(Map.of("alerts.feed-silence", "5s"))
            .withServers(services.kafkaBootstrap(), services.redisHost(), services.redisPort());
    services.createTopics(config.topicPartitions(3), config.topicConfigs());
    simulator =
        new SimulatorServer(
            new SimulatedMarket(7, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            1.0);
    simulator.start();
    bridge =
        new MarketDataBridge(
            MarketDataBridge.Config.defaults(simulator.uri(), services.kafkaBootstrap()));
    bridge.start();
  }

  @AfterAll
  static void stopServices() throws Exception {
    if (bridge != null) {
      bridge.close();
    }
    if (simulator != null) {
      simulator.close();
    }
    if (services != null) {
      services.close();
    }
  }

  @Test
  void featuresReachRedisAndKafkaAndBadInputReachesTheDeadLetterTopic() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(2_000);
    new GammaJob(config, KafkaEndpoints.create(config)).build(env);
    JobClient job = env.executeAsync(GammaJob.NAME);
    try (JedisPooled redis = new JedisPooled(services.redisHost(), services.redisPort());
        KafkaConsumer<String, String> consumer = consumer()) {
      // The features a minute of market data determines; the others need minutes of history.
      List<String> immediate =
          List.of(
              FeatureSchema.LIQUIDITY_SCORE,
              FeatureSchema.FUNDING_RATE,
              FeatureSchema.SPREAD,
              FeatureSchema.VOLUME_24H,
              FeatureSchema.PRICE_CHANGE_24H,
              FeatureSchema.BOOK_IMBALANCE,
              FeatureSchema.MARKET_IMPACT);
      for (String underlying : List.of("BTC", "ETH")) {
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  Map<String, String> hash = redis.hgetAll("gsb:features:" + underlying);
                  assertThat(hash)
                      .containsKeys(FeatureSchema.NAMES.toArray(String[]::new))
                      .containsKeys("ts", "schema_version");
                  for (String name : immediate) {
                    assertThat(hash.get(name)).as(underlying + " " + name).isNotEqualTo("NaN");
                  }
                });
      }
      Map<String, String> btcStraddle = redis.hgetAll("gsb:chain:BTC");
      Map<String, String> ethStraddle = redis.hgetAll("gsb:chain:ETH");
      assertThat(btcStraddle.get("call")).startsWith("BTC-").endsWith("-C");
      assertThat(btcStraddle.get("put")).isEqualTo(btcStraddle.get("call").replaceAll("-C$", "-P"));
      assertThat(Double.parseDouble(btcStraddle.get("forward")))
          .as("BTC forward")
          .isGreaterThan(Double.parseDouble(ethStraddle.get("forward")) * 5);
      assertThat(Double.parseDouble(btcStraddle.get("implied_vol"))).isBetween(0.05, 3.0);
      assertThat(Long.parseLong(btcStraddle.get("expiry")) - Long.parseLong(btcStraddle.get("ts")))
          .as("the target expiry is at least chain.min-time-to-expiry away")
          .isGreaterThanOrEqualTo(config.minTimeToExpiry().toMillis());
      assertThat(redis.ttl(FeatureCache.HEARTBEAT_KEY)).as("heartbeat expires").isPositive();

      List<JsonNode> features = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                features.addAll(poll(consumer, config.featuresTopic()));
                assertThat(features)
                    .extracting(f -> f.get("underlying").asText())
                    .contains("BTC", "ETH");
              });
      assertThat(features.get(0).get("schema_version").asInt()).isEqualTo(FeatureSchema.VERSION);

      String malformed = "{\"channel\":\"book.BTC-PERPETUAL.100ms\",\"data\":{\"type\":\"snap\"}}";
      try (KafkaProducer<String, String> producer = producer()) {
        producer.send(new ProducerRecord<>(config.marketTopic(), "BTC-PERPETUAL", malformed)).get();
      }
      List<JsonNode> deadLetters = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                deadLetters.addAll(poll(consumer, config.deadLetterTopic()));
                assertThat(deadLetters).isNotEmpty();
              });
      JsonNode letter = deadLetters.get(0);
      assertThat(letter.get("source").asText()).isEqualTo(config.marketTopic());
      assertThat(letter.get("payload").asText()).isEqualTo(malformed);
      assertThat(letter.get("reason").asText()).isEqualTo("missing instrument_name");
      assertThat(letter.get("offset").asLong()).isNotNegative();

      long tsBefore = Long.parseLong(redis.hget("gsb:features:BTC", "ts"));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(Long.parseLong(redis.hget("gsb:features:BTC", "ts")))
                      .as("features keep flowing after bad input")
                      .isGreaterThan(tsBefore));
      assertThat(job.getJobStatus().get().isGloballyTerminalState()).isFalse();

      // Alerts by the CEP layer: no model, so every prediction is on the fallback parameters...
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(alerts(redis, 0))
                      .contains("fallback_streak BTC", "fallback_streak ETH"));
      try (KafkaConsumer<String, String> alerts =
          services.consumerFromStart(List.of(config.alertsTopic()))) {
        List<String> types = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  alerts.poll(Duration.ofMillis(500)).forEach(record -> types.add(record.key()));
                  assertThat(types).contains("fallback_streak");
                });
      }
      // ... and a feed that stops is silent after alerts.feed-silence.
      long stopped = System.currentTimeMillis();
      bridge.close();
      bridge = null;
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(alerts(redis, stopped))
                      .contains("feed_silent BTC", "feed_silent ETH"));
    } finally {
      job.cancel().get();
    }
  }

  /** Type and subject of each alert in the Redis stream at or after {@code since} (epoch ms). */
  private static List<String> alerts(JedisPooled redis, long since) {
    return redis.xrange(AlertCache.KEY, (StreamEntryID) null, null, 10_000).stream()
        .map(StreamEntry::getFields)
        .filter(alert -> Long.parseLong(alert.get("ts")) >= since)
        .map(alert -> alert.get("type") + " " + alert.get("subject"))
        .toList();
  }

  private static KafkaConsumer<String, String> consumer() {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    List<TopicPartition> partitions =
        List.of(
            new TopicPartition(config.featuresTopic(), 0),
            new TopicPartition(config.deadLetterTopic(), 0));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static List<JsonNode> poll(KafkaConsumer<String, String> consumer, String topic)
      throws Exception {
    List<JsonNode> values = new ArrayList<>();
    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
      if (record.topic().equals(topic)) {
        values.add(JSON.readTree(record.value()));
      }
    }
    return values;
  }

  private static KafkaProducer<String, String> producer() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
    return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
  }
}
