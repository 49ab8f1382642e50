package io.gammastraddle.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.websocket.Backoff;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.deribit.websocket.DeribitClient;
import io.gammastraddle.deribit.websocket.DeribitConnectionException;
import io.gammastraddle.deribit.websocket.DeribitRpcException;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.orders.OrderIntent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.function.ThrowingRunnable;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends order intents over one authenticated, self-restoring Deribit connection with
 * cancel-on-disconnect, and publishes what Deribit does not announce (see {@link OrderFeedback}).
 *
 * <p>Requests go out from the task thread without waiting; each answer is handled back on the task
 * thread through the mailbox, so the writer's state needs no locks. {@link #flush} (before every
 * checkpoint and at the end of input) waits until every request is answered and every unknown
 * outcome is resolved, so a checkpoint never completes with an order in doubt. Refusals by the
 * exchange never fail the job; a connection lost for longer than the reconnect timeout, a flush
 * that cannot settle in time, or a failed feedback write does (Flink restarts the job).
 *
 * <p>Once per label ({@link ExecutionSink} explains the rule): a PLACE whose label is remembered is
 * suppressed; one decided before this writer started is sent only if {@code
 * private/get_order_state_by_label} finds no order with its label.
 *
 * <p>Unknown outcomes (no answer in time, or the connection dropped): the intent's label is checked
 * with {@code get_order_state_by_label} at once after a timeout, or once the connection is back
 * after a drop, and the answer is published: the orders found, or a rejected order when none is.
 */
final class ExecutionWriter implements StatefulSinkWriter<OrderIntent, PlacedLabels> {

  private static final Logger LOG = LoggerFactory.getLogger(ExecutionWriter.class);

  /** Deribit's codes for a cancel of an order no longer open: order_not_found, not_open_order. */
  private static final Set<Integer> ORDER_GONE = Set.of(10004, 11044);

  /** Deribit's shortest heartbeat; a trading connection should notice a dead link quickly. */
  private static final int HEARTBEAT_SECONDS = 10;

  private static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(25);
  private static final int LATENCY_WINDOW = 10_000;

  /** Orders asked of {@code get_order_history_by_currency} at start: its largest page. */
  private static final int HISTORY_COUNT = 10_000;

  /** Why a request was sent, which decides what its answer means. */
  private enum Purpose {
    PLACE,
    CANCEL,
    /** A status check whose answer is published. */
    REPORT,
    /**
     * A status check before placing a possibly replayed intent: placed only if nothing is found.
     */
    PLACE_IF_ABSENT
  }

  /** A status check still to send, once the connection allows. */
  private record Recheck(OrderIntent intent, Purpose purpose) {}

  private final ExecutionSettings settings;
  private final MailboxExecutor mailbox;
  private final LabelMemory placed;
  private final ScheduledExecutorService wakeUps;
  private final ResilientConnection connection;
  private final Producer<String, String> producer;
  private final long startedAtMillis;

  private final Counter ordersSent;
  private final Counter ordersRejected;
  private final Counter duplicatesSuppressed;
  private final Counter statusChecks;
  private final Counter unknownOutcomes;
  private final Histogram tickToOrderMicros;

  // Task thread only.
  private final ArrayDeque<Recheck> rechecks = new ArrayDeque<>();

  /**
   * Cancels and status checks of labels whose PLACE waits for its look-up: sent once the look-up
   * has decided, so that a cancel never overtakes the order it cancels.
   */
  private final Map<String, List<OrderIntent>> heldBehindLookUp = new HashMap<>();

  private int inFlight;

  // Written by the connection's and the producer's threads.
  private volatile long connectionLostAtNanos;
  private final AtomicReference<Throwable> feedbackFailure = new AtomicReference<>();

