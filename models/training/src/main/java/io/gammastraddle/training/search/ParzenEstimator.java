package io.gammastraddle.training.search;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * A Parzen estimator over one or more parameters: a weighted mixture of kernels, one centred on
 * each observation plus a broad prior kernel, each kernel a product of normals truncated to the
 * parameters' ranges in transformed units (log units on a log scale; integers own [v - 0.5, v +
 * 0.5]). TPE fits one to the good trials, l(x), and one to the rest, g(x).
 *
 * <p>Written after optuna/samplers/_tpe/parzen_estimator.py and probability_distributions.py
 * (Optuna 5.0) with its defaults: prior weight 1, magic clip on, endpoints not considered,
 * observation weights from {@code default_weights}. Densities are computed in transformed units;
 * the Jacobian of the log transform is the same for l and g and cancels in log l - log g.
 */
final class ParzenEstimator {

  private static final double PRIOR_WEIGHT = 1.0;

  /** Observations weighted fully; older ones ramp up from 1/n (Optuna's default_weights). */
  private static final int FLAT_WEIGHTS = 25;

  /** The magic clip keeps bandwidths at least range / min(100, kernels + 1) wide. */
  private static final double MAX_CLIP_DIVISOR = 100;

  private final List<Parameter> parameters;
  private final double[] cumulativeWeights;
  private final double[] logWeights;
  // Indexed [parameter][kernel]; the prior kernel is the last.
  private final double[][] mus;
  private final double[][] sigmas;
  private final double[][] logNormalizers;

  /**
   * @param parameters the parameters the estimator models jointly
   * @param observations values by [parameter][observation], observations in trial-number order (the
   *     weights favour the later ones)
   */
  ParzenEstimator(List<Parameter> parameters, double[][] observations) {
    this.parameters = List.copyOf(parameters);
    int count = observations[0].length;
    int kernels = count + 1;

    double[] weights = Arrays.copyOf(observationWeights(count), kernels);
    weights[count] = PRIOR_WEIGHT;
    double total = Arrays.stream(weights).sum();
    logWeights = new double[kernels];
    cumulativeWeights = new double[kernels];
    double cumulative = 0;
    for (int k = 0; k < kernels; k++) {
      logWeights[k] = Math.log(weights[k] / total);
      cumulative += weights[k] / total;
      cumulativeWeights[k] = cumulative;
    }

    int dimensions = parameters.size();
    mus = new double[dimensions][];
    sigmas = new double[dimensions][];
    logNormalizers = new double[dimensions][kernels];
    for (int p = 0; p < dimensions; p++) {
      Parameter parameter = parameters.get(p);
      double low = parameter.transformedLow();
      double high = parameter.transformedHigh();
      double[] observed = Arrays.stream(observations[p]).map(parameter::transform).toArray();
      double[] bandwidths = bandwidths(observed, low, high);
      double minSigma = (high - low) / Math.min(MAX_CLIP_DIVISOR, 1 + kernels);
      mus[p] = Arrays.copyOf(observed, kernels);
      sigmas[p] = new double[kernels];
      for (int k = 0; k < count; k++) {
        sigmas[p][k] = Math.min(high - low, Math.max(minSigma, bandwidths[k]));
      }
      mus[p][count] = 0.5 * (low + high);
      sigmas[p][count] = high - low;
      for (int k = 0; k < kernels; k++) {
        logNormalizers[p][k] =
            TruncatedNormal.logMass(
                (low - mus[p][k]) / sigmas[p][k], (high - mus[p][k]) / sigmas[p][k]);
      }
    }
  }

  /** Draws points, each a value per parameter (whole numbers for integers, inside bounds). */
  double[][] sample(RandomGenerator random, int size) {
    double[][] points = new double[size][parameters.size()];
    for (double[] point : points) {
      int kernel = chooseKernel(random.nextDouble());
      for (int p = 0; p < point.length; p++) {
        Parameter parameter = parameters.get(p);
        double transformed =
            TruncatedNormal.sample(
                random,
                mus[p][kernel],
                sigmas[p][kernel],
                parameter.transformedLow(),
                parameter.transformedHigh());
        point[p] = parameter.untransform(transformed);
      }
    }
    return points;
  }

  /**
   * log of the mixture's density at a point of the domain (a probability mass per integer
   * parameter, a density in transformed units per float parameter).
   */
  double logDensity(double[] point) {
    double[] byKernel = logWeights.clone();
    for (int p = 0; p < point.length; p++) {
      Parameter parameter = parameters.get(p);
      for (int k = 0; k < byKernel.length; k++) {
        byKernel[k] +=
            kernelLogDensity(parameter, point[p], mus[p][k], sigmas[p][k]) - logNormalizers[p][k];
      }
    }
    return logSumExp(byKernel);
  }

  private int chooseKernel(double uniform) {
    for (int k = 0; k < cumulativeWeights.length - 1; k++) {
      if (uniform < cumulativeWeights[k]) {
        return k;
      }
    }
    return cumulativeWeights.length - 1;
  }

  /** The untruncated kernel's log density (float) or log mass of the integer's interval. */
  private static double kernelLogDensity(
      Parameter parameter, double value, double mu, double sigma) {
    if (parameter.integer()) {
      double left = parameter.transform(value - 0.5);
      double right = parameter.transform(value + 0.5);
      return TruncatedNormal.logMass((left - mu) / sigma, (right - mu) / sigma);
    }
    return TruncatedNormal.logStandardDensity((parameter.transform(value) - mu) / sigma)
        - Math.log(sigma);
  }

  private static double logSumExp(double[] values) {
    double max = Arrays.stream(values).max().orElseThrow();
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double value : values) {
      sum += Math.exp(value - max);
    }
    return max + Math.log(sum);
  }

  /**
   * Optuna's default_weights: equal weights up to 25 observations; beyond, the 25 most recent keep
   * weight 1 and the older ones ramp linearly from 1/n, so the estimator drifts with the search.
   */
  static double[] observationWeights(int count) {
    double[] weights = new double[count];
    Arrays.fill(weights, 1.0);
    int ramp = count - FLAT_WEIGHTS;
    for (int i = 0; i < ramp; i++) {
      // numpy.linspace(1 / count, 1, ramp)
      weights[i] = ramp == 1 ? 1.0 / count : 1.0 / count + i * (1 - 1.0 / count) / (ramp - 1);
    }
    return weights;
  }

  /**
   * Kernel bandwidths before the magic clip: each kernel is as wide as the larger gap to its
   * neighbours among the observations and the range's ends, except that the outermost kernels take
   * the gap on their inner side when there are two or more (Optuna's consider_endpoints=False).
   */
  static double[] bandwidths(double[] mus, double low, double high) {
    int count = mus.length;
    Integer[] order =
        IntStream.range(0, count)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> mus[i]))
            .toArray(Integer[]::new);
    double[] points = new double[count + 2];
    points[0] = low;
    for (int i = 0; i < count; i++) {
      points[i + 1] = mus[order[i]];
    }
    points[count + 1] = high;
    double[] bandwidths = new double[count];
    for (int i = 0; i < count; i++) {
      double sigma = Math.max(points[i + 1] - points[i], points[i + 2] - points[i + 1]);
      if (count >= 2 && i == 0) {
        sigma = points[2] - points[1];
      } else if (count >= 2 && i == count - 1) {
        sigma = points[count] - points[count - 1];
      }
      bandwidths[order[i]] = sigma;
    }
    return bandwidths;
  }
}
