package io.gammastraddle.gamma.scoring;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.registry.FeatureHistogram;
import io.gammastraddle.scoring.DriftMonitor;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keyed state of the scoring operator: the last {@code capacity} feature vectors of an underlying,
 * one per {@code scoring.drift-interval} at most (as the training samples are spaced, so that the
 * window and the training histograms hold values equally far apart), raw, in a ring. Raw values
 * rather than bins, because bins belong to one model's reference: after a swap or a restore the
 * operator replays the ring into a {@link DriftMonitor} for the model in use, and drift is judged
 * over a full window at once. A Flink POJO.
 */
public class DriftWindow {

  private int capacity;
  private int columns;
  private int next;
  private int count;
  private double[] values = new double[0];
  private long lastTaken;

  public DriftWindow() {}

  public DriftWindow(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Takes the vector of event time {@code time} when {@code intervalMillis} have passed since the
   * last one taken; a vector of another length (a new schema) restarts the window. Returns whether
   * it took the vector.
   */
  public boolean add(double[] vector, long time, long intervalMillis) {
    if (vector.length == columns && count > 0 && time - lastTaken < intervalMillis) {
      return false;
    }
    if (vector.length != columns) {
      columns = vector.length;
      values = new double[capacity * columns];
      next = 0;
      count = 0;
    }
    System.arraycopy(vector, 0, values, next * columns, columns);
    next = (next + 1) % capacity;
    count = Math.min(count + 1, capacity);
    lastTaken = time;
    return true;
  }

  /**
   * A monitor for {@code reference} holding this window's vectors, oldest first, that checks by
   * range the features remembering longer than {@code intervalMillis} (the window's spacing).
   */
  public DriftMonitor replay(List<FeatureHistogram> reference, long intervalMillis) {
    Set<String> rangeChecked =
        reference.stream()
            .map(FeatureHistogram::feature)
            .filter(name -> FeatureSchema.memory(name).toMillis() > intervalMillis)
            .collect(Collectors.toSet());
    DriftMonitor monitor = new DriftMonitor(reference, capacity, rangeChecked);
    double[] row = new double[columns];
    for (int i = 0; i < count; i++) {
      int slot = (next - count + i + capacity) % capacity;
      System.arraycopy(values, slot * columns, row, 0, columns);
      monitor.add(row);
    }
    return monitor;
  }

  public int getCapacity() {
    return capacity;
  }

  public void setCapacity(int capacity) {
    this.capacity = capacity;
  }

  public int getColumns() {
    return columns;
  }

  public void setColumns(int columns) {
    this.columns = columns;
  }

  public int getNext() {
    return next;
  }

  public void setNext(int next) {
    this.next = next;
  }

  public int getCount() {
    return count;
  }

  public void setCount(int count) {
    this.count = count;
  }

  public double[] getValues() {
    return values;
  }

  public void setValues(double[] values) {
    this.values = values;
  }

  public long getLastTaken() {
    return lastTaken;
  }

  public void setLastTaken(long lastTaken) {
    this.lastTaken = lastTaken;
  }
}
