package io.gammastraddle.execution;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The labels a writer has placed: the last {@code capacity} of them, in the order placed. Older
 * ones are forgotten; a replay that old is caught by the exchange look-up instead (see {@link
 * ExecutionWriter}). Used on the task thread only.
 */
final class LabelMemory {

  private final int capacity;
  private final LinkedHashSet<String> labels = new LinkedHashSet<>();

  /** A memory holding the labels of {@code restored}, in order, within {@code capacity}. */
  LabelMemory(int capacity, Collection<PlacedLabels> restored) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    restored.forEach(state -> state.labels().forEach(this::add));
  }

  /** Remembers {@code label}; false if it was remembered already. */
  boolean add(String label) {
    if (!labels.add(label)) {
      return false;
    }
    if (labels.size() > capacity) {
      Iterator<String> oldest = labels.iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  boolean contains(String label) {
    return labels.contains(label);
  }

  int size() {
    return labels.size();
  }

  PlacedLabels snapshot() {
    return new PlacedLabels(List.copyOf(labels));
  }
}
