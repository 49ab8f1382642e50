package io.gammastraddle.gamma;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.gamma.chain.ChainCache;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.deadletter.DeadLetterJson;
import io.gammastraddle.gamma.decode.MarketRecordDeserializer;
import io.gammastraddle.gamma.features.FeatureCache;
import io.gammastraddle.gamma.features.FeatureJson;
import io.gammastraddle.gamma.labels.SampleJson;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.redis.RedisSink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The production endpoints: Kafka in, Kafka and Redis out. */
public final class KafkaEndpoints {

  private KafkaEndpoints() {}

  /** Reads from the committed offsets (the earliest ones on a first start) and never stops. */
  public static JobEndpoints create(GammaConfig config) {
    return create(config, OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST), false);
  }

  /**
   * @param bounded stop at the offsets that are the latest when the job starts (benchmark, replay)
   */
  public static JobEndpoints create(
      GammaConfig config, OffsetsInitializer startingOffsets, boolean bounded) {
    var source =
        KafkaSource.<MarketEvent>builder()
            .setBootstrapServers(config.kafkaBootstrap())
            .setTopics(config.marketTopic())
            .setGroupId(config.consumerGroup())
            .setStartingOffsets(startingOffsets)
            .setDeserializer(new MarketRecordDeserializer())
            .setProperty("partition.discovery.interval.ms", "60000");
    if (bounded) {
      source.setBounded(OffsetsInitializer.latest());
    }
    return new JobEndpoints(
        source.build(),
        kafkaSink(config, new FeatureJson(config.featuresTopic())),
        RedisSink.<FeatureVector>builder()
            .setHost(config.redisHost())
            .setPort(config.redisPort())
            .setSerializer(new FeatureCache())
            .build(),
        RedisSink.<AtmStraddle>builder()
            .setHost(config.redisHost())
            .setPort(config.redisPort())
            .setSerializer(new ChainCache())
            .build(),
        kafkaSink(config, new SampleJson(config.samplesTopic())),
        kafkaSink(config, new DeadLetterJson(config.deadLetterTopic())));
  }

  /**
   * At least once: feature vectors, samples and dead letters are idempotent for their readers (the
   * latest vector per underlying wins; a sample is identified by underlying and entry time, which
   * the trainer deduplicates on; a dead letter names its source offset), and nothing waits for a
   * checkpoint to become visible.
   */
  private static <T> KafkaSink<T> kafkaSink(
      GammaConfig config, KafkaRecordSerializationSchema<T> schema) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(config.kafkaBootstrap())
        .setRecordSerializer(schema)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setKafkaProducerConfig(producerConfig())
        .build();
  }

  private static java.util.Properties producerConfig() {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("enable.idempotence", "true");
    properties.setProperty("acks", "all");
    properties.setProperty("linger.ms", "5");
    properties.setProperty("compression.type", "lz4");
    return properties;
  }
}
