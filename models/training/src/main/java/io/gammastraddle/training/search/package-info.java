/**
 * Hyperparameter search: Optuna's Tree-structured Parzen Estimator ({@link
 * io.gammastraddle.training.search.TpeSampler}) and median pruner ({@link
 * io.gammastraddle.training.search.MedianPruner}) written in Java, driven by a {@link
 * io.gammastraddle.training.search.Study} that minimises an {@link
 * io.gammastraddle.training.search.Objective}.
 */
package io.gammastraddle.training.search;
