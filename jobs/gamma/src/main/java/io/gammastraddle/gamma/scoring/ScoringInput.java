package io.gammastraddle.gamma.scoring;

import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.labels.LabelledSample;

/**
 * What the scoring operator receives per underlying: a feature vector to score, or a resolved
 * sample that tells how well the model did. Exactly one is set.
 */
public record ScoringInput(FeatureVector vector, LabelledSample sample) {

  public static ScoringInput of(FeatureVector vector) {
    return new ScoringInput(vector, null);
  }

  public static ScoringInput of(LabelledSample sample) {
    return new ScoringInput(null, sample);
  }

  public String underlying() {
    return vector != null ? vector.underlying() : sample.underlying();
  }
}
