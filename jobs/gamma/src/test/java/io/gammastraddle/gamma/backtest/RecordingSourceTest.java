package io.gammastraddle.gamma.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.recording.RecordingWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording read as the backtest's source: real Deribit frames decoded as the job decodes them, a
 * notification that does not decode as a dead letter, user and heartbeat frames skipped, and a
 * restored split going on from its checkpointed position.
 */
class RecordingSourceTest {

  /** A channel the market decoder does not take. */
  private static final String UNDECODABLE =
      "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\","
          + "\"params\":{\"channel\":\"chart.trades.BTC-PERPETUAL.1\",\"data\":{}}}";

  @TempDir Path directory;
  private String recording;

  /**
   * Seven frames: a book snapshot, a heartbeat, a trades notification with two trades, one of our
   * orders, the undecodable notification, an option's ticker and the index, written with {@link
   * RecordingWriter} and received one microsecond apart.
   */
  @BeforeEach
  void record() throws Exception {
    List<String> frames =
        List.of(
            Fixtures.lines("ws_book_100ms.json").get(0),
            Fixtures.lines("ws_heartbeat.json").get(0),
            Fixtures.lines("ws_trades.json").get(0),
            Fixtures.lines("ws_user_orders.json").get(0),
            UNDECODABLE,
            Fixtures.lines("ws_ticker_option_100ms.json").get(0),
            Fixtures.lines("ws_deribit_price_index.json").get(0));
    try (RecordingWriter writer = new RecordingWriter(directory, "test")) {
      for (int i = 0; i < frames.size(); i++) {
        writer.write(received(i + 1), frames.get(i));
      }
    }
    recording = directory.toAbsolutePath().toString();
  }

  @Test
  void decodesEachNotificationAndSkipsUserAndHeartbeatFrames() {
    List<MarketEvent> events = read(new RecordingSource.Split(recording, 0));

    assertThat(events).hasSize(6);
    assertThat(events.get(0).book().instrument()).isEqualTo("BTC-PERPETUAL");
    assertThat(events.get(0).book().snapshot()).isTrue();
    assertThat(events.get(0).book().receivedNanos()).isEqualTo(received(1));
    assertThat(events.subList(1, 3))
        .allSatisfy(
            event -> {
              assertThat(event.trade().instrument()).isEqualTo("BTC-PERPETUAL");
              assertThat(event.trade().receivedNanos()).isEqualTo(received(3));
            })
        .extracting(event -> event.trade().tradeId())
        .containsExactly("137487241", "137487242");
    DeadLetter deadLetter = events.get(3).deadLetter();
    assertThat(deadLetter.source()).isEqualTo("recording " + recording);
    assertThat(deadLetter.offset()).isEqualTo(5); // the file's fifth frame
    assertThat(deadLetter.reason()).isEqualTo("unsupported channel chart.trades.BTC-PERPETUAL.1");
    assertThat(deadLetter.payload()).startsWith("{\"recv_ts\":" + received(5) + ",");
    assertThat(events.get(4).ticker().instrument()).isEqualTo("BTC-30SEP22-60000-C");
    assertThat(events.get(4).ticker().receivedNanos()).isEqualTo(received(6));
    assertThat(events.get(5).index().index()).isEqualTo("btc_usd");
    assertThat(events.get(5).index().receivedNanos()).isEqualTo(received(7));
  }

  @Test
  void aRestoredSplitYieldsExactlyTheEventsNotYetEmitted() {
    List<MarketEvent> all = read(new RecordingSource.Split(recording, 0));

    // Two emitted: the book and the first of the frame's two trades.
    assertThat(read(new RecordingSource.Split(recording, 2))).isEqualTo(all.subList(2, 6));
    assertThat(read(new RecordingSource.Split(recording, 6))).isEmpty();
  }

  @Test
  void theUpdatedSplitCountsTheEventsTakenFromItsIterator() {
    RecordingSource.Split split = new RecordingSource.Split(recording, 0);
    RecordingSource.Events events = split.getIterator();
    for (int i = 0; i < 3; i++) {
      events.next();
    }

    assertThat(split.getUpdatedSplitForIterator(events))
        .isEqualTo(new RecordingSource.Split(recording, 3));
  }

  @Test
  void splitsAndTheEnumeratorsCheckpointRoundTrip() throws Exception {
    RecordingSource source = new RecordingSource(directory);
    RecordingSource.Split split = new RecordingSource.Split(recording, 4);
    SimpleVersionedSerializer<RecordingSource.Split> splits = source.getSplitSerializer();
    assertThat(splits.deserialize(splits.getVersion(), splits.serialize(split))).isEqualTo(split);

    List<RecordingSource.Split> remaining =
        List.of(split, new RecordingSource.Split("/elsewhere/recording", 0));
    SimpleVersionedSerializer<Collection<RecordingSource.Split>> checkpoints =
        source.getEnumeratorCheckpointSerializer();
    assertThat(checkpoints.deserialize(checkpoints.getVersion(), checkpoints.serialize(remaining)))
        .containsExactlyElementsOf(remaining);
  }

  private static List<MarketEvent> read(RecordingSource.Split split) {
    List<MarketEvent> events = new ArrayList<>();
    split.getIterator().forEachRemaining(events::add);
    return events;
  }

  /** The receive time of the {@code n}-th frame: n microseconds after 2024-01-01, in ns. */
  private static long received(int n) {
    return 1_704_067_200_000_000_000L + n * 1_000L;
  }
}
