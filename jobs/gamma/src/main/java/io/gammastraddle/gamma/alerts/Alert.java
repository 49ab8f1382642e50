package io.gammastraddle.gamma.alerts;

/**
 * Something an operator should know (DESIGN section 11), for {@code gsb.alerts} and the {@code
 * gsb:alerts} stream.
 *
 * @param type what happened, e.g. {@code model_fallback}; the Kafka key
 * @param subject what it happened to: an underlying, or a model version
 * @param timestamp epoch ms: the event time of the vector that showed it, or the time a bundle was
 *     received
 * @param message one line for a human
 */
public record Alert(String type, String subject, long timestamp, String message) {}
