package io.gammastraddle.gamma.book;

import static io.gammastraddle.gamma.MarketEvents.T0;
import static io.gammastraddle.gamma.MarketEvents.change;
import static io.gammastraddle.gamma.MarketEvents.levels;
import static io.gammastraddle.gamma.MarketEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.book.BookMeasure;
import io.gammastraddle.book.BookState;
import io.gammastraddle.book.BookTop;
import io.gammastraddle.gamma.MarketEvents;
import io.gammastraddle.gamma.alerts.Signal;
import io.gammastraddle.market.BookUpdate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BookBuilderTest {

  private KeyedOneInputStreamOperatorTestHarness<String, BookUpdate, BookTop> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new BookBuilder(BookMeasure.of(2, 6)), BookUpdate::instrument, Types.STRING);
  }

  private void send(BookUpdate update) throws Exception {
    harness.processElement(update, update.timestamp());
  }

  private BookTop lastTop() {
    List<BookTop> tops = harness.extractOutputValues();
    return tops.get(tops.size() - 1);
  }

  private BookState state() throws Exception {
    harness.getOperator().setCurrentKey(MarketEvents.PERP);
    return harness
        .getOperator()
        .getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, BookBuilder.STATE)
        .value();
  }

  @Test
  void emitsTheTopOfTheBookAfterSnapshotAndChanges() throws Exception {
    send(snapshot(10, T0, levels(100, 5, 99, 3, 98, 7), levels(101, 4, 102, 6)));
    assertThat(lastTop().bestBid()).isEqualTo(100);
    assertThat(lastTop().bidDepth()).isEqualTo(8);
    assertThat(lastTop().askDepth()).isEqualTo(10);
    assertThat(lastTop().nearDepth()).as("every level is within 10% of 100.5").isEqualTo(25);
    assertThat(lastTop().buyPrice()).isCloseTo((101 * 4 + 102 * 2) / 6.0, within(1e-12));
    assertThat(lastTop().sellPrice()).isCloseTo((100 * 5 + 99 * 1) / 6.0, within(1e-12));

    send(change(10, 11, T0 + 100, levels(100, 0, 100.5, 1), levels(101, 9)));
    BookTop top = lastTop();
    assertThat(top.bestBid()).isEqualTo(100.5);
    assertThat(top.bestBidAmount()).isEqualTo(1);
    assertThat(top.bestAskAmount()).isEqualTo(9);
    assertThat(top.bidDepth()).isEqualTo(4);
    assertThat(top.stale()).isFalse();
    assertThat(top.timestamp()).isEqualTo(T0 + 100);
    assertThat(state().book().changeId()).isEqualTo(11);
  }

  @Test
  void marksTheBookStaleOnAGapAndIgnoresChangesUntilASnapshot() throws Exception {
    send(snapshot(10, T0, levels(100, 5), levels(101, 4)));
    send(change(12, 13, T0 + 100, levels(100.5, 1), levels()));

    assertThat(lastTop().stale()).isTrue();
    assertThat(lastTop().bestBid()).as("the missed change is not applied").isEqualTo(100);
    assertThat(state().stale()).isTrue();

    send(change(13, 14, T0 + 200, levels(99, 1), levels()));
    assertThat(harness.extractOutputValues()).hasSize(2);

    send(snapshot(20, T0 + 300, levels(97, 2), levels(98, 2)));
    assertThat(lastTop().stale()).isFalse();
    assertThat(lastTop().bestBid()).isEqualTo(97);
    assertThat(state().stale()).isFalse();
    assertThat(harness.getSideOutput(BookBuilder.SIGNALS))
        .as("one gap signal for the alert patterns, none while waiting for the snapshot")
        .extracting(record -> (Signal) record.getValue())
        .containsExactly(
            new Signal(
                Signal.Kind.BOOK_GAP,
                "BTC",
                T0 + 100,
                MarketEvents.PERP + ": change 13 follows 12"));
  }

  @Test
  void treatsAChangeBeforeAnySnapshotAsAGap() throws Exception {
    send(change(1, 2, T0, levels(100, 1), levels(101, 1)));

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(state().stale()).isTrue();
  }

  @Test
  void skipsChangesAlreadyApplied() throws Exception {
    send(snapshot(10, T0, levels(100, 5), levels(101, 4)));
    send(change(10, 11, T0 + 100, levels(100, 6), levels()));
    send(change(10, 11, T0 + 100, levels(100, 6), levels()));

    assertThat(harness.extractOutputValues()).hasSize(2);
    assertThat(state().stale()).isFalse();
  }
}
