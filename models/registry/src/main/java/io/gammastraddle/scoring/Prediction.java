package io.gammastraddle.scoring;

/**
 * The strategy parameters for one feature vector: from the models, or the fallback parameters when
 * the models cannot be trusted for it ({@code fallback} true, {@code reason} saying why).
 *
 * @param clipped how many of the three model outputs fell outside their range and were clipped
 */
public record Prediction(
    String underlying,
    long timestamp,
    double size,
    double takeProfit,
    double stopLoss,
    String modelVersion,
    boolean fallback,
    String reason,
    int clipped) {}
