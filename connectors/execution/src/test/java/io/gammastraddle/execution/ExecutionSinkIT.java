package io.gammastraddle.execution;

import static io.gammastraddle.execution.Intents.place;
import static io.gammastraddle.execution.OrderFeedbackTest.decode;
import static io.gammastraddle.execution.PaperAccount.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gammastraddle.deribit.user.OrderReport;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.orders.OrderPolicy;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.orders.Side;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Flink job sends order intents through the sink to the simulator, with feedback on a real Kafka
 * topic; a second run of the same intents, as after a restart that replays them, places nothing
 * new.
 */
class ExecutionSinkIT {

  private static final int PARALLELISM = 2;
  private static final String ACCOUNT = "execution-sink-it";
  private static final String USER_TOPIC = "user.it";
  private static final String OFF_TICK = "gsb-BTC-105-c0";

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(PARALLELISM)
              .build());

  @Test
  void ordersArePlacedOnceRefusalsReportedAndAReplayPlacesNothingNew() throws Exception {
    try (EmbeddedServices services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree());
        SimulatorServer simulator =
            new SimulatorServer(
                new SimulatedMarket(11, System.currentTimeMillis()),
                new InetSocketAddress("127.0.0.1", 0),
                1.0)) {
      services.createTopics(Map.of(USER_TOPIC, 1));
      simulator.start();
      ExecutionSink sink =
          ExecutionSink.builder()
              .setUri(simulator.uri())
              .setPaperAccount(ACCOUNT)
              .setKafkaBootstrap(services.kafkaBootstrap())
              .setUserTopic(USER_TOPIC)
              .build();
      // Decided a moment ago, before either run's writers start.
      List<OrderIntent> intents = intents(System.currentTimeMillis() - 1_000);

      run(intents, sink);
      PaperAccount account = new PaperAccount(simulator.uri(), ACCOUNT);
      List<String> afterFirstRun = labels(account.history("BTC"), account.history("ETH"));
      run(intents, sink);
      List<String> afterReplay = labels(account.history("BTC"), account.history("ETH"));

      List<String> placed =
          intents.stream().map(OrderIntent::label).filter(l -> !l.equals(OFF_TICK)).toList();
      assertThat(afterFirstRun).containsExactlyInAnyOrderElementsOf(placed);
      assertThat(afterReplay).containsExactlyInAnyOrderElementsOf(placed);
      // The off-tick order was refused in each run; the replay placed nothing the exchange held.
      Map<String, List<OrderReport>> feedback = feedbackByLabel(services, 2);
      assertThat(feedback.keySet()).containsExactly(OFF_TICK);
      assertThat(feedback.get(OFF_TICK))
          .hasSize(2)
          .allSatisfy(
              report -> {
                assertThat(report.status()).isEqualTo(OrderStatus.REJECTED);
                assertThat(report.filledAmount()).isZero();
              });
    }
  }

  /**
   * Three resting buys and an immediate-or-cancel buy that fills in BTC, a resting buy in ETH, and
   * a BTC buy off the 0.5 USD tick, which the exchange refuses.
   */
  private static List<OrderIntent> intents(long decidedAt) {
    List<OrderIntent> intents = new ArrayList<>();
    for (int seq = 101; seq <= 103; seq++) {
      intents.add(
          buy(
              "BTC-PERPETUAL",
              "gsb-BTC-" + seq + "-c0",
              1_000 + seq,
              OrderPolicy.POST_ONLY,
              decidedAt));
    }
    intents.add(buy("BTC-PERPETUAL", "gsb-BTC-104-c0", 10_000_000, OrderPolicy.IOC, decidedAt));
    intents.add(buy("BTC-PERPETUAL", OFF_TICK, 1_000.25, OrderPolicy.POST_ONLY, decidedAt));
    intents.add(buy("ETH-PERPETUAL", "gsb-ETH-1-c0", 100, OrderPolicy.POST_ONLY, decidedAt));
    return intents;
  }

  private static OrderIntent buy(
      String instrument, String label, double price, OrderPolicy policy, long decidedAt) {
    return place(Side.BUY, instrument, 10, price, policy, false, label, decidedAt, 0);
  }

  private static void run(List<OrderIntent> intents, ExecutionSink sink) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(PARALLELISM);
    env.fromData(intents).sinkTo(sink).name("Deribit orders");
    env.execute("execution-sink-it");
  }

  /** The feedback on the user topic by label, once it holds at least {@code expected} values. */
  private static Map<String, List<OrderReport>> feedbackByLabel(
      EmbeddedServices services, int expected) throws Exception {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = services.consumerFromStart(List.of(USER_TOPIC))) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
              });
    }
    List<OrderReport> reports = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      OrderReport report = decode(record.value());
      assertThat(record.key()).isEqualTo(report.label());
      reports.add(report);
    }
    return reports.stream().collect(Collectors.groupingBy(OrderReport::label));
  }
}
