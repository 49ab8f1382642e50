package io.gammastraddle.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each feature's share of one model's total gain (LightGBM's gain importance normalized to sum to
 * 1), the measure behind the weak-feature report and the importance stability between models. A
 * model without a single split has no gain: all its shares are 0.
 *
 * @param features the feature names, in model order
 * @param shares each feature's share of the total gain, in the same order
 */
public record FeatureImportance(List<String> features, double[] shares) {

  /** The prefix of the bundle metrics that keep the shares: {@code importance.size.basis_pct}. */
  static final String METRIC_PREFIX = "importance.";

  public FeatureImportance {
    features = List.copyOf(features);
    shares = shares.clone();
    if (features.size() != shares.length) {
      throw new IllegalArgumentException(
          features.size() + " features but " + shares.length + " importance shares");
    }
  }

  /** Shares out of LightGBM's per-feature gain. */
  public static FeatureImportance ofGain(List<String> features, double[] gain) {
    double total = Arrays.stream(gain).sum();
    double[] shares = new double[gain.length];
    for (int i = 0; i < gain.length && total > 0; i++) {
      shares[i] = gain[i] / total;
    }
    return new FeatureImportance(features, shares);
  }

  /** A feature's share; 0 for a feature the model does not have. */
  public double share(String feature) {
    int index = features.indexOf(feature);
    return index < 0 ? 0 : shares[index];
  }

  /** The shares by feature, largest first. */
  public Map<String, Double> ranked() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -shares[i]).thenComparing(i -> i));
    Map<String, Double> ranked = new LinkedHashMap<>();
    for (int i : order) {
      ranked.put(features.get(i), shares[i]);
    }
    return ranked;
  }

  /** Features whose share is below {@code threshold}, in model order. */
  public List<String> weak(double threshold) {
    List<String> weak = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      if (shares[i] < threshold) {
        weak.add(features.get(i));
      }
    }
    return weak;
  }

  /**
   * How much two share vectors agree, matched by feature name: the sum over features of the smaller
   * share, which is 1 minus half their L1 distance. 1 for the same importances, 0 when no feature
   * matters to both.
   */
  public double overlap(FeatureImportance other) {
    double overlap = 0;
    for (int i = 0; i < shares.length; i++) {
      overlap += Math.min(shares[i], other.share(features.get(i)));
    }
    return overlap;
  }

  /** The shares as bundle metrics, {@code importance.{target}.{feature}}. */
  Map<String, Double> asMetrics(Target target) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (int i = 0; i < shares.length; i++) {
      metrics.put(METRIC_PREFIX + target.key() + "." + features.get(i), shares[i]);
    }
    return metrics;
  }

  /** The shares a bundle's metrics keep for {@code target}, if it has any (by feature name). */
  static Optional<FeatureImportance> fromMetrics(Map<String, Double> metrics, Target target) {
    String prefix = METRIC_PREFIX + target.key() + ".";
    List<String> features = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    metrics.entrySet().stream()
        .filter(metric -> metric.getKey().startsWith(prefix))
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            metric -> {
              features.add(metric.getKey().substring(prefix.length()));
              shares.add(metric.getValue());
            });
    return features.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new FeatureImportance(
                features, shares.stream().mapToDouble(Double::doubleValue).toArray()));
  }
}
