package io.gammastraddle.cli;

import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.registry.ModelTopic;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends bundles to the {@code gsb.models} topic under their role ({@link ModelTopic}) and waits for
 * the broker to have each one, so "published" in a log means the job can read it.
 */
final class ModelPublisher implements AutoCloseable {

  private final String topic;
  private final KafkaProducer<String, byte[]> producer;

  ModelPublisher(String bootstrap, String topic) {
    this.topic = topic;
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A bundle is several megabytes of model text: above Kafka's 1 MB default, and it compresses
    // well. gzip needs no native library in the job that reads it.
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ModelTopic.MAX_MESSAGE_BYTES);
    properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, (long) ModelTopic.MAX_MESSAGE_BYTES);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(properties);
  }

  /** The bundle the job trades with from now on. */
  void current(ModelBundle bundle) {
    send(ModelTopic.CURRENT, ModelTopic.encode(bundle));
  }

  /** A candidate for the job to score beside the current bundle, never to trade with. */
  void shadow(ModelBundle bundle) {
    send(ModelTopic.SHADOW, ModelTopic.encode(bundle));
  }

  /** Ends shadow scoring (an empty value under the shadow key). */
  void endShadow() {
    send(ModelTopic.SHADOW, new byte[0]);
  }

  private void send(String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot publish to " + topic + " under " + key + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while publishing to " + topic, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
