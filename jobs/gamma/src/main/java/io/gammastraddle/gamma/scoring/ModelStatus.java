package io.gammastraddle.gamma.scoring;

/**
 * The bundle the job now trades with, for {@code gsb:model:current} (DESIGN section 5).
 *
 * @param metricNames, metricValues the bundle's out-of-sample metrics, pairwise
 */
public record ModelStatus(
    String version,
    long createdAt,
    long expiresAt,
    long trainedFrom,
    long trainedTo,
    String[] metricNames,
    double[] metricValues) {}
