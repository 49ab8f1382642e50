package io.gammastraddle.bench.jmh;

import com.microsoft.ml.lightgbm.PredictionType;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.scoring.LightGbmModel;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One prediction of the three models of a bundle with the pure-Java evaluator, beside LightGBM's
 * own single-row predict (JNI) for one of them: {@code ./gsb bench --jmh Scoring}. DESIGN section
 * 12 asks p99 <= 50 us for the three models. The models are trained in setup on synthetic data the
 * size of the feature schema with the seed's shape (1000 trees of up to 31 leaves), and the rows
 * cycle through a pool so that branch prediction cannot learn one path through the trees. The
 * natives load from lightgbm4j's files in /tmp shared by every JVM (DESIGN section 15): a JVM that
 * extracts them again while this one runs can crash it (SIGBUS), so run it alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoringBenchmark {
  private static final int FEATURES = FeatureSchema.NAMES.size();
  private static final int TRAINING_ROWS = 5_000;
  private static final int TREES = 1_000;
  private static final int ROW_POOL = 1_024;

  /** Unlimited (leaf-wise trees up to about 20 deep), and the seed's default depth of 6. */
  @Param({"-1", "6"})
  int maxDepth;

  private String params;

  private LightGbmModel size;
  private LightGbmModel takeProfit;
  private LightGbmModel stopLoss;
  private LGBMBooster nativeSize;
  private double[][] rows;
  private int next;

  @Setup
  public void train() throws LGBMException {
    params =
        "objective=regression num_leaves=31 learning_rate=0.01 min_data_in_leaf=20 max_depth="
            + maxDepth
            + " verbose=-1 seed=11 deterministic=true";
    Random random = new Random(42);
    double[] training = new double[TRAINING_ROWS * FEATURES];
    for (int i = 0; i < training.length; i++) {
      training[i] = random.nextDouble() < 0.05 ? Double.NaN : random.nextGaussian();
    }
    String sizeText = trainModel(training, 0, random);
    size = LightGbmModel.parse(sizeText);
    takeProfit = LightGbmModel.parse(trainModel(training, 1, random));
    stopLoss = LightGbmModel.parse(trainModel(training, 2, random));
    // As the job's lightgbm4j engine would: loaded from the bundle's model text.
    nativeSize = LGBMBooster.loadModelFromString(sizeText);
    rows = new double[ROW_POOL][FEATURES];
    for (double[] row : rows) {
      System.arraycopy(training, random.nextInt(TRAINING_ROWS) * FEATURES, row, 0, FEATURES);
    }
  }

  @TearDown
  public void close() throws LGBMException {
    nativeSize.close();
  }

  @Benchmark
  public void threeModels(Blackhole blackhole) {
    double[] row = nextRow();
    blackhole.consume(size.predict(row));
    blackhole.consume(takeProfit.predict(row));
    blackhole.consume(stopLoss.predict(row));
  }

  @Benchmark
  public double lightgbm4jSingleRow() throws LGBMException {
    return nativeSize.predictForMatSingleRow(nextRow(), PredictionType.C_API_PREDICT_NORMAL);
  }

  private double[] nextRow() {
    next = (next + 1) & (ROW_POOL - 1);
    return rows[next];
  }

  /** A nonlinear target that differs per model, so the three models have different trees. */
  private String trainModel(double[] training, int model, Random random) throws LGBMException {
    float[] labels = new float[TRAINING_ROWS];
    for (int r = 0; r < TRAINING_ROWS; r++) {
      int at = r * FEATURES;
      double a = orZero(training[at + model]);
      double b = orZero(training[at + model + 3]);
      double c = orZero(training[at + model + 6]);
      labels[r] = (float) (Math.sin(2 * a) + a * b + Math.abs(c) + 0.3 * random.nextGaussian());
    }
    try (LGBMDataset dataset =
            LGBMDataset.createFromMat(training, TRAINING_ROWS, FEATURES, true, params, null);
        LGBMBooster booster = createBooster(dataset, labels)) {
      for (int i = 0; i < TREES; i++) {
        booster.updateOneIter();
      }
      return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
    }
  }

  private LGBMBooster createBooster(LGBMDataset dataset, float[] labels) throws LGBMException {
    dataset.setFeatureNames(FeatureSchema.NAMES.toArray(String[]::new));
    dataset.setField("label", labels);
    return LGBMBooster.create(dataset, params);
  }

  private static double orZero(double value) {
    return Double.isNaN(value) ? 0 : value;
  }
}
