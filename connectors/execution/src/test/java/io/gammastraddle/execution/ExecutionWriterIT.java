package io.gammastraddle.execution;

import static io.gammastraddle.execution.Intents.byLabel;
import static io.gammastraddle.execution.Intents.place;
import static io.gammastraddle.execution.OrderFeedbackTest.decode;
import static io.gammastraddle.execution.PaperAccount.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.user.OrderReport;
import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.orders.OrderPolicy;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.orders.Side;
import io.gammastraddle.simulator.Fault;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The writer against the real simulator, one paper account per test, feedback into a mock producer.
 * The simulated BTC index starts near 60,000 USD, so a post-only buy of BTC-PERPETUAL at 1,000
 * rests and one at 10,000,000 would cross; its tick is 0.5.
 */
class ExecutionWriterIT {

  private static final String PERPETUAL = "BTC-PERPETUAL";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

  private static SimulatorServer simulator;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ExecutionWriter> openWriters = new ArrayList<>();

  /** What every writer of the test published, one producer each (closing a writer closes it). */
  private final List<MockProducer<String, String>> producers = new ArrayList<>();

  private PaperAccount account;

  @BeforeAll
  static void startSimulator() throws Exception {
    simulator =
        new SimulatorServer(
            new SimulatedMarket(7, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            1.0);
    simulator.start();
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void newAccount(TestInfo test) {
    account =
        new PaperAccount(
            simulator.uri(), "writer-it-" + test.getTestMethod().orElseThrow().getName());
  }

  @AfterEach
  void closeWriters() {
    simulator.faults().clear();
    openWriters.forEach(ExecutionWriter::close);
  }

  @Test
  void placesALabelOnceAndSuppressesItsRepeat() throws Exception {
    TestWriterInitContext context = new TestWriterInitContext();
    ExecutionWriter writer = writer(context, List.of());
    long receivedNanos = epochNanos() - 3_000_000;
    OrderIntent buy = restingBuy("gsb-BTC-1-c0", afterTheWriterStarted(), receivedNanos);

    writer.write(buy, null);
    writer.write(buy, null);
    writer.flush(false);

    assertThat(labels(account.openOrders("BTC"))).containsExactly("gsb-BTC-1-c0");
    assertThat(context.counter("ordersSent")).isEqualTo(1);
    assertThat(context.counter("duplicatesSuppressed")).isEqualTo(1);
    assertThat(context.counter("statusChecks")).isZero();
    assertThat(context.histogram("tickToOrderMicros").getCount()).isEqualTo(1);
    // the market event was received 3 ms before the intent was even built
    assertThat(context.histogram("tickToOrderMicros").getStatistics().getMin())
        .isGreaterThanOrEqualTo(3_000);
    assertThat(published()).isEmpty();
  }

  @Test
  void refusedOrdersArePublishedAsRejectedAndTheWriterGoesOn() throws Exception {
    TestWriterInitContext context = new TestWriterInitContext();
    ExecutionWriter writer = writer(context, List.of());

    writer.write(buy("gsb-BTC-2-c0", 1000.25, afterTheWriterStarted()), null);
    writer.write(buy("gsb-BTC-3-c0", 10_000_000, afterTheWriterStarted()), null);
    writer.flush(false);

    assertThat(context.counter("ordersRejected")).isEqualTo(2);
    assertThat(published())
        .extracting(ProducerRecord::key)
        .containsExactlyInAnyOrder("gsb-BTC-2-c0", "gsb-BTC-3-c0");
    assertThat(reports()).extracting(OrderReport::status).containsOnly(OrderStatus.REJECTED);
    assertThat(published())
        .extracting(record -> readTree(record.value()).at("/data/reject_reason").asText())
        .containsExactlyInAnyOrder("10043 price_wrong_tick", "11054 post_only_reject");
  }

  @Test
  void aLabelTheExchangeHoldsIsNotPlacedAgainByTheNextWriterWhateverItsEventTime()
      throws Exception {
    // Decided "in the future": event time ahead of the wall clock, as on a simulator at speed, so
    // only the exchange's own list of recent orders can tell that the label was placed.
    OrderIntent buy = restingBuy("gsb-BTC-4-c0", System.currentTimeMillis() + 60_000, 0);
    TestWriterInitContext first = new TestWriterInitContext();
    ExecutionWriter beforeRestart = writer(first, List.of());
    beforeRestart.write(buy, null);
    beforeRestart.flush(false);
    close(beforeRestart); // cancel-on-disconnect cancels the order

    TestWriterInitContext second = new TestWriterInitContext();
    ExecutionWriter afterRestart = writer(second, List.of());
    afterRestart.write(buy, null);
    afterRestart.flush(false);

    assertThat(first.counter("ordersSent")).isEqualTo(1);
    assertThat(second.counter("ordersSent")).isZero();
    assertThat(second.counter("statusChecks")).isZero();
    assertThat(second.counter("duplicatesSuppressed")).isEqualTo(1);
    assertThat(labels(account.history("BTC"))).containsExactly("gsb-BTC-4-c0");
    assertThat(reports()).isEmpty();
  }

  @Test
  void aReplayDecidedBeforeTheWriterStartedIsAskedAboutBeforeItIsPlaced() throws Exception {
    OrderIntent buy = restingBuy("gsb-BTC-5-c0", System.currentTimeMillis() - 1_000, 0);
    TestWriterInitContext context = new TestWriterInitContext();
    ExecutionWriter writer = writer(context, List.of());
    writer.write(buy, null);
    writer.flush(false);

    assertThat(context.counter("statusChecks")).isEqualTo(1);
    assertThat(context.counter("ordersSent")).isEqualTo(1);
    assertThat(labels(account.openOrders("BTC"))).containsExactly("gsb-BTC-5-c0");
    close(writer);
  }

  @Test
  void aCancelOfAReplayedOrderWaitsForItsLookUpAndDoesNotOvertakeIt() throws Exception {
    ExecutionWriter writer = writer(new TestWriterInitContext(), List.of());
    long beforeTheWriterStarted = System.currentTimeMillis() - 1_000;

    writer.write(restingBuy("gsb-BTC-13-c0", beforeTheWriterStarted, 0), null);
    writer.write(
        byLabel(OrderIntent.Kind.CANCEL, "gsb-BTC-13-c0", PERPETUAL, beforeTheWriterStarted), null);
    writer.flush(false);

    assertThat(account.openOrders("BTC")).isEmpty();
    assertThat(account.history("BTC"))
        .singleElement()
        .satisfies(
            order -> assertThat(order.get("cancel_reason").asText()).isEqualTo("user_request"));
  }

  @Test
  void restoredLabelsAreNotPlacedAgainEvenWithoutAsking() throws Exception {
    OrderIntent buy = restingBuy("gsb-BTC-5-c0", afterTheWriterStarted(), 0);
    ExecutionWriter beforeRestart = writer(new TestWriterInitContext(), List.of());
    beforeRestart.write(buy, null);
    beforeRestart.flush(false);
    List<PlacedLabels> checkpoint = beforeRestart.snapshotState(1);

    TestWriterInitContext context = new TestWriterInitContext();
    ExecutionWriter afterRestart = writer(context, checkpoint);
    afterRestart.write(buy, null);
    afterRestart.flush(false);

    assertThat(checkpoint).singleElement().isEqualTo(new PlacedLabels(List.of("gsb-BTC-5-c0")));
    assertThat(context.counter("duplicatesSuppressed")).isEqualTo(1);
    assertThat(context.counter("statusChecks")).isZero();
    assertThat(context.counter("ordersSent")).isZero();
  }

  @Test
  void aStatusCheckPublishesTheOrdersFoundOrARejectedOneWhenThereIsNone() throws Exception {
    ExecutionWriter writer = writer(new TestWriterInitContext(), List.of());
    writer.write(restingBuy("gsb-BTC-6-c0", afterTheWriterStarted(), 0), null);
    writer.flush(false);

    writer.write(byLabel(OrderIntent.Kind.CHECK_STATUS, "gsb-BTC-6-c0", PERPETUAL), null);
    writer.write(byLabel(OrderIntent.Kind.CHECK_STATUS, "gsb-BTC-7-c0", PERPETUAL), null);
    writer.flush(false);

    List<OrderReport> reports = reports();
    assertThat(reports)
        .extracting(OrderReport::label)
        .containsExactly("gsb-BTC-6-c0", "gsb-BTC-7-c0");
    assertThat(reports.get(0).status()).isEqualTo(OrderStatus.OPEN);
    assertThat(reports.get(0).orderId()).startsWith("BTC-");
    assertThat(reports.get(1).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(reports.get(1).orderId()).isEqualTo("rejected:gsb-BTC-7-c0");
  }

  @Test
  void cancelByLabelCancelsTheOrderAndACancelOfNothingPublishesNothing() throws Exception {
    ExecutionWriter writer = writer(new TestWriterInitContext(), List.of());
    writer.write(restingBuy("gsb-BTC-8-c0", afterTheWriterStarted(), 0), null);
    writer.flush(false);

    writer.write(byLabel(OrderIntent.Kind.CANCEL, "gsb-BTC-8-c0", PERPETUAL), null);
    writer.write(byLabel(OrderIntent.Kind.CANCEL, "gsb-BTC-9-c0", PERPETUAL), null);
    writer.flush(false);

    assertThat(account.openOrders("BTC")).isEmpty();
    JsonNode cancelled = account.history("BTC").get(0);
    assertThat(cancelled.get("label").asText()).isEqualTo("gsb-BTC-8-c0");
    assertThat(cancelled.get("cancel_reason").asText()).isEqualTo("user_request");
    assertThat(published()).isEmpty();
  }

  @Test
  void anOrderWhoseAnswerIsLostIsLookedUpOnceTheExchangeAnswersAgain() throws Exception {
    TestWriterInitContext context = new TestWriterInitContext();
    ExecutionWriter writer = writer(context, List.of());
    long silenced = simulator.faults().count(Fault.SILENCED_FRAME);
    simulator.faults().silence();
    // The answers to the order and to the first look-up are lost; each times out after 1 s.
    CompletableFuture.runAsync(
        () -> {
          await().until(() -> simulator.faults().count(Fault.SILENCED_FRAME) >= silenced + 2);
          simulator.faults().endSilence();
        });

    writer.write(restingBuy("gsb-BTC-10-c0", afterTheWriterStarted(), 0), null);
    writer.flush(false);

    assertThat(context.counter("unknownOutcomes")).isEqualTo(2);
    assertOnlyReport("gsb-BTC-10-c0", OrderStatus.OPEN);
  }

  @Test
  void anOrderInFlightWhenTheConnectionDropsIsLookedUpAfterReconnecting() throws Exception {
    TestWriterInitContext context = new TestWriterInitContext();
    ExecutionWriter writer = writer(context, List.of());
    long silenced = simulator.faults().count(Fault.SILENCED_FRAME);
    simulator.faults().silence();

    writer.write(restingBuy("gsb-BTC-11-c0", afterTheWriterStarted(), 0), null);
    // The exchange has placed the order once its answer is discarded.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> simulator.faults().count(Fault.SILENCED_FRAME) > silenced);
    simulator.faults().dropConnections();
    simulator.faults().endSilence();
    writer.flush(false);

    assertThat(context.counter("unknownOutcomes")).isEqualTo(1);
    assertThat(context.counter("ordersSent")).isEqualTo(1);
    // The dropped session's cancel-on-disconnect cancelled the order before the look-up.
    assertOnlyReport("gsb-BTC-11-c0", OrderStatus.CANCELLED);
  }

  @Test
  void anIntentDecidedTooLongAgoIsRefusedUnsent() throws Exception {
    TestWriterInitContext context = new TestWriterInitContext();
    ExecutionWriter writer = writer(context, List.of());
    long twentyOneMinutesAgo = System.currentTimeMillis() - Duration.ofMinutes(21).toMillis();

    writer.write(restingBuy("gsb-BTC-12-c0", twentyOneMinutesAgo, 0), null);
    writer.flush(false);

    assertThat(context.counter("ordersSent")).isZero();
    assertThat(context.counter("statusChecks")).isZero();
    assertThat(reports()).extracting(OrderReport::status).containsExactly(OrderStatus.REJECTED);
    assertThat(readTree(published().get(0).value()).at("/data/reject_reason").asText())
        .startsWith("stale: decided ");
    assertThat(account.openOrders("BTC")).isEmpty();
  }

  private ExecutionWriter writer(TestWriterInitContext context, List<PlacedLabels> restored)
      throws Exception {
    ExecutionSettings settings =
        new ExecutionSettings(
            simulator.uri(),
            ExecutionSettings.Mode.PAPER,
            false,
            account.name(),
            "unused:9092",
            "user.it",
            REQUEST_TIMEOUT,
            Duration.ofSeconds(20),
            1_000,
            Duration.ofMinutes(20),
            List.of("BTC"));
    MockProducer<String, String> producer =
        new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    producers.add(producer);
    ExecutionWriter writer =
        new ExecutionWriter(settings, context, restored, () -> producer, Map.of());
    openWriters.add(writer);
    return writer;
  }

  private void close(ExecutionWriter writer) {
    openWriters.remove(writer);
    writer.close();
  }

  private List<ProducerRecord<String, String>> published() {
    return producers.stream().flatMap(producer -> producer.history().stream()).toList();
  }

  /** A post-only buy far below the market: it rests. */
  private static OrderIntent restingBuy(String label, long decidedAt, long marketReceivedNanos) {
    return place(
        Side.BUY,
        PERPETUAL,
        10,
        1_000,
        OrderPolicy.POST_ONLY,
        false,
        label,
        decidedAt,
        marketReceivedNanos);
  }

  private static OrderIntent buy(String label, double price, long decidedAt) {
    return place(Side.BUY, PERPETUAL, 10, price, OrderPolicy.POST_ONLY, false, label, decidedAt, 0);
  }

  /** A decision time after any writer of this test started: sent without a look-up. */
  private static long afterTheWriterStarted() {
    return System.currentTimeMillis() + 60_000;
  }

  private void assertOnlyReport(String label, OrderStatus status) throws Exception {
    assertThat(reports())
        .singleElement()
        .satisfies(
            report -> {
              assertThat(report.label()).isEqualTo(label);
              assertThat(report.status()).isEqualTo(status);
            });
  }

  private List<OrderReport> reports() throws Exception {
    List<OrderReport> reports = new ArrayList<>();
    for (ProducerRecord<String, String> record : published()) {
      assertThat(record.topic()).isEqualTo("user.it");
      OrderReport report = decode(record.value());
      assertThat(record.key()).isEqualTo(report.label());
      reports.add(report);
    }
    return reports;
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(json, e);
    }
  }

  private static long epochNanos() {
    return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
  }
}
