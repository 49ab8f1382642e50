package io.gammastraddle.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.bridge.BookChains.Link;
import io.gammastraddle.bridge.BookChains.Step;
import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.deribit.websocket.Notifications;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gap detection on recorded book notifications whose change ids are rewritten into chains. */
class BookChainsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHANNEL = "book.BTC-PERPETUAL.100ms";
  private static final List<String> BOOKS = Fixtures.lines("ws_book_100ms.json");

  private final BookChains chains = new BookChains();

  /** The recorded BTC-PERPETUAL snapshot (line 1) with its change id set to {@code id}. */
  private static String snapshot(long id) {
    return params(BOOKS.get(0).replace("\"change_id\":31479596557", "\"change_id\":" + id));
  }

  /** The recorded BTC-PERPETUAL change (line 2) rewritten to link {@code prev} to {@code id}. */
  private static String change(long prev, long id) {
    return params(
        BOOKS
            .get(1)
            .replace("\"prev_change_id\":31479598064", "\"prev_change_id\":" + prev)
            .replace("\"change_id\":31479598217", "\"change_id\":" + id));
  }

  private static String params(String frame) {
    return Notifications.subscription(frame).json();
  }

  @Test
  void followsTheChainFromTheSnapshot() {
    assertThat(chains.follow(CHANNEL, snapshot(100))).isEqualTo(Step.SNAPSHOT);
    assertThat(chains.follow(CHANNEL, change(100, 110))).isEqualTo(Step.LINKED);
    assertThat(chains.follow(CHANNEL, change(110, 177))).isEqualTo(Step.LINKED);
    assertThat(chains.awaitingSnapshot(CHANNEL)).isFalse();
  }

  @Test
  void aMissingLinkIsAGapAndTheChainWaitsForTheNextSnapshot() {
    chains.follow(CHANNEL, snapshot(100));
    chains.follow(CHANNEL, change(100, 110));

    assertThat(chains.follow(CHANNEL, change(120, 130))).isEqualTo(Step.GAP);
    assertThat(chains.awaitingSnapshot(CHANNEL)).isTrue();
    assertThat(chains.follow(CHANNEL, change(130, 140)))
        .as("no second gap before the snapshot")
        .isEqualTo(Step.AWAITING_SNAPSHOT);
    assertThat(chains.follow(CHANNEL, change(999, 1000))).isEqualTo(Step.AWAITING_SNAPSHOT);

    assertThat(chains.follow(CHANNEL, snapshot(500))).isEqualTo(Step.RESYNCED);
    assertThat(chains.awaitingSnapshot(CHANNEL)).isFalse();
    assertThat(chains.follow(CHANNEL, change(500, 510))).isEqualTo(Step.LINKED);
    assertThat(chains.follow(CHANNEL, snapshot(600)))
        .as("a snapshot on an unbroken chain only restarts it")
        .isEqualTo(Step.SNAPSHOT);
    assertThat(chains.follow(CHANNEL, change(510, 520)))
        .as("older than the new snapshot")
        .isEqualTo(Step.OUT_OF_DATE);
    assertThat(chains.follow(CHANNEL, change(605, 610))).isEqualTo(Step.GAP);
  }

  @Test
  void duplicatedAndOlderChangesAreNoGaps() {
    chains.follow(CHANNEL, snapshot(100));
    chains.follow(CHANNEL, change(100, 110));

    assertThat(chains.follow(CHANNEL, change(100, 110))).isEqualTo(Step.OUT_OF_DATE);
    assertThat(chains.follow(CHANNEL, change(90, 100))).isEqualTo(Step.OUT_OF_DATE);
    assertThat(chains.follow(CHANNEL, change(110, 120))).isEqualTo(Step.LINKED);
    assertThat(chains.awaitingSnapshot(CHANNEL)).isFalse();
  }

  @Test
  void eachChannelHasItsOwnChain() {
    String eth = "book.ETH-PERPETUAL.100ms";
    chains.follow(CHANNEL, snapshot(100));
    chains.follow(eth, snapshot(7));

    assertThat(chains.follow(eth, change(8, 9))).isEqualTo(Step.GAP);
    assertThat(chains.follow(CHANNEL, change(100, 101))).isEqualTo(Step.LINKED);
    assertThat(chains.awaitingSnapshot(CHANNEL)).isFalse();
  }

  @Test
  void aChangeBeforeAnySnapshotOrAfterForgettingWaits() {
    assertThat(chains.follow(CHANNEL, change(100, 110))).isEqualTo(Step.AWAITING_SNAPSHOT);

    chains.follow(CHANNEL, snapshot(100));
    chains.forget(CHANNEL);

    assertThat(chains.follow(CHANNEL, change(100, 110))).isEqualTo(Step.AWAITING_SNAPSHOT);
    assertThat(chains.awaitingSnapshot(CHANNEL)).isFalse();
  }

  @Test
  void readsTheChainFieldsOfEveryRecordedBookNotificationWhereverTheyAre() throws Exception {
    for (String frame : BOOKS) {
      JsonNode data = JSON.readTree(frame).path("params").path("data");

      Link link = BookChains.link(params(frame));

      assertThat(link).as(frame).isNotNull();
      assertThat(link.snapshot()).isEqualTo(data.get("type").asText().equals("snapshot"));
      assertThat(link.changeId()).isEqualTo(data.get("change_id").asLong());
      if (!link.snapshot()) {
        assertThat(link.prevChangeId()).isEqualTo(data.get("prev_change_id").asLong());
      }
    }
  }

  @Test
  void groupedBooksWithoutATypeAreNotFollowed() {
    for (String frame : Fixtures.lines("ws_book_grouped_depth_100ms.json")) {
      assertThat(chains.follow(Notifications.subscription(frame).channel(), params(frame)))
          .isEqualTo(Step.UNCHAINED);
    }
    assertThat(BookChains.link("{\"channel\":\"book.X.100ms\",\"data\":{\"type\":\"change\""))
        .isNull();
  }
}
