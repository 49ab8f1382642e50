package io.gammastraddle.risk;

/**
 * The latest one-day market scenarios for the historical VaR, in a ring of fixed capacity: a
 * scenario is the underlying's relative move and the ATM implied vol's change in vol points between
 * two consecutive days (for example UTC midnights), {@code S1 / S0 - 1} and {@code IV1 - IV0}. A
 * year of days (365; crypto trades every day) is the usual window. When full, each new scenario
 * replaces the oldest.
 *
 * <p>A Flink POJO (public no-argument constructor, getters and setters) so it can live in keyed
 * state; the arrays are exposed for that and must not be changed through the getters.
 */
public class ScenarioWindow {

  private double[] moves;
  private double[] volChanges;
  private int next;
  private int size;

  public ScenarioWindow() {}

  public ScenarioWindow(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    moves = new double[capacity];
    volChanges = new double[capacity];
  }

  /**
   * Adds one day's scenario, replacing the oldest when the window is full.
   *
   * @param relativeMove the underlying's relative move, {@code S1 / S0 - 1}, above -1
   * @param volChangePoints the implied vol's change in vol points ({@code 0.55 -> 0.58} is 3)
   */
  public void add(double relativeMove, double volChangePoints) {
    if (!(relativeMove > -1 && Double.isFinite(relativeMove) && Double.isFinite(volChangePoints))) {
      throw new IllegalArgumentException(
          "scenario must be finite with a move above -1, was move %s, vol change %s"
              .formatted(relativeMove, volChangePoints));
    }
    moves[next] = relativeMove;
    volChanges[next] = volChangePoints;
    next = (next + 1) % moves.length;
    size = Math.min(size + 1, moves.length);
  }

  public int capacity() {
    return moves.length;
  }

  /** Relative move of the scenario in slot {@code i}, {@code 0 <= i < size}, in no time order. */
  public double move(int i) {
    return moves[checkSlot(i)];
  }

  /** Vol change in vol points of the scenario in slot {@code i}, {@code 0 <= i < size}. */
  public double volChange(int i) {
    return volChanges[checkSlot(i)];
  }

  private int checkSlot(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("slot " + i + " of " + size + " scenarios");
    }
    return i;
  }

  public double[] getMoves() {
    return moves;
  }

  public void setMoves(double[] moves) {
    this.moves = moves;
  }

  public double[] getVolChanges() {
    return volChanges;
  }

  public void setVolChanges(double[] volChanges) {
    this.volChanges = volChanges;
  }

  /** The slot the next scenario goes to. */
  public int getNext() {
    return next;
  }

  public void setNext(int next) {
    this.next = next;
  }

  /** Scenarios held, at most the capacity. */
  public int getSize() {
    return size;
  }

  public void setSize(int size) {
    this.size = size;
  }
}
