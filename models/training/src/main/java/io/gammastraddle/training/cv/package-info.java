/**
 * Time-series-safe validation splits and regression metrics for the trainer.
 *
 * <p>Every split works on {@link io.gammastraddle.training.cv.SampleIntervals}: the [t0, t0 + H]
 * interval each sample's label depends on. Training samples whose interval overlaps a test span are
 * purged, and with {@link io.gammastraddle.training.cv.PurgedKFold} those starting within an
 * embargo after it are dropped too, following M. López de Prado, <i>Advances in Financial Machine
 * Learning</i> (Wiley, 2018), chapter 7.
 */
package io.gammastraddle.training.cv;
