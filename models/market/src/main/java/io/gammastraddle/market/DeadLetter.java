package io.gammastraddle.market;

/**
 * Input that could not be used, with where it came from and why, so it can be inspected and
 * replayed instead of being dropped.
 */
public record DeadLetter(
    String source, int partition, long offset, String reason, String payload) {}
