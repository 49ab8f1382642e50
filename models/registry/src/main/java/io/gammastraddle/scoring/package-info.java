/** Scoring LightGBM models in pure Java, from LightGBM's own text model format. */
package io.gammastraddle.scoring;
