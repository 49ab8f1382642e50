package io.gammastraddle.cli;

import io.gammastraddle.bridge.MarketDataBridge;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.strategy.TradingCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import redis.clients.jedis.JedisPooled;

/**
 * The demo's one-line status: market messages per second into Kafka, feature vectors and dead
 * letters the job wrote to Kafka (counted by reading the topics back, so the numbers are what a
 * consumer sees), and the job's state.
 */
final class DemoStatus implements AutoCloseable {

  private final MarketDataBridge bridge;
  private final JobClient job;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String featuresTopic;
  private final String ordersTopic;
  private final JedisPooled redis;
  private final long startNanos = System.nanoTime();
  private long lastNanos = startNanos;
  private long lastProduced;
  private long features;
  private long deadLetters;
  private long orders;

  /** {@code job} is null when the job runs on a cluster. */
  DemoStatus(MarketDataBridge bridge, JobClient job, GammaConfig config) {
    this.bridge = bridge;
    this.job = job;
    this.featuresTopic = config.featuresTopic();
    this.ordersTopic = config.trading().ordersTopic();
    this.redis = new JedisPooled(config.redisHost(), config.redisPort());
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer = new KafkaConsumer<>(properties);
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(featuresTopic, config.deadLetterTopic(), ordersTopic)) {
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  String line() {
    ConsumerRecords<byte[], byte[]> records;
    do {
      records = consumer.poll(Duration.ofMillis(100));
      records.forEach(
          record -> {
            if (record.topic().equals(featuresTopic)) {
              features++;
            } else if (record.topic().equals(ordersTopic)) {
              orders++;
            } else {
              deadLetters++;
            }
          });
    } while (!records.isEmpty());

    long now = System.nanoTime();
    long produced = bridge.recordsProduced();
    double rate = (produced - lastProduced) / ((now - lastNanos) / 1e9);
    lastNanos = now;
    lastProduced = produced;
    return String.format(
        "[%4ds] in %,7.0f msg/s (%,d total) | book gaps %d, stale channels %d | features %,d"
            + " | dead letters %,d | orders %,d | %s | job %s",
        TimeUnit.NANOSECONDS.toSeconds(now - startNanos),
        rate,
        produced,
        bridge.bookGaps(),
        bridge.staleChannels().size(),
        features,
        deadLetters,
        orders,
        trading(),
        job == null ? "on the cluster" : jobStatus());
  }

  /** Open straddles and P&L (realized plus unrealized, USD) per underlying, from Redis. */
  private String trading() {
    StringBuilder line = new StringBuilder();
    Map<String, String> pnl = redis.hgetAll(TradingCache.PNL);
    for (String underlying : List.of("BTC", "ETH")) {
      String open = redis.hget(TradingCache.POSITIONS + underlying, "open_straddles");
      double result =
          Double.parseDouble(pnl.getOrDefault(underlying + ".realized_usd", "0"))
              + Double.parseDouble(pnl.getOrDefault(underlying + ".unrealized_usd", "0"));
      line.append(line.isEmpty() ? "" : ", ")
          .append(underlying)
          .append(String.format(" straddles %s P&L %,.0f USD", open == null ? "0" : open, result));
    }
    return line.toString();
  }

  void failIfJobEnded() {
    if (job == null) {
      return; // the cluster's business: its dashboard shows the job
    }
    JobStatus status = jobStatus();
    if (status != null && status.isGloballyTerminalState()) {
      throw new IllegalStateException("The Flink job ended: " + status);
    }
  }

  private JobStatus jobStatus() {
    try {
      return job.getJobStatus().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
    redis.close();
  }
}
