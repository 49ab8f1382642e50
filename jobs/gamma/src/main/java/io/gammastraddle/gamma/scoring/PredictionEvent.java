package io.gammastraddle.gamma.scoring;

import io.gammastraddle.scoring.Prediction;

/**
 * What the scoring operator says for one feature vector (DESIGN section 4, {@code
 * gsb.predictions}): the parameters the strategy uses, where they came from, and how the model is
 * doing.
 *
 * @param size the position size after the confidence scale, within [0.02, 0.15]
 * @param modelSize the size the model (or the fallback) gave, before the scale
 * @param positionScale the confidence scale applied, within the configured bounds (1 for the
 *     fallback)
 * @param fallback whether the fallback parameters are in use; {@code reason} says why
 * @param clipped how many of the three model outputs were clipped into their range
 * @param latencyNanos how long the three models took (0 when they were not asked)
 * @param health the current model's health on the latest resolved samples, or null without a model
 * @param shadow the shadow model's prediction for the same vector, or null without one
 * @param shadowHealth the shadow model's health on the same samples, or null
 */
public record PredictionEvent(
    String underlying,
    long timestamp,
    double size,
    double takeProfit,
    double stopLoss,
    double modelSize,
    double positionScale,
    String modelVersion,
    boolean fallback,
    String reason,
    int clipped,
    long latencyNanos,
    ModelHealth health,
    Prediction shadow,
    ModelHealth shadowHealth) {}
