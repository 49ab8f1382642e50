package io.gammastraddle.bench;

import io.gammastraddle.book.BookState;
import io.gammastraddle.book.BookTop;
import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.market.MarketDecoder;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingFeatures;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.MarketEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's decode, book and feature work as a plain single-thread loop over messages in event-time
 * order: the benchmark's baseline, and a check that the job computes the same vectors.
 *
 * <p>Ticks follow the job's rule (FeatureFunction): an event belongs to the first tick at or after
 * its timestamp, never earlier than one interval after the last emitted tick, and a tick is emitted
 * once an event of a later tick arrives, or at the end of the input.
 */
public final class PlainPipeline {

  private final MarketDecoder decoder = new MarketDecoder();
  private final int depthLevels;
  private final long interval;
  private final Map<String, BookState> books = new HashMap<>();
  private final Map<String, Underlying> underlyings = new HashMap<>();
  private final List<FeatureVector> vectors = new ArrayList<>();
  private long deadLetters;

  private static final class Underlying {
    final UnderlyingFeatures features = new UnderlyingFeatures();
    long pendingTick = Long.MIN_VALUE;
    long lastTick = Long.MIN_VALUE;
  }

  public PlainPipeline(int depthLevels, long decisionIntervalMillis) {
    this.depthLevels = depthLevels;
    this.interval = decisionIntervalMillis;
  }

  public void accept(String value) {
    try {
      decoder.decode(value, this::onEvent);
    } catch (MalformedMessageException e) {
      deadLetters++;
    }
  }

  private void onEvent(MarketEvent event) {
    if (event.book() != null) {
      BookUpdate update = event.book();
      BookState.Step step = BookState.next(books.get(update.instrument()), update);
      books.put(update.instrument(), step.state());
      BookTop top = BookState.topAfter(step, update, depthLevels);
      if (top != null) {
        Underlying underlying = advance(top.underlying(), top.timestamp());
        underlying.features.onBookTop(top);
      }
    } else if (event.trade() != null) {
      advance(event.underlying(), event.timestamp()).features.onTrade(event.trade());
    } else if (event.index() != null) {
      advance(event.underlying(), event.timestamp()).features.onIndex(event.index());
    }
  }

  /** Emits the pending tick if this event is past it; returns the underlying's state. */
  private Underlying advance(String name, long timestamp) {
    Underlying underlying = underlyings.computeIfAbsent(name, n -> new Underlying());
    if (underlying.pendingTick != Long.MIN_VALUE && timestamp > underlying.pendingTick) {
      emit(name, underlying);
    }
    if (underlying.pendingTick == Long.MIN_VALUE) {
      long tick = -Math.floorDiv(-timestamp, interval) * interval;
      if (underlying.lastTick != Long.MIN_VALUE) {
        tick = Math.max(tick, underlying.lastTick + interval);
      }
      underlying.pendingTick = tick;
    }
    return underlying;
  }

  private void emit(String name, Underlying underlying) {
    vectors.add(underlying.features.vector(name, underlying.pendingTick));
    underlying.lastTick = underlying.pendingTick;
    underlying.pendingTick = Long.MIN_VALUE;
  }

  /** Ends the input: every pending tick is emitted, as the job does at the final watermark. */
  public List<FeatureVector> finish() {
    underlyings.forEach(
        (name, underlying) -> {
          if (underlying.pendingTick != Long.MIN_VALUE) {
            emit(name, underlying);
          }
        });
    return vectors;
  }

  public long deadLetters() {
    return deadLetters;
  }
}
