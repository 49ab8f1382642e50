package io.gammastraddle.execution;

import io.gammastraddle.orders.OrderIntent;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The execution sink: turns each {@link OrderIntent} into a Deribit JSON-RPC request (PLACE to
 * {@code private/buy} or {@code private/sell}, CANCEL to {@code private/cancel_by_label},
 * CHECK_STATUS to {@code private/get_order_state_by_label}) on the venue of its {@link
 * ExecutionSettings}, and publishes to {@code deribit.user.raw} what Deribit does not announce: a
 * refused order, the answer to a status check. Build one with {@link #builder()}.
 *
 * <p><b>Each label is placed at most once</b>, however often its intent is replayed:
 *
 * <ol>
 *   <li>every writer remembers the labels it placed (the last {@link
 *       ExecutionSettings#maxRememberedLabels()}) in its checkpointed state, {@link PlacedLabels},
 *       and, when it starts, the labels of the account's recent orders, open and closed ({@code
 *       private/get_open_orders_by_currency}, {@code private/get_order_history_by_currency} with
 *       unfilled ones, in each of {@link ExecutionSettings#currencies()}); a PLACE whose label it
 *       remembers is suppressed and counted ({@code duplicatesSuppressed}). This covers a replay
 *       after a restart, which repeats the labels placed since the last checkpoint, whatever the
 *       event time;
 *   <li>a PLACE decided (event time, {@link OrderIntent#decidedAt()}) no later than the writer
 *       started (wall clock) may replay an order placed before a restart, or come from a job
 *       started on old data, so the writer also asks {@code private/get_order_state_by_label}
 *       (currency, label) and sends it only if the exchange knows no order with that label;
 *   <li>a PLACE decided more than {@link ExecutionSettings#maxIntentAge()} ago is refused unsent
 *       (reported rejected): Deribit keeps closed orders for its look-ups only for a while (about
 *       30 minutes: support.deribit.com, "Accessing historical trades and orders using API"), so
 *       rules 1 and 2 cannot vouch for older intents, and their prices are stale anyway.
 * </ol>
 *
 * <p>An order sent by a failing writer that reaches the exchange only after the next writer listed
 * the account's orders would escape rule 1; a restart takes far longer than a request's flight.
 * After a rescale, a label's memory and its replay may land on different writers; the exchange's
 * list still covers it.
 *
 * <p>Delivery of feedback is at least once: a value may be published again after a restart.
 */
public final class ExecutionSink
    implements Sink<OrderIntent>, SupportsWriterState<OrderIntent, PlacedLabels> {

  private static final long serialVersionUID = 1L;

  private final ExecutionSettings settings;

  ExecutionSink(ExecutionSettings settings) {
    this.settings = settings;
  }

  public static ExecutionSinkBuilder builder() {
    return new ExecutionSinkBuilder();
  }

  @Override
  public StatefulSinkWriter<OrderIntent, PlacedLabels> createWriter(WriterInitContext context)
      throws IOException {
    return restoreWriter(context, List.of());
  }

  @Override
  public StatefulSinkWriter<OrderIntent, PlacedLabels> restoreWriter(
      WriterInitContext context, Collection<PlacedLabels> recoveredState) throws IOException {
    String clientId = "gsb-execution-" + context.getTaskInfo().getIndexOfThisSubtask();
    return new ExecutionWriter(
        settings,
        context,
        recoveredState,
        () -> new KafkaProducer<>(producerProperties(settings.kafkaBootstrap(), clientId)),
        System.getenv());
  }

  @Override
  public SimpleVersionedSerializer<PlacedLabels> getWriterStateSerializer() {
    return new PlacedLabelsSerializer();
  }

  /** Idempotent with {@code acks=all}, so the feedback of one label lands once and in order. */
  private static Properties producerProperties(String bootstrapServers, String clientId) {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return properties;
  }
}
