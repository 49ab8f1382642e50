package io.gammastraddle.gamma;

import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import io.gammastraddle.simulator.Instrument;
import io.gammastraddle.simulator.SimulatedMarket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Market data for job tests: a seeded {@link SimulatedMarket} stepped as fast as it goes, its
 * frames turned into {@code deribit.market.raw} records as the bridge writes them, and sent to a
 * real broker.
 */
final class SimulatedFeed {

  private SimulatedFeed() {}

  /** One value of {@code deribit.market.raw} with its key, as the bridge writes it. */
  record MarketRecord(String key, String value) {

    static MarketRecord of(String frame, long receivedMillis) {
      SubscriptionParams params = Notifications.subscription(frame);
      return new MarketRecord(params.key(), params.withReceiveTime(receivedMillis * 1_000_000));
    }
  }

  /** Every book's snapshot, which a subscriber receives first. */
  static List<MarketRecord> snapshots(SimulatedMarket market) {
    List<MarketRecord> records = new ArrayList<>();
    for (Instrument instrument : market.instruments()) {
      records.add(MarketRecord.of(market.bookSnapshot(instrument.name()), market.nowMillis()));
    }
    return records;
  }

  static List<MarketRecord> stepUntil(SimulatedMarket market, long untilMillis) {
    List<MarketRecord> records = new ArrayList<>();
    while (market.nowMillis() < untilMillis) {
      for (String frame : market.step()) {
        records.add(MarketRecord.of(frame, market.nowMillis()));
      }
    }
    return records;
  }

  static void produce(String bootstrap, String topic, List<MarketRecord> records) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    // One batch at a time: on a topic created moments ago the first batch can be refused (no
    // leader yet) while the next is accepted, and the idempotent producer then retries the first
    // with an out-of-order sequence until its delivery timeout (seen here under load).
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
      for (MarketRecord record : records) {
        sent.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
      }
      producer.flush();
      for (Future<RecordMetadata> record : sent) {
        record.get();
      }
    }
  }
}
