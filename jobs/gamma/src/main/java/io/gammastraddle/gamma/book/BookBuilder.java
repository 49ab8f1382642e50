package io.gammastraddle.gamma.book;

import io.gammastraddle.book.BookMeasure;
import io.gammastraddle.book.BookState;
import io.gammastraddle.book.BookTop;
import io.gammastraddle.gamma.alerts.Signal;
import io.gammastraddle.market.BookUpdate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds each instrument's order book (keyed by instrument) from a snapshot and the chained
 * changes that follow it ({@link BookState#next}), and emits the top of the book after every update
 * that changed it.
 *
 * <p>A change whose {@code prev_change_id} is not the book's last change id means updates were
 * lost: the book is marked stale, its top says so once, and changes are ignored until the next
 * snapshot; each gap is also a {@link Signal.Kind#BOOK_GAP} on {@link #SIGNALS}, for the alert
 * patterns. State is one {@link BookState} per instrument; it lives as long as the instrument is
 * subscribed (instruments are few and bounded, so it is not cleared).
 */
public class BookBuilder extends KeyedProcessFunction<String, BookUpdate, BookTop> {

  public static final ValueStateDescriptor<BookState> STATE =
      new ValueStateDescriptor<>("book", BookState.class);
  public static final OutputTag<Signal> SIGNALS =
      new OutputTag<>("book-signals", TypeInformation.of(Signal.class));

  private static final Logger LOG = LoggerFactory.getLogger(BookBuilder.class);

  private final BookMeasure measure;
  private transient ValueState<BookState> state;
  private transient Counter gaps;
  private transient Counter duplicates;

  /** Publishes tops whose depths and fill prices {@code measure} defines. */
  public BookBuilder(BookMeasure measure) {
    this.measure = measure;
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
    BookState.Step step = BookState.next(state.value(), update);
    switch (step.outcome()) {
      case GAP -> {
        gaps.inc();
        LOG.warn(
            "Gap in {}: change {} follows {}; the book is stale until the next snapshot",
            update.instrument(),
            update.changeId(),
            update.prevChangeId());
        ctx.output(
            SIGNALS,
            new Signal(
                Signal.Kind.BOOK_GAP,
                update.underlying(),
                update.timestamp(),
                update.instrument()
                    + ": change "
                    + update.changeId()
                    + " follows "
                    + update.prevChangeId()));
      }
      case DUPLICATE -> duplicates.inc();
      case APPLIED, WAITING_FOR_SNAPSHOT -> {}
    }
    if (step.state() != state.value()) {
      state.update(step.state());
    }
    BookTop top = BookState.topAfter(step, update, measure);
    if (top != null) {
      out.collect(top);
    }
  }
}
