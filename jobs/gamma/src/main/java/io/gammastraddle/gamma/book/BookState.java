package io.gammastraddle.gamma.book;

import io.gammastraddle.book.OrderBook;

/**
 * Keyed state of {@link BookBuilder}: the rebuilt book and whether it missed updates. A stale book
 * keeps its last levels for inspection but ignores changes until a snapshot replaces it.
 */
public record BookState(OrderBook book, boolean stale) {}
