/** The trainer's rolling window of samples on disk. */
package io.gammastraddle.training.dataset;
