package io.gammastraddle.training.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.scoring.LightGbmModel;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LightGbmFitTest {

  private static final int ROWS = 2_000;
  private static final int COLUMNS = 4;
  private static final double[] FEATURES = new double[ROWS * COLUMNS];
  private static final float[] LABELS = new float[ROWS];
  private static final int[] TRAIN = IntStream.range(0, 1_600).toArray();
  private static final int[] VALIDATION = IntStream.range(1_600, ROWS).toArray();

  static {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < COLUMNS; j++) {
        FEATURES[i * COLUMNS + j] = random.nextDouble(-1, 1);
      }
      double x = FEATURES[i * COLUMNS];
      double y = FEATURES[i * COLUMNS + 1];
      LABELS[i] = (float) (Math.sin(3 * x) + 0.5 * y + 0.3 * random.nextGaussian());
    }
  }

  private static Hyperparameters fast(int rounds) {
    return new Hyperparameters(rounds, 0.1, 6, 31, 1, 1, 1);
  }

  @Test
  void keepsTheTreesUpToTheBestValidationRound() throws Exception {
    LightGbmFit.Fitted fitted =
        new LightGbmFit(1, 1)
            .fit(FEATURES, COLUMNS, LABELS, TRAIN, VALIDATION, fast(1_000), 20, round -> true);

    assertThat(fitted.rounds()).as("noise makes it stop early").isBetween(5, 500);
    LightGbmModel model = LightGbmModel.parse(fitted.modelText());
    assertThat(model.trees()).isEqualTo(fitted.rounds());
    double sumSquares = 0;
    for (int row : VALIDATION) {
      double error =
          model.predict(
                  java.util.Arrays.copyOfRange(FEATURES, row * COLUMNS, row * COLUMNS + COLUMNS))
              - LABELS[row];
      sumSquares += error * error;
    }
    assertThat(sumSquares / VALIDATION.length)
        .as("the saved model is the best round's")
        .isCloseTo(fitted.validationL2(), within(1e-6 * fitted.validationL2()));
    assertThat(fitted.validationL2())
        .as("it learned something: labels vary by about 0.8")
        .isLessThan(0.2);
  }

  @Test
  void stopsWhenTheStopCheckSaysSoAndIsDeterministicForASeed() throws Exception {
    LightGbmFit fit = new LightGbmFit(7, 1);
    LightGbmFit.Fitted stopped =
        fit.fit(FEATURES, COLUMNS, LABELS, TRAIN, VALIDATION, fast(1_000), 50, round -> round < 5);
    assertThat(stopped.rounds()).isLessThanOrEqualTo(5);

    Hyperparameters sampled = new Hyperparameters(60, 0.1, 4, 15, 1, 0.8, 0.7);
    String first =
        fit.fit(FEATURES, COLUMNS, LABELS, TRAIN, VALIDATION, sampled, 50, r -> true).modelText();
    String second =
        fit.fit(FEATURES, COLUMNS, LABELS, TRAIN, VALIDATION, sampled, 50, r -> true).modelText();
    assertThat(second).isEqualTo(first);
  }
}
