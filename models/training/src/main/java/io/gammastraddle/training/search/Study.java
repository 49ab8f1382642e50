package io.gammastraddle.training.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/**
 * A minimisation of an {@link Objective} over a {@link SearchSpace}: each trial takes enqueued
 * parameters if there are any, else asks the {@link Sampler}, then runs the objective, which may
 * report intermediate values and be stopped by the {@link Pruner}.
 *
 * <pre>{@code
 * Study study = new Study(space, new TpeSampler(42), new MedianPruner());
 * study.enqueue(Map.of("learning_rate", 0.01, "max_depth", 6, ...)); // the defaults go first
 * study.optimize(objective, 100);
 * Trial best = study.best().orElseThrow();
 * }</pre>
 *
 * <p>Trials run one after another on the calling thread. An exception thrown by the objective
 * (other than {@link TrialPrunedException}) propagates and the trial is not recorded.
 */
public final class Study {

  private final SearchSpace space;
  private final Sampler sampler;
  private final Pruner pruner;
  private final Queue<Map<String, Number>> enqueued = new ArrayDeque<>();
  private final List<Trial> trials = new ArrayList<>();

  /** A study that never prunes. */
  public Study(SearchSpace space, Sampler sampler) {
    this(space, sampler, Pruner.NEVER);
  }

  public Study(SearchSpace space, Sampler sampler, Pruner pruner) {
    this.space = space;
    this.sampler = sampler;
    this.pruner = pruner;
  }

  /**
   * Makes the next trial not yet taken from the queue evaluate exactly these parameters instead of
   * sampled ones (Optuna's enqueue_trial), e.g. the hand-picked defaults as the first trial.
   *
   * @param params a value for every parameter of the space, within bounds (whole numbers for
   *     integer parameters, in any {@link Number} type)
   * @throws IllegalArgumentException if a parameter is missing, unknown or out of bounds
   */
  public void enqueue(Map<String, ? extends Number> params) {
    enqueued.add(space.validated(params));
  }

  /** Runs {@code count} more trials. */
  public void optimize(Objective objective, int count) {
    for (int i = 0; i < count; i++) {
      runTrial(objective);
    }
  }

  /** Runs one trial and records it; a caller that reports progress loops over this. */
  public Trial runTrial(Objective objective) {
    List<Trial> finished = trials();
    Map<String, Number> params =
        enqueued.isEmpty() ? space.validated(sampler.sample(space, finished)) : enqueued.remove();
    TrialContext context = new TrialContext(trials.size(), params, pruner, finished);
    Trial trial;
    try {
      double value = objective.evaluate(context);
      trial =
          Double.isNaN(value)
              ? context.finish(Trial.State.FAILED, Double.NaN)
              : context.finish(Trial.State.COMPLETE, value);
    } catch (TrialPrunedException pruned) {
      trial = context.finish(Trial.State.PRUNED, Double.NaN);
    }
    trials.add(trial);
    return trial;
  }

  /** Every recorded trial, in number order (a read-only view). */
  public List<Trial> trials() {
    return Collections.unmodifiableList(trials);
  }

  /** The complete trial with the lowest value (the earliest on ties), if any trial completed. */
  public Optional<Trial> best() {
    return trials.stream().filter(Trial::isComplete).min(Comparator.comparingDouble(Trial::value));
  }
}
