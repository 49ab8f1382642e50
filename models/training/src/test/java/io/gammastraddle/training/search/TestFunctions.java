package io.gammastraddle.training.search;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Known minimisation problems with known optima, for measuring samplers. */
enum TestFunctions {
  /**
   * A shifted sphere over the four kinds of parameter, each term in the units it is sampled in:
   * minimum 0 at x = 1.3, rate = 0.01, depth = 6, leaves = 31.
   */
  MIXED_SPHERE(
      SearchSpace.of(
          Parameter.uniform("x", -5, 5),
          Parameter.logUniform("rate", 1e-4, 1),
          Parameter.intUniform("depth", 1, 20),
          Parameter.intLogUniform("leaves", 2, 1024)),
      p -> {
        double x = (p.get("x").doubleValue() - 1.3) / 2;
        double rate = Math.log10(p.get("rate").doubleValue() / 0.01);
        double depth = (p.get("depth").intValue() - 6) / 4.0;
        double leaves = Math.log(p.get("leaves").intValue() / 31.0) / Math.log(2) / 2;
        return x * x + rate * rate + depth * depth + leaves * leaves;
      },
      0,
      0.3),
  /** Branin-Hoo on [-5, 10] x [0, 15]: three global minima of 0.397887. */
  BRANIN(
      SearchSpace.of(Parameter.uniform("x", -5, 10), Parameter.uniform("y", 0, 15)),
      p -> {
        double x = p.get("x").doubleValue();
        double y = p.get("y").doubleValue();
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double r = y - b * x * x + c * x - 6;
        return r * r + 10 * (1 - t) * Math.cos(x) + 10;
      },
      0.397887,
      0.2),
  /** Rosenbrock's curved valley on [-2, 2]^2: minimum 0 at (1, 1). */
  ROSENBROCK(
      SearchSpace.of(Parameter.uniform("x", -2, 2), Parameter.uniform("y", -2, 2)),
      p -> {
        double x = p.get("x").doubleValue();
        double y = p.get("y").doubleValue();
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
      },
      0,
      0.5);

  final SearchSpace space;
  final Objective objective;
  final double minimum;

  /** A value close enough to the minimum to count as found. */
  final double target;

  TestFunctions(
      SearchSpace space,
      ToDoubleFunction<Map<String, Number>> function,
      double minimum,
      double targetGap) {
    this.space = space;
    this.objective = trial -> function.applyAsDouble(trial.params());
    this.minimum = minimum;
    this.target = minimum + targetGap;
  }

  /** How far above the minimum the best value a sampler finds in {@code trials} trials is. */
  double gapAfter(Sampler sampler, int trials) {
    Study study = new Study(space, sampler);
    study.optimize(objective, trials);
    return study.best().orElseThrow().value() - minimum;
  }

  /** The number of trials a sampler needs to reach the target, or {@code cap} if it does not. */
  int trialsToTarget(Sampler sampler, int cap) {
    Study study = new Study(space, sampler);
    for (int trial = 1; trial < cap; trial++) {
      if (study.runTrial(objective).value() <= target) {
        return trial;
      }
    }
    return cap;
  }
}
