package io.gammastraddle.strategy;

/**
 * One failed entry gate.
 *
 * @param message the numbers that failed it, for logs and the {@code gsb.orders} audit trail
 */
public record GateFailure(SkipReason reason, String message) {}
