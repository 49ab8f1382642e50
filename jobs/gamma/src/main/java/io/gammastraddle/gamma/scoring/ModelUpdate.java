package io.gammastraddle.gamma.scoring;

/**
 * One record of {@code gsb.models} as the job receives it: the role ({@code current} or {@code
 * shadow}, see {@link io.gammastraddle.registry.ModelTopic}) and the bundle as JSON, empty to end
 * the role. The JSON is parsed by the scoring operator, which can refuse it with a reason.
 */
public record ModelUpdate(String role, String bundleJson) {}
