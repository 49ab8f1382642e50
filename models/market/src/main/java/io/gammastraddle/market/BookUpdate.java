package io.gammastraddle.market;

/**
 * One order-book message: a full snapshot or an incremental change.
 *
 * <p>Levels are parallel arrays. In a change, an amount of zero deletes the level at that price;
 * any other amount replaces it. {@code prevChangeId} is the change id this update follows and is
 * only meaningful when {@code snapshot} is false.
 */
public record BookUpdate(
    String instrument,
    String underlying,
    InstrumentKind kind,
    long timestamp,
    boolean snapshot,
    long changeId,
    long prevChangeId,
    double[] bidPrices,
    double[] bidAmounts,
    double[] askPrices,
    double[] askAmounts,
    long receivedNanos) {}
