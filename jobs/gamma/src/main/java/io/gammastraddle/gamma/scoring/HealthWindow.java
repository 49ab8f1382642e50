package io.gammastraddle.gamma.scoring;

import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.registry.Fallback;
import io.gammastraddle.scoring.BundleScorer;
import io.gammastraddle.scoring.RegressionMetrics;
import io.gammastraddle.scoring.Targets;

/**
 * Keyed state of the scoring operator: the last {@code capacity} resolved samples of an underlying
 * (features at entry and realized targets, in a ring) and the latest {@link ModelHealth} of the
 * current and the shadow model on them. A model is measured by scoring the stored features again,
 * so a swapped-in model is judged on the same recent samples at once instead of after a new window.
 * A Flink POJO: its serializer evolves with the fields.
 */
public class HealthWindow {

  private static final double[] FALLBACK = {
    Fallback.SIZE, Fallback.TAKE_PROFIT, Fallback.STOP_LOSS
  };

  private int capacity;
  private int schemaVersion;
  private int columns;
  private int next;
  private int count;
  private double[] features = new double[0];
  private double[] targets = new double[0];
  private ModelHealth current;
  private ModelHealth shadow;

  public HealthWindow() {}

  public HealthWindow(int capacity) {
    this.capacity = capacity;
  }

  /** Takes a resolved sample; samples of another feature schema replace the window. */
  public void add(LabelledSample sample) {
    if (sample.schemaVersion() != schemaVersion || sample.features().length != columns) {
      schemaVersion = sample.schemaVersion();
      columns = sample.features().length;
      features = new double[capacity * columns];
      targets = new double[capacity * FALLBACK.length];
      next = 0;
      count = 0;
    }
    System.arraycopy(sample.features(), 0, features, next * columns, columns);
    targets[next * 3] = Targets.size(sample.maxAdverse(), sample.hedgedPnl());
    targets[next * 3 + 1] = Targets.takeProfit(sample.maxFavourable());
    targets[next * 3 + 2] = Targets.stopLoss(sample.maxAdverse());
    next = (next + 1) % capacity;
    count = Math.min(count + 1, capacity);
    current = null;
    shadow = null;
  }

  /** The health of {@code scorer} as the current ({@code shadowRole} false) or shadow model. */
  public ModelHealth health(BundleScorer scorer, boolean shadowRole) {
    ModelHealth cached = shadowRole ? shadow : current;
    if (cached != null && cached.version().equals(scorer.version())) {
      return cached;
    }
    ModelHealth measured = measure(scorer);
    if (shadowRole) {
      shadow = measured;
    } else {
      current = measured;
    }
    return measured;
  }

  private ModelHealth measure(BundleScorer scorer) {
    int n = scorer.bundle().schemaVersion() == schemaVersion ? count : 0;
    double[][] predicted = new double[n][];
    double[] row = new double[columns];
    for (int i = 0; i < n; i++) {
      System.arraycopy(features, i * columns, row, 0, columns);
      predicted[i] = scorer.predict(row);
    }
    double[] mae = new double[3];
    double[] r2 = new double[3];
    double[] fallbackMae = new double[3];
    for (int t = 0; t < 3; t++) {
      double[] actual = new double[n];
      double[] model = new double[n];
      double[] fallback = new double[n];
      for (int i = 0; i < n; i++) {
        actual[i] = targets[i * 3 + t];
        model[i] = predicted[i][t];
        fallback[i] = FALLBACK[t];
      }
      mae[t] = n == 0 ? Double.NaN : RegressionMetrics.mae(actual, model);
      fallbackMae[t] = n == 0 ? Double.NaN : RegressionMetrics.mae(actual, fallback);
      r2[t] = n == 0 ? Double.NaN : RegressionMetrics.r2(actual, model);
    }
    return new ModelHealth(scorer.version(), n, n == capacity, mae, r2, fallbackMae);
  }

  public int getCapacity() {
    return capacity;
  }

  public void setCapacity(int capacity) {
    this.capacity = capacity;
  }

  public int getSchemaVersion() {
    return schemaVersion;
  }

  public void setSchemaVersion(int schemaVersion) {
    this.schemaVersion = schemaVersion;
  }

  public int getColumns() {
    return columns;
  }

  public void setColumns(int columns) {
    this.columns = columns;
  }

  public int getNext() {
    return next;
  }

  public void setNext(int next) {
    this.next = next;
  }

  public int getCount() {
    return count;
  }

  public void setCount(int count) {
    this.count = count;
  }

  public double[] getFeatures() {
    return features;
  }

  public void setFeatures(double[] features) {
    this.features = features;
  }

  public double[] getTargets() {
    return targets;
  }

  public void setTargets(double[] targets) {
    this.targets = targets;
  }

  public ModelHealth getCurrent() {
    return current;
  }

  public void setCurrent(ModelHealth current) {
    this.current = current;
  }

  public ModelHealth getShadow() {
    return shadow;
  }

  public void setShadow(ModelHealth shadow) {
    this.shadow = shadow;
  }
}
