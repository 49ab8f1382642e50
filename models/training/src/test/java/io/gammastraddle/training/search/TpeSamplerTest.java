package io.gammastraddle.training.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TpeSamplerTest {

  private static final int SEEDS = 10;
  private static final int BUDGET = 60;
  private static final int CAP = 400;

  // Measured with seeds 0-9 and 60 trials (median gap to the minimum, TPE vs random; seeds where
  // TPE ends lower): multivariate sphere 0.12 vs 1.50 (10 of 10), Branin 0.22 vs 0.75 (9),
  // Rosenbrock 0.21 vs 1.58 (10); univariate sphere 0.18 vs 1.50 (9), Branin 0.10 vs 0.75 (9).
  // Optuna 5.0.0 gives similar medians on the same problems (20 seeds, 60 trials: sphere 0.10,
  // Branin 0.09, Rosenbrock 0.29 multivariate; random 1.12, 0.67, 0.55).

  @ParameterizedTest
  @EnumSource(TestFunctions.class)
  void multivariateTpeEndsCloserToTheMinimumThanRandomSearch(TestFunctions function) {
    assertBeatsRandomSearch(function, TpeSampler.Options.DEFAULTS);
  }

  @ParameterizedTest
  @EnumSource(
      value = TestFunctions.class,
      names = {"MIXED_SPHERE", "BRANIN"})
  void univariateTpeEndsCloserToTheMinimumThanRandomSearch(TestFunctions function) {
    // Rosenbrock's curved valley couples x and y, which independent TPE cannot model: left out.
    assertBeatsRandomSearch(function, TpeSampler.Options.DEFAULTS.withMultivariate(false));
  }

  @ParameterizedTest
  @EnumSource(TestFunctions.class)
  void tpeReachesTheTargetInFewerTrialsThanRandomSearch(TestFunctions function) {
    // Measured mean trials, TPE vs random (capped at 400): sphere 40 vs 392, Branin 60 vs 230,
    // Rosenbrock 45 vs 156.
    double tpe =
        IntStream.range(0, SEEDS)
            .map(seed -> function.trialsToTarget(new TpeSampler(seed), CAP))
            .average()
            .orElseThrow();
    double random =
        IntStream.range(0, SEEDS)
            .map(seed -> function.trialsToTarget(new RandomSampler(seed), CAP))
            .average()
            .orElseThrow();
    assertThat(tpe).isLessThan(0.5 * random);
  }

  private static void assertBeatsRandomSearch(TestFunctions function, TpeSampler.Options options) {
    double[] tpe = new double[SEEDS];
    double[] random = new double[SEEDS];
    int tpeLower = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      tpe[seed] = function.gapAfter(new TpeSampler(seed, options), BUDGET);
      random[seed] = function.gapAfter(new RandomSampler(seed), BUDGET);
      if (tpe[seed] < random[seed]) {
        tpeLower++;
      }
    }
    assertThat(median(tpe)).isLessThan(0.5 * median(random));
    assertThat(tpeLower).isGreaterThanOrEqualTo(8);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
  }

  @Test
  void sameSeedGivesTheSameTrialsAndAnotherSeedOtherTrials() {
    assertThat(sampledParams(7, 30))
        .isEqualTo(sampledParams(7, 30))
        .isNotEqualTo(sampledParams(8, 30));
  }

  @Test
  void startupTrialsAreTheRandomSamplersDrawsWithTheSameSeed() {
    List<Map<String, Number>> tpe = sampledParams(3, 12);
    Study random = new Study(TestFunctions.MIXED_SPHERE.space, new RandomSampler(3));
    random.optimize(TestFunctions.MIXED_SPHERE.objective, 12);
    List<Map<String, Number>> randomParams = random.trials().stream().map(Trial::params).toList();

    assertThat(tpe.subList(0, 10)).isEqualTo(randomParams.subList(0, 10));
    assertThat(tpe.get(10)).isNotEqualTo(randomParams.get(10));
  }

  @Test
  void failedTrialsDoNotCountTowardsTheStartupTrials() {
    SearchSpace space = TestFunctions.MIXED_SPHERE.space;
    List<Trial> failed = new ArrayList<>();
    for (int number = 0; number < 10; number++) {
      Map<String, Number> params = new RandomSampler(number).sample(space, List.of());
      failed.add(new Trial(number, params, Trial.State.FAILED, Double.NaN, new TreeMap<>()));
    }

    assertThat(new TpeSampler(5).sample(space, failed))
        .isEqualTo(new RandomSampler(5).sample(space, List.of()));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sampledValuesStayWithinBoundsAndIntegersAreIntegers(Mode mode) {
    SearchSpace space = TestFunctions.MIXED_SPHERE.space;
    Study study = new Study(space, new TpeSampler(11, mode.options));
    study.optimize(TestFunctions.MIXED_SPHERE.objective, 80);

    for (Trial trial : study.trials()) {
      for (Parameter parameter : space.parameters()) {
        Number value = trial.params().get(parameter.name());
        assertThat(value).isInstanceOf(parameter.integer() ? Integer.class : Double.class);
        assertThat(value.doubleValue()).isBetween(parameter.low(), parameter.high());
      }
    }
  }

  enum Mode {
    MULTIVARIATE(TpeSampler.Options.DEFAULTS),
    UNIVARIATE(TpeSampler.Options.DEFAULTS.withMultivariate(false));

    final TpeSampler.Options options;

    Mode(TpeSampler.Options options) {
      this.options = options;
    }
  }

  @Test
  void splitPutsTheBestCompleteTrialsBelowThenPrunedOnesThatGotFurthestThenByLastValue() {
    List<Trial> trials =
        List.of(
            complete(0, 5.0),
            pruned(1, Map.of(0, 9.0, 1, 8.0)),
            complete(2, 1.0),
            pruned(3, Map.of(0, 0.5)),
            pruned(4, Map.of(0, 9.0, 1, 7.0)),
            pruned(5, Map.of()),
            complete(6, 3.0));

    assertThat(numbers(TpeSampler.split(trials, 2).below())).containsExactly(2, 6);
    // Pruned trials fill up below after all complete ones: the deeper last step and then the lower
    // last value first (4, then 1), then the shallow one (3) whatever its value, the silent one
    // last.
    assertThat(numbers(TpeSampler.split(trials, 4).below())).containsExactly(0, 2, 4, 6);
    assertThat(numbers(TpeSampler.split(trials, 4).above())).containsExactly(1, 3, 5);
    assertThat(numbers(TpeSampler.split(trials, 6).above())).containsExactly(5);
  }

  @Test
  void defaultGammaIsTheBestTenPercentRoundedUpAndAtMost25() {
    assertThat(
            IntStream.of(0, 1, 10, 11, 100, 250, 251, 1000).map(TpeSampler.Options::defaultGamma))
        .containsExactly(0, 1, 1, 2, 10, 25, 25, 25);
  }

  private static List<Map<String, Number>> sampledParams(long seed, int trials) {
    Study study = new Study(TestFunctions.MIXED_SPHERE.space, new TpeSampler(seed));
    study.optimize(TestFunctions.MIXED_SPHERE.objective, trials);
    return study.trials().stream().map(Trial::params).toList();
  }

  private static List<Integer> numbers(List<Trial> trials) {
    return trials.stream().map(Trial::number).toList();
  }

  private static Trial complete(int number, double value) {
    return new Trial(number, Map.of("x", number), Trial.State.COMPLETE, value, new TreeMap<>());
  }

  private static Trial pruned(int number, Map<Integer, Double> intermediateValues) {
    return new Trial(
        number,
        Map.of("x", number),
        Trial.State.PRUNED,
        Double.NaN,
        new TreeMap<>(intermediateValues));
  }
}
