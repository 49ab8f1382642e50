package io.gammastraddle.training.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Optuna's Tree-structured Parzen Estimator for minimisation, written after
 * optuna/samplers/_tpe/sampler.py (Optuna 5.0; Bergstra et al., "Algorithms for Hyper-Parameter
 * Optimization", NeurIPS 2011; Watanabe, "Tree-Structured Parzen Estimator: Understanding Its
 * Algorithm Components", arXiv:2304.11127).
 *
 * <p>The first {@code startupTrials} trials are random. After that, the finished trials are split
 * into the {@code gamma(n)} best ("below") and the rest ("above"); a {@link ParzenEstimator} l(x)
 * is fitted to the below parameters and g(x) to the above ones; {@code eiCandidates} points are
 * drawn from l and the one with the largest log l(x) - log g(x) is the next trial. By default one
 * joint estimator models all parameters, as Optuna 5.0 does for a single objective; with {@code
 * multivariate} off each parameter is modelled and chosen on its own (Optuna before 5.0), which
 * cannot follow a valley that couples parameters.
 *
 * <p>Ranking, as Optuna does it: complete trials by value come first; if fewer than {@code
 * gamma(n)} are complete, pruned trials fill the below set, those that got further (a larger last
 * step) first and then by their last intermediate value; pruned trials that reported nothing rank
 * last. Failed trials are ignored.
 *
 * <p>Not carried over from Optuna: categorical parameters, conditional search spaces, the {@code
 * consider_endpoints}, {@code prior_weight}, {@code weights} and {@code constant_liar} options
 * (fixed at their defaults), constraints and multiple objectives.
 */
public final class TpeSampler implements Sampler {

  /**
   * Pruned trials that reported something, deepest last step first, then by last value (NaN as
   * worst); then those that reported nothing (Optuna's _get_pruned_trial_score).
   */
  private static final Comparator<Trial> PRUNED_RANKING =
      Comparator.<Trial>comparingInt(t -> t.intermediateValues().isEmpty() ? 1 : 0)
          .thenComparingInt(
              t -> t.intermediateValues().isEmpty() ? 0 : -t.intermediateValues().lastKey())
          .thenComparingDouble(TpeSampler::lastValueOrWorst);

  private final Options options;
  private final RandomGenerator random;

  /** A sampler with Optuna's defaults whose choices are fixed by {@code seed}. */
  public TpeSampler(long seed) {
    this(seed, Options.DEFAULTS);
  }

  /** A sampler with the given options whose choices are fixed by {@code seed}. */
  public TpeSampler(long seed, Options options) {
    this.options = options;
    this.random = new SplittableRandom(seed);
  }

  /**
   * Settings of the sampler.
   *
   * @param startupTrials random trials before TPE takes over (Optuna: 10)
   * @param eiCandidates points drawn from l(x) per choice (Optuna: 24)
   * @param gamma how many of n finished trials count as good (Optuna: min(ceil(0.1 n), 25))
   * @param multivariate whether to model the parameters jointly (Optuna 5.0: true for a single
   *     objective) or each on its own (Optuna before 5.0)
   */
  public record Options(
      int startupTrials, int eiCandidates, IntUnaryOperator gamma, boolean multivariate) {

    /** Optuna's defaults. */
    public static final Options DEFAULTS = new Options(10, 24, Options::defaultGamma, true);

    public Options {
      if (startupTrials < 0 || eiCandidates < 1) {
        throw new IllegalArgumentException(
            "need startupTrials >= 0 and eiCandidates >= 1, got "
                + startupTrials
                + ", "
                + eiCandidates);
      }
      Objects.requireNonNull(gamma, "gamma");
    }

    /** Optuna's default_gamma: the best 10%, rounded up, at most 25. */
    public static int defaultGamma(int finishedTrials) {
      return Math.min((finishedTrials + 9) / 10, 25);
    }

    /** These options with another {@code startupTrials}. */
    public Options withStartupTrials(int startupTrials) {
      return new Options(startupTrials, eiCandidates, gamma, multivariate);
    }

    /** These options with another {@code eiCandidates}. */
    public Options withEiCandidates(int eiCandidates) {
      return new Options(startupTrials, eiCandidates, gamma, multivariate);
    }

    /** These options with another {@code gamma}. */
    public Options withGamma(IntUnaryOperator gamma) {
      return new Options(startupTrials, eiCandidates, gamma, multivariate);
    }

    /** These options with another {@code multivariate}. */
    public Options withMultivariate(boolean multivariate) {
      return new Options(startupTrials, eiCandidates, gamma, multivariate);
    }
  }

  @Override
  public Map<String, Number> sample(SearchSpace space, List<Trial> trials) {
    List<Trial> finished = trials.stream().filter(t -> t.state() != Trial.State.FAILED).toList();
    if (finished.size() < options.startupTrials()) {
      return RandomSampler.draw(space, random);
    }
    Split split = split(finished, options.gamma().applyAsInt(finished.size()));
    Map<String, Number> params = new LinkedHashMap<>();
    if (options.multivariate()) {
      double[] best = choose(space.parameters(), split);
      for (int p = 0; p < best.length; p++) {
        Parameter parameter = space.parameters().get(p);
        params.put(parameter.name(), parameter.box(best[p]));
      }
    } else {
      for (Parameter parameter : space.parameters()) {
        params.put(parameter.name(), parameter.box(choose(List.of(parameter), split)[0]));
      }
    }
    return params;
  }

  /** The candidate from l(x) that maximises log l(x) - log g(x). */
  private double[] choose(List<Parameter> parameters, Split split) {
    ParzenEstimator below =
        new ParzenEstimator(parameters, observations(parameters, split.below()));
    ParzenEstimator above =
        new ParzenEstimator(parameters, observations(parameters, split.above()));
    double[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (double[] candidate : below.sample(random, options.eiCandidates())) {
      double score = below.logDensity(candidate) - above.logDensity(candidate);
      if (best == null || score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  private static double[][] observations(List<Parameter> parameters, List<Trial> trials) {
    double[][] values = new double[parameters.size()][trials.size()];
    for (int p = 0; p < parameters.size(); p++) {
      for (int t = 0; t < trials.size(); t++) {
        values[p][t] = trials.get(t).params().get(parameters.get(p).name()).doubleValue();
      }
    }
    return values;
  }

  /** The good and the other trials, each in trial-number order. */
  record Split(List<Trial> below, List<Trial> above) {}

  /**
   * Splits complete and pruned trials into the {@code belowCount} best and the rest
   * (optuna/samplers/_tpe/sampler.py, _split_trials).
   */
  static Split split(List<Trial> finished, int belowCount) {
    List<Trial> ranked = new ArrayList<>();
    finished.stream()
        .filter(Trial::isComplete)
        .sorted(Comparator.comparingDouble(Trial::value))
        .forEach(ranked::add);
    finished.stream()
        .filter(t -> t.state() == Trial.State.PRUNED)
        .sorted(PRUNED_RANKING)
        .forEach(ranked::add);
    int cut = Math.min(belowCount, ranked.size());
    Comparator<Trial> byNumber = Comparator.comparingInt(Trial::number);
    return new Split(
        ranked.subList(0, cut).stream().sorted(byNumber).toList(),
        ranked.subList(cut, ranked.size()).stream().sorted(byNumber).toList());
  }

  private static double lastValueOrWorst(Trial trial) {
    if (trial.intermediateValues().isEmpty()) {
      return 0;
    }
    double value = trial.intermediateValues().lastEntry().getValue();
    return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
  }
}
