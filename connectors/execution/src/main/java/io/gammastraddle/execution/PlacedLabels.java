package io.gammastraddle.execution;

import java.util.List;
import java.util.Objects;

/**
 * The writer state of the {@link ExecutionSink}: the labels one writer has placed (or decided to
 * place), oldest first, so that a label replayed after a restart is not placed again. Serialized by
 * a versioned serializer ({@link ExecutionSink#getWriterStateSerializer()}).
 *
 * @param labels order labels, oldest first, each once
 */
public record PlacedLabels(List<String> labels) {

  public PlacedLabels {
    labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
  }
}
