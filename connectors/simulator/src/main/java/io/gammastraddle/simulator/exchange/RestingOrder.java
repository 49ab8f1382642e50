package io.gammastraddle.simulator.exchange;

/**
 * What an order (or an order being placed or edited) leaves resting in the book: the part the
 * margin rules reserve funds for.
 */
record RestingOrder(
    InstrumentSpec instrument,
    Direction direction,
    double price,
    double amount,
    boolean reduceOnly) {}
