package io.gammastraddle.gamma;

import io.gammastraddle.execution.ExecutionSettings;
import io.gammastraddle.execution.ExecutionSink;
import io.gammastraddle.gamma.alerts.AlertCache;
import io.gammastraddle.gamma.alerts.AlertJson;
import io.gammastraddle.gamma.chain.ChainCache;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.deadletter.DeadLetterJson;
import io.gammastraddle.gamma.decode.ControlRecordDeserializer;
import io.gammastraddle.gamma.decode.ControlStreamDeserializer;
import io.gammastraddle.gamma.decode.MarketRecordDeserializer;
import io.gammastraddle.gamma.decode.UserRecordDeserializer;
import io.gammastraddle.gamma.features.FeatureCache;
import io.gammastraddle.gamma.features.FeatureJson;
import io.gammastraddle.gamma.labels.SampleJson;
import io.gammastraddle.gamma.scoring.ModelCache;
import io.gammastraddle.gamma.scoring.ModelUpdate;
import io.gammastraddle.gamma.scoring.ModelUpdateDeserializer;
import io.gammastraddle.gamma.scoring.PredictionCache;
import io.gammastraddle.gamma.scoring.PredictionJson;
import io.gammastraddle.gamma.strategy.OrderJson;
import io.gammastraddle.gamma.strategy.StrategyInput;
import io.gammastraddle.gamma.strategy.TradingCache;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.redis.RedisSerializer;
import io.gammastraddle.redis.RedisSink;
import io.gammastraddle.redis.RedisStreamSource;
import io.gammastraddle.registry.ModelTopic;
import java.net.URI;
import java.util.List;
import java.util.Locale;
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
   * Without alert webhooks: see {@link JobEndpoints#withWebhooksOf}.
   *
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
    var models =
        KafkaSource.<ModelUpdate>builder()
            .setBootstrapServers(config.kafkaBootstrap())
            .setTopics(config.modelsTopic())
            .setGroupId(config.consumerGroup() + "-models")
            // Every start reads the compacted topic from the beginning, so the job finds the
            // current bundle; a restore resumes from its checkpointed offsets instead.
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new ModelUpdateDeserializer())
            .setProperty("fetch.max.bytes", String.valueOf(2 * ModelTopic.MAX_MESSAGE_BYTES))
            .setProperty(
                "max.partition.fetch.bytes", String.valueOf(2 * ModelTopic.MAX_MESSAGE_BYTES));
    if (bounded) {
      models.setBounded(OffsetsInitializer.latest());
    }
    return new JobEndpoints(
        source.build(),
        kafkaSink(config, new FeatureJson(config.featuresTopic())),
        redisSink(config, new FeatureCache()),
        redisSink(config, new ChainCache()),
        kafkaSink(config, new SampleJson(config.samplesTopic())),
        kafkaSink(config, new DeadLetterJson(config.deadLetterTopic())),
        models.build(),
        kafkaSink(config, new PredictionJson(config.predictionsTopic())),
        redisSink(config, new PredictionCache()),
        redisSink(config, new ModelCache()),
        kafkaSink(config, new AlertJson(config.alertsTopic())),
        redisSink(config, new AlertCache()),
        List.of());
  }

  /**
   * The trading endpoints: the account's records from the user topic (from the committed offsets,
   * the earliest on a first start, as the market), orders to the venue of {@code trading.mode} and
   * to the audit topic, the trading status to Redis.
   */
  public static TradingEndpoints trading(GammaConfig config) {
    GammaConfig.Trading trading = config.trading();
    KafkaSource<StrategyInput> account =
        KafkaSource.<StrategyInput>builder()
            .setBootstrapServers(config.kafkaBootstrap())
            .setTopics(trading.userTopic())
            .setGroupId(config.consumerGroup() + "-account")
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setDeserializer(new UserRecordDeserializer())
            .build();
    KafkaSource<StrategyInput> control =
        KafkaSource.<StrategyInput>builder()
            .setBootstrapServers(config.kafkaBootstrap())
            .setTopics(trading.controlTopic())
            .setGroupId(config.consumerGroup() + "-control")
            // A first start must not act on commands meant for an earlier deployment.
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST))
            .setDeserializer(new ControlRecordDeserializer())
            .build();
    RedisStreamSource<StrategyInput> dashboardControl =
        RedisStreamSource.<StrategyInput>builder()
            .setHost(config.redisHost())
            .setPort(config.redisPort())
            .setStreamKeys(ControlStreamDeserializer.STREAM)
            .setDeserializer(new ControlStreamDeserializer())
            .build();
    ExecutionSink execution =
        ExecutionSink.builder()
            .setUri(URI.create(trading.venue()))
            .setMode(ExecutionSettings.Mode.valueOf(trading.mode().toUpperCase(Locale.ROOT)))
            .setRealMoneyConfirmed(trading.realMoneyConfirmed())
            .setPaperAccount(trading.paperAccount())
            .setKafkaBootstrap(config.kafkaBootstrap())
            .setUserTopic(trading.userTopic())
            .build();
    return new TradingEndpoints(
        account,
        control,
        dashboardControl,
        execution,
        kafkaSink(config, new OrderJson(trading.ordersTopic())),
        redisSink(config, new TradingCache()));
  }

  private static <T> RedisSink<T> redisSink(GammaConfig config, RedisSerializer<T> serializer) {
    return RedisSink.<T>builder()
        .setHost(config.redisHost())
        .setPort(config.redisPort())
        .setSerializer(serializer)
        .build();
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
