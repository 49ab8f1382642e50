package io.gammastraddle.book;

import io.gammastraddle.market.BookUpdate;

/**
 * An instrument's book as rebuilt so far, and whether it missed updates. A stale book keeps its
 * last levels for inspection but ignores changes until a snapshot replaces it.
 *
 * @param book the book, or null when no snapshot has arrived yet
 */
public record BookState(OrderBook book, boolean stale) {

  /** What an update did. */
  public enum Outcome {
    /** A snapshot replaced the book or a change continued it. */
    APPLIED,
    /** The change does not follow the book's last change id: updates were lost. */
    GAP,
    /** The change was already applied (a replayed record). */
    DUPLICATE,
    /** The book is stale and waits for a snapshot. */
    WAITING_FOR_SNAPSHOT
  }

  /** The state after an update, and what the update did. */
  public record Step(BookState state, Outcome outcome) {}

  /**
   * Applies one update to {@code current} (null before the first update of an instrument). A change
   * before any snapshot counts as a gap.
   */
  public static Step next(BookState current, BookUpdate update) {
    if (update.snapshot()) {
      return new Step(new BookState(OrderBook.fromSnapshot(update), false), Outcome.APPLIED);
    }
    if (current == null) {
      return new Step(new BookState(null, true), Outcome.GAP);
    }
    if (current.stale()) {
      return new Step(current, Outcome.WAITING_FOR_SNAPSHOT);
    }
    if (update.changeId() <= current.book().changeId()) {
      return new Step(current, Outcome.DUPLICATE);
    }
    if (!current.book().continuesWith(update)) {
      return new Step(new BookState(current.book(), true), Outcome.GAP);
    }
    return new Step(new BookState(current.book().apply(update), false), Outcome.APPLIED);
  }

  /** The top of the book to publish after {@code step}, or null when nothing changed. */
  public static BookTop topAfter(Step step, BookUpdate update, BookMeasure measure) {
    boolean changed = step.outcome() == Outcome.APPLIED || step.outcome() == Outcome.GAP;
    if (!changed || step.state().book() == null) {
      return null;
    }
    return step.state().book().top(update, measure, step.state().stale());
  }
}
