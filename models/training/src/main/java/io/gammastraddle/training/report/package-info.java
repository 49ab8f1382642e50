/**
 * The report of a training run: {@code report.json} with the run's numbers and PNG plots of the
 * feature importances, the out-of-fold predictions against what was realized, and the
 * cross-validation folds.
 */
package io.gammastraddle.training.report;
