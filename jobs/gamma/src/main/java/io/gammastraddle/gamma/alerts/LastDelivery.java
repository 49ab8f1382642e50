package io.gammastraddle.gamma.alerts;

/**
 * The {@link AlertCooldown}'s state for one alert type and subject.
 *
 * @param time processing time (epoch ms) the last alert was delivered
 * @param suppressed alerts held back since then
 */
public record LastDelivery(long time, int suppressed) {}
