package io.gammastraddle.registry;

/**
 * A feature row and what LightGBM itself (lightgbm4j, at training time) predicted for it with each
 * of the bundle's three models, so a loader can check its own evaluator against LightGBM.
 *
 * @param features the row, in the bundle's feature order (NaN for a missing value)
 * @param size, takeProfit, stopLoss the raw model outputs, before any clipping
 */
public record ReferenceRow(double[] features, double size, double takeProfit, double stopLoss) {}