  /**
   * Connects and authenticates; the writer is ready when this returns.
   *
   * @param restored the labels of the writers whose state this one takes over
   * @param producers makes the producer of {@code deribit.user.raw}
   * @param environment where TESTNET and LIVE find their API key
   * @throws IOException if the connection cannot be opened or authenticated
   */
  ExecutionWriter(
      ExecutionSettings settings,
      WriterInitContext context,
      Collection<PlacedLabels> restored,
      Supplier<Producer<String, String>> producers,
      Map<String, String> environment)
      throws IOException {
    settings.checkMoneySafety();
    this.settings = settings;
    this.mailbox = context.getMailboxExecutor();
    this.placed = new LabelMemory(settings.maxRememberedLabels(), restored);
    SinkWriterMetricGroup metrics = context.metricGroup();
    this.ordersSent = metrics.counter("ordersSent");
    this.ordersRejected = metrics.counter("ordersRejected");
    this.duplicatesSuppressed = metrics.counter("duplicatesSuppressed");
    this.statusChecks = metrics.counter("statusChecks");
    this.unknownOutcomes = metrics.counter("unknownOutcomes");
    this.tickToOrderMicros =
        metrics.histogram("tickToOrderMicros", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
    this.wakeUps =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "execution-sink-wake-ups");
              thread.setDaemon(true);
              return thread;
            });
    ResilientConnection opened = null;
    try {
      opened = open(settings, settings.credentials(environment));
      this.connection = opened;
      this.producer = producers.get();
    } catch (IOException | RuntimeException e) {
      if (opened != null) {
        opened.close();
      }
      wakeUps.shutdownNow();
      throw e;
    }
    this.startedAtMillis = System.currentTimeMillis();
    int restoredLabels = placed.size();
    loadExchangeLabels();
    LOG.info(
        "execution sink trading {} ({} placed labels restored, {} known to the exchange)",
        settings.venue(),
        restoredLabels,
        placed.size() - restoredLabels);
  }

  @Override
  public void write(OrderIntent intent, Context context) throws IOException {
    checkHealthy();
    recheckIfConnected();
    List<OrderIntent> held = heldBehindLookUp.get(intent.label());
    if (held != null && intent.kind() != OrderIntent.Kind.PLACE) {
      held.add(intent);
      return;
    }
    switch (intent.kind()) {
      case PLACE -> place(intent);
      case CANCEL -> send(Purpose.CANCEL, intent);
      case CHECK_STATUS -> send(Purpose.REPORT, intent);
    }
  }

  /**
   * Waits until every request has its answer and every unknown outcome is resolved, at most two
   * request timeouts plus the reconnect timeout (a request, an outage, the status check after it),
   * then until the feedback is written.
   */
  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    Duration bound = settings.requestTimeout().multipliedBy(2).plus(settings.reconnectTimeout());
    long deadline = System.nanoTime() + bound.toNanos();
    // yield() sleeps until some mail comes; this one comes at the deadline at the latest.
    ScheduledFuture<?> wakeUp =
        wakeUps.schedule(
            () -> onTaskThread(() -> {}, "flush deadline"), bound.toNanos(), TimeUnit.NANOSECONDS);
    try {
      while (inFlight > 0 || !rechecks.isEmpty()) {
        checkHealthy();
        recheckIfConnected();
        if (System.nanoTime() - deadline >= 0) {
          throw new IOException(
              inFlight
                  + " requests unanswered and "
                  + rechecks.size()
                  + " order states unknown after "
                  + bound.toMillis()
                  + " ms; failing the checkpoint");
        }
        mailbox.yield();
      }
    } finally {
      wakeUp.cancel(false);
    }
    producer.flush();
    checkHealthy();
  }

  @Override
  public List<PlacedLabels> snapshotState(long checkpointId) {
    return List.of(placed.snapshot());
  }

  /**
   * Closes the connection (Deribit then cancels the orders it placed: cancel-on-disconnect) and the
   * producer.
   */
  @Override
  public void close() {
    connection.close();
    wakeUps.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }

  /**
   * Remembers the labels of the account's recent orders, open and closed, in every currency: a
   * replay after a restart repeats labels placed after the last checkpoint, and those are among
   * them. Event time cannot tell replays apart when it runs ahead of the wall clock (a simulator at
   * speed), so this does not rely on it.
   *
   * @throws IOException if the exchange does not answer
   */
  private void loadExchangeLabels() throws IOException {
    try {
      for (String currency : settings.currencies()) {
        rememberLabels(
            ResilientConnection.await(
                connection.call(
                    "private/get_open_orders_by_currency", Map.of("currency", currency))));
        rememberLabels(
            ResilientConnection.await(
                connection.call(
                    "private/get_order_history_by_currency",
                    Map.of(
                        "currency", currency, "include_unfilled", true, "count", HISTORY_COUNT))));
      }
    } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      connection.close();
      wakeUps.shutdownNow();
      producer.close(Duration.ZERO);
      throw new IOException("the exchange did not list the account's recent orders", e);
    }
  }

  private void rememberLabels(JsonNode orders) {
    for (JsonNode order : orders) {
      String label = order.path("label").asText("");
      if (label.startsWith("gsb-")) {
        placed.add(label);
      }
    }
  }

  private void place(OrderIntent intent) {
    if (!placed.add(intent.label())) {
      duplicatesSuppressed.inc();
      LOG.info("{} was placed before; not placing it again", intent.label());
      return;
    }
    long ageMillis = System.currentTimeMillis() - intent.decidedAt();
    if (ageMillis > settings.maxIntentAge().toMillis()) {
      LOG.warn(
          "{} was decided {} ms ago, too long to trust; not placed", intent.label(), ageMillis);
      reject(intent, "stale: decided " + ageMillis + " ms before it reached the sink");
      return;
    }
    if (intent.decidedAt() > startedAtMillis) {
      send(Purpose.PLACE, intent);
    } else {
      // Decided before this writer started: it may replay an order placed before a restart.
      heldBehindLookUp.put(intent.label(), new ArrayList<>());
      send(Purpose.PLACE_IF_ABSENT, intent);
    }
  }

  /** Sends what waited for the look-up of {@code label}'s PLACE, in the order it came. */
  private void releaseHeld(String label) {
    for (OrderIntent intent : heldBehindLookUp.remove(label)) {
      send(intent.kind() == OrderIntent.Kind.CANCEL ? Purpose.CANCEL : Purpose.REPORT, intent);
    }
  }

  private void send(Purpose purpose, OrderIntent intent) {
    ExchangeRequest request =
        switch (purpose) {
          case PLACE -> ExchangeRequest.place(intent);
          case CANCEL -> ExchangeRequest.cancel(intent);
          case REPORT, PLACE_IF_ABSENT -> ExchangeRequest.statusCheck(intent);
        };
    if (purpose == Purpose.PLACE) {
      ordersSent.inc();
      if (intent.marketReceivedNanos() > 0) {
        tickToOrderMicros.update((epochNanos() - intent.marketReceivedNanos()) / 1_000);
      }
    } else if (purpose != Purpose.CANCEL) {
      statusChecks.inc();
    }
    inFlight++;
    connection
        .call(request.method(), request.params())
        .whenComplete(
            (result, error) ->
                onTaskThread(
                    () -> onReply(purpose, intent, result, error),
                    request.method() + " " + intent.label()));
  }

  private void onReply(Purpose purpose, OrderIntent intent, JsonNode result, Throwable error) {
    inFlight--;
    if (error == null) {
      onAnswer(purpose, intent, result);
    } else if (error instanceof DeribitRpcException refused) {
      onRefused(purpose, intent, refused);
    } else {
      onUnknownOutcome(purpose, intent, error);
    }
  }

  private void onAnswer(Purpose purpose, OrderIntent intent, JsonNode orders) {
    switch (purpose) {
      case PLACE, CANCEL -> {} // user.orders reports what became of the order
      case REPORT -> {
        if (orders.isEmpty()) {
          reject(intent, "the exchange has no order with this label");
        } else {
          publishFound(intent, orders);
        }
      }
      case PLACE_IF_ABSENT -> {
        if (orders.isEmpty()) {
          send(Purpose.PLACE, intent);
        } else {
          duplicatesSuppressed.inc();
          LOG.info("{} is known to the exchange already; not placing it again", intent.label());
          publishFound(intent, orders);
        }
        releaseHeld(intent.label());
      }
    }
  }

  private void publishFound(OrderIntent intent, JsonNode orders) {
    orders.forEach(order -> publish(intent.label(), OrderFeedback.found(order, epochNanos())));
  }

  private void onRefused(Purpose purpose, OrderIntent intent, DeribitRpcException refused) {
    String why = refused.code() + " " + refused.errorMessage();
    switch (purpose) {
      case PLACE -> {
        LOG.info("{} refused: {}", intent.label(), why);
        reject(intent, why);
      }
      case CANCEL -> {
        if (!ORDER_GONE.contains(refused.code())) {
          // The order may still be open: tell the strategy where it stands.
          LOG.warn("cancel of {} refused ({}); checking its status", intent.label(), why);
          send(Purpose.REPORT, intent);
        }
      }
      case REPORT -> LOG.warn("status check of {} refused: {}", intent.label(), why);
      case PLACE_IF_ABSENT -> {
        LOG.warn("status check of {} refused ({}); not placing it blind", intent.label(), why);
        reject(intent, "not placed: its status check was refused: " + why);
        releaseHeld(intent.label());
      }
    }
  }

  private void onUnknownOutcome(Purpose purpose, OrderIntent intent, Throwable error) {
    unknownOutcomes.inc();
    LOG.warn(
        "no answer to {} of {} ({}); checking its status",
        purpose,
        intent.label(),
        error.toString());
    rechecks.add(
        new Recheck(
            intent, purpose == Purpose.PLACE_IF_ABSENT ? Purpose.PLACE_IF_ABSENT : Purpose.REPORT));
    if (!(error instanceof DeribitConnectionException)) {
      recheckIfConnected();
    }
  }

  /** Sends the status checks waiting for a connection, if there is one. */
  private void recheckIfConnected() {
    if (rechecks.isEmpty() || connectionLostAtNanos != 0) {
      return;
    }
    List<Recheck> due = new ArrayList<>(rechecks);
    rechecks.clear();
    due.forEach(recheck -> send(recheck.purpose(), recheck.intent()));
  }

  /** Publishes a rejected order for {@code intent}, which the exchange never took. */
  private void reject(OrderIntent intent, String reason) {
    ordersRejected.inc();
    publish(
        intent.label(),
        OrderFeedback.rejected(intent, reason, System.currentTimeMillis(), epochNanos()));
  }

  private void publish(String label, String value) {
    producer.send(
        new ProducerRecord<>(settings.userTopic(), label, value),
        (metadata, error) -> {
          if (error != null) {
            feedbackFailure.compareAndSet(null, error);
          }
        });
  }

  /** Fails on a feedback write that failed, or a connection lost for too long. */
  private void checkHealthy() throws IOException {
    Throwable failure = feedbackFailure.get();
    if (failure != null) {
      throw new IOException(
          "writing order feedback to " + settings.userTopic() + " failed: " + failure, failure);
    }
    long lostAt = connectionLostAtNanos;
    if (lostAt != 0 && System.nanoTime() - lostAt > settings.reconnectTimeout().toNanos()) {
      throw new IOException(
          "no connection to "
              + settings.uri().getHost()
              + " for more than "
              + settings.reconnectTimeout().toMillis()
              + " ms; failing so that the job restarts");
    }
  }

  /** Runs {@code action} on the task thread; dropped once the writer is closed. */
  private void onTaskThread(ThrowingRunnable<? extends Exception> action, String what) {
    try {
      mailbox.execute(action, what);
    } catch (RejectedExecutionException | IllegalStateException closed) {
      LOG.debug("writer closed; dropping {}", what);
    }
  }

  private ResilientConnection open(ExecutionSettings settings, Credentials credentials)
      throws IOException {
    ResilientConnection.Settings connectionSettings =
        new ResilientConnection.Settings(
            DeribitClient.Options.defaults().withRequestTimeout(settings.requestTimeout()),
            HEARTBEAT_SECONDS,
            SILENCE_TIMEOUT,
            Backoff.defaults(),
            credentials,
            true);
    try {
      return ResilientConnection.open(
          settings.uri(), (frame, receivedNanos) -> {}, new Watch(), connectionSettings);
    } catch (TimeoutException e) {
      throw new IOException("connecting to " + settings.venue() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + settings.venue(), e);
    }
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Follows the connection: checks resume once it is back; too long an outage fails the task. */
  private final class Watch implements ResilientConnection.Listener {

    @Override
    public void onConnectionLost(Throwable cause) {
      if (connectionLostAtNanos == 0) {
        connectionLostAtNanos = System.nanoTime();
      }
      LOG.warn("connection to {} lost: {}", settings.uri().getHost(), cause.getMessage());
      wakeUps.schedule(
          () -> onTaskThread(ExecutionWriter.this::checkHealthy, "reconnect deadline"),
          settings.reconnectTimeout().toMillis() + 1,
          TimeUnit.MILLISECONDS);
    }

    @Override
    public void onReconnected(int reconnects) {
      connectionLostAtNanos = 0;
      onTaskThread(ExecutionWriter.this::recheckIfConnected, "status checks after reconnecting");
    }
  }
}
