/** Training the three LightGBM models: cross-validation, hyperparameter search, fitting. */
package io.gammastraddle.training;
