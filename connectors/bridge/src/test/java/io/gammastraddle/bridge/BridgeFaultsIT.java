package io.gammastraddle.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.chain.ChainSelection;
import io.gammastraddle.deribit.user.UserDecoder;
import io.gammastraddle.deribit.user.UserEvent;
import io.gammastraddle.deribit.websocket.Backoff;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.positions.ExchangePosition;
import io.gammastraddle.simulator.Fault;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge against the simulator's injected faults, over a real WebSocket into a real Kafka: what
 * reaches Kafka lets the job rebuild every book, and reconcile the account's positions, whatever
 * the feed did.
 */
class BridgeFaultsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOOK = "BTC-PERPETUAL";

  private static EmbeddedServices services;
  private SimulatorServer simulator;
  private String topic;

  @BeforeAll
  static void startKafka() throws Exception {
    services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree());
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (services != null) {
      services.close();
    }
  }

  @BeforeEach
  void startSimulator() throws Exception {
    simulator =
        new SimulatorServer(
            new SimulatedMarket(5, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            1.0);
    simulator.start();
    topic = "faults-" + UUID.randomUUID();
    services.createTopics(Map.of(topic, 1));
  }

  @AfterEach
  void stopSimulator() {
    simulator.close();
  }

  @Test
  void aGapInABookIsFollowedInKafkaByAFreshSnapshotThatTheNextChangesLinkTo() throws Exception {
    try (MarketDataBridge bridge = bridge(ResilientConnection.Settings.defaults());
        KafkaConsumer<String, String> consumer = services.consumerFromStart(List.of(topic))) {
      bridge.start();
      List<JsonNode> book = new ArrayList<>();
      await().atMost(Duration.ofSeconds(10)).until(() -> poll(consumer, book) > 5);

      simulator.faults().skipChangeIds(BOOK, 3);

      await().atMost(Duration.ofSeconds(15)).until(() -> bridge.resyncs() >= 1);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> {
                poll(consumer, book);
                return BookChecks.rebuilds(book).snapshotsAfterGap() >= 1
                    && BookChecks.rebuilds(book).linkedAfterLastSnapshot() >= 3;
              });
      assertThat(simulator.faults().count(Fault.SKIPPED_CHANGE)).isEqualTo(3);
      assertThat(bridge.bookGaps()).isEqualTo(1);
      BookChecks.Rebuild rebuild = BookChecks.rebuilds(book);
      assertThat(rebuild.gaps()).as("gaps seen in Kafka").isEqualTo(1);
      assertThat(rebuild.unlinkedAfterLastSnapshot()).isZero();
    }
  }

  @Test
  void afterTheServerDropsTheConnectionEveryBookStartsAgainFromASnapshot() throws Exception {
    try (MarketDataBridge bridge = bridge(fastReconnect());
        KafkaConsumer<String, String> consumer = services.consumerFromStart(List.of(topic))) {
      bridge.start();
      List<JsonNode> book = new ArrayList<>();
      await().atMost(Duration.ofSeconds(10)).until(() -> poll(consumer, book) > 5);
      int snapshotsBefore = BookChecks.rebuilds(book).snapshots();

      simulator.faults().dropConnections();

      await().atMost(Duration.ofSeconds(15)).until(() -> bridge.reconnects() == 1);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> {
                poll(consumer, book);
                BookChecks.Rebuild rebuild = BookChecks.rebuilds(book);
                return rebuild.snapshots() > snapshotsBefore
                    && rebuild.linkedAfterLastSnapshot() >= 3;
              });
      assertThat(simulator.faults().count(Fault.DROPPED_CONNECTION)).isEqualTo(1);
      assertThat(BookChecks.rebuilds(book).unlinkedAfterLastSnapshot()).isZero();
      assertThat(bridge.stopped()).isNotDone();
    }
  }

  @Test
  void aConnectionThatFallsSilentIsReplacedAndTheFeedResumes() throws Exception {
    ResilientConnection.Settings settings =
        fastReconnect().withSilenceTimeout(Duration.ofMillis(1_500));
    try (MarketDataBridge bridge = bridge(settings)) {
      bridge.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> bridge.recordsProduced() > 0);

      simulator.faults().silence();
      long silentSince = System.nanoTime();
      await().atMost(Duration.ofSeconds(10)).until(() -> !bridge.staleChannels().isEmpty());
      // past the silence timeout and one check period: the connection is declared dead meanwhile
      Thread.sleep(2_500);
      simulator.faults().endSilence();

      await().atMost(Duration.ofSeconds(15)).until(() -> bridge.reconnects() >= 1);
      assertThat(Duration.ofNanos(System.nanoTime() - silentSince))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
      long resumedFrom = bridge.recordsProduced();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> bridge.recordsProduced() > resumedFrom + 10);
      await().atMost(Duration.ofSeconds(10)).until(() -> bridge.staleChannels().isEmpty());
    }
  }

  @Test
  void theAccountsPositionsLandInTheUserTopicAtStartAndAgainAfterAReconnect() throws Exception {
    Credentials account = new Credentials("positions-it", "positions-it-secret");
    String userTopic = topic + ".user";
    services.createTopics(Map.of(userTopic, 1));
    try (ResilientConnection trader =
            ResilientConnection.open(
                simulator.uri(),
                (frame, nanos) -> {},
                reconnects -> {},
                fastReconnect().withCredentials(account));
        KafkaConsumer<String, String> users = services.consumerFromStart(List.of(userTopic))) {
      buyPerpetual(trader, 50); // crosses the book: the account holds +50 USD before the bridge
      try (MarketDataBridge bridge =
          new MarketDataBridge(
              MarketDataBridge.Config.defaults(simulator.uri(), services.kafkaBootstrap())
                  .withTopic(topic)
                  .withUserTopic(userTopic)
                  .withCurrencies(List.of("BTC"))
                  .withChain(ChainSelection.perpetualsOnly())
                  .withUserChannels(account)
                  .withConnection(fastReconnect()))) {
        bridge.start();
        List<ConsumerRecord<String, String>> snapshots = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> positions(users, snapshots) == 1);
        assertThat(snapshots.get(0).key()).isEqualTo("BTC");
        assertThat(perpetualSize(snapshots.get(0))).isEqualTo(50);

        buyPerpetual(trader, 30);
        simulator.faults().dropConnections();

        await().atMost(Duration.ofSeconds(15)).until(() -> bridge.reconnects() >= 1);
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    positions(users, snapshots) >= 2
                        && perpetualSize(snapshots.get(snapshots.size() - 1)) == 80);
        assertThat(simulator.faults().count(Fault.DROPPED_CONNECTION))
            .as("the bridge's connection and the trader's")
            .isEqualTo(2);
        assertThat(bridge.stopped()).isNotDone();
      }
    }
  }

  private static void buyPerpetual(ResilientConnection trader, int usd) throws Exception {
    ResilientConnection.await(
        trader.call(
            "private/buy", Map.of("instrument_name", BOOK, "amount", usd, "type", "market")));
  }

  /** Adds the positions records that arrived; returns how many there are. */
  private static int positions(
      KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> snapshots)
      throws Exception {
    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
      if (JSON.readTree(record.value()).path("channel").asText().equals("gsb.positions.BTC")) {
        snapshots.add(record);
      }
    }
    return snapshots.size();
  }

  /** The BTC-PERPETUAL size of a positions record, decoded as the job decodes it. */
  private static double perpetualSize(ConsumerRecord<String, String> record) throws Exception {
    List<UserEvent> events = new ArrayList<>();
    new UserDecoder().decode(record.value(), events::add);
    return events.get(0).positions().positions().stream()
        .filter(position -> position.instrument().equals(BOOK))
        .mapToDouble(ExchangePosition::size)
        .sum();
  }

  private MarketDataBridge bridge(ResilientConnection.Settings settings) {
    return new MarketDataBridge(
        MarketDataBridge.Config.defaults(simulator.uri(), services.kafkaBootstrap())
            .withTopic(topic)
            .withChain(ChainSelection.perpetualsOnly())
            .withStalenessThreshold(Duration.ofMillis(1_000))
            .withConnection(settings));
  }

  private static ResilientConnection.Settings fastReconnect() {
    return ResilientConnection.Settings.defaults()
        .withBackoff(new Backoff(Duration.ofMillis(50), 2, Duration.ofMillis(500), new Random(3)));
  }

  /** Adds the book notifications of {@link #BOOK} that arrived; returns how many there are. */
  private static int poll(KafkaConsumer<String, String> consumer, List<JsonNode> book)
      throws Exception {
    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
      JsonNode value = JSON.readTree(record.value());
      if (value.path("channel").asText().equals("book." + BOOK + ".100ms")) {
        book.add(value.get("data"));
      }
    }
    return book.size();
  }

  /** How a reader of Kafka would rebuild one book from its notifications, in order. */
  private static final class BookChecks {
    record Rebuild(
        int snapshots,
        int gaps,
        int snapshotsAfterGap,
        int linkedAfterLastSnapshot,
        int unlinkedAfterLastSnapshot) {}

    static Rebuild rebuilds(List<JsonNode> book) {
      int snapshots = 0;
      int gaps = 0;
      int snapshotsAfterGap = 0;
      int linked = 0;
      int unlinked = 0;
      boolean broken = false;
      long last = -1;
      for (JsonNode data : book) {
        long changeId = data.get("change_id").asLong();
        if (data.path("type").asText().equals("snapshot")) {
          snapshots++;
          if (broken) {
            snapshotsAfterGap++;
          }
          broken = false;
          linked = 0;
          unlinked = 0;
          last = changeId;
          continue;
        }
        if (last < 0 || broken) {
          continue;
        }
        if (data.get("prev_change_id").asLong() == last) {
          linked++;
          last = changeId;
        } else {
          gaps++;
          unlinked++;
          broken = true;
        }
      }
      return new Rebuild(snapshots, gaps, snapshotsAfterGap, linked, unlinked);
    }
  }
}
