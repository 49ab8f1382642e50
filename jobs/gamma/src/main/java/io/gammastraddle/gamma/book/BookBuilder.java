package io.gammastraddle.gamma.book;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.book.OrderBook;
import io.gammastraddle.market.BookUpdate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds each instrument's order book (keyed by instrument) from a snapshot and the chained
 * changes that follow it, and emits the top of the book after every update.
 *
 * <p>A change whose {@code prev_change_id} is not the book's last change id means updates were
 * lost: the book is marked stale, its tops say so, and changes are ignored until the next snapshot.
 * A change at or below the book's change id was already applied (a replayed record) and is skipped.
 * State is one {@link BookState} per instrument; it lives as long as the instrument is subscribed
 * (instruments are few and bounded, so it is not cleared).
 */
public class BookBuilder extends KeyedProcessFunction<String, BookUpdate, BookTop> {

  public static final ValueStateDescriptor<BookState> STATE =
      new ValueStateDescriptor<>("book", BookState.class);

  private static final Logger LOG = LoggerFactory.getLogger(BookBuilder.class);

  private final int depthLevels;
  private transient ValueState<BookState> state;
  private transient Counter gaps;
  private transient Counter duplicates;

  public BookBuilder(int depthLevels) {
    this.depthLevels = depthLevels;
  }

  @Override
  public void open(OpenContext openContext) {
    state = getRuntimeContext().getState(STATE);
    gaps = getRuntimeContext().getMetricGroup().counter("bookGaps");
    duplicates = getRuntimeContext().getMetricGroup().counter("bookDuplicates");
  }

  @Override
  public void processElement(BookUpdate update, Context ctx, Collector<BookTop> out)
      throws Exception {
    BookState current = state.value();
    BookState next = next(current, update);
    if (next == current) {
      return;
    }
    state.update(next);
    if (next.book() != null) {
      out.collect(next.book().top(update, depthLevels, next.stale()));
    }
  }

  private BookState next(BookState current, BookUpdate update) {
    if (update.snapshot()) {
      return new BookState(OrderBook.fromSnapshot(update), false);
    }
    if (current == null) {
      gaps.inc();
      LOG.warn(
          "Change {} for {} arrived before any snapshot", update.changeId(), update.instrument());
      return new BookState(null, true);
    }
    if (current.stale()) {
      return current;
    }
    OrderBook book = current.book();
    if (update.changeId() <= book.changeId()) {
      duplicates.inc();
      return current;
    }
    if (!book.continuesWith(update)) {
      gaps.inc();
      LOG.warn(
          "Gap in {}: change {} follows {} but the book is at {}; stale until the next snapshot",
          update.instrument(),
          update.changeId(),
          update.prevChangeId(),
          book.changeId());
      return new BookState(book, true);
    }
    return new BookState(book.apply(update), false);
  }
}
