package io.gammastraddle.training.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParzenEstimatorTest {

  private static final SearchSpace SPACE = TestFunctions.MIXED_SPHERE.space;

  private static final double[][] OBSERVATIONS = {
    {1.0, -2.5, 4.0, 0.3, 1.2},
    {0.01, 0.2, 0.0005, 0.03, 0.012},
    {6, 3, 19, 7, 6},
    {31, 4, 900, 64, 2}
  };

  private static final double[][] POINTS = {
    {1.1, 0.011, 6, 30}, {-4.9, 1e-4, 1, 2}, {5.0, 0.9, 20, 1024}
  };

  // Reference values from Optuna 5.0.0's _ParzenEstimator (prior_weight=1, magic clip, no
  // endpoints, default_weights) over the same observations and points:
  //   _ParzenEstimator({"x": ..., "rate": ..., "depth": ..., "leaves": ...}, {"x":
  //   FloatDistribution(-5, 5), "rate": FloatDistribution(1e-4, 1, log=True), "depth":
  //   IntDistribution(1, 20), "leaves": IntDistribution(2, 1024, log=True)},
  // params).log_pdf(points)

  @Test
  void jointLogDensityMatchesOptuna() {
    ParzenEstimator estimator = new ParzenEstimator(SPACE.parameters(), OBSERVATIONS);

    assertThat(estimator.logDensity(POINTS[0])).isCloseTo(-11.445388684036843, within(1e-9));
    assertThat(estimator.logDensity(POINTS[1])).isCloseTo(-12.144220833563637, within(1e-9));
    assertThat(estimator.logDensity(POINTS[2])).isCloseTo(-17.921047412982965, within(1e-9));
  }

  @Test
  void logDensityOfEachKindOfParameterMatchesOptuna() {
    double[][] expected = {
      {-1.9009369603047606, -3.146939829923024, -2.677580810867524},
      {-1.842637896374012, -2.9492246997448213, -2.721961498430881},
      {-2.432246713184586, -2.935268408696748, -3.712504845276953},
      {-5.319004176328454, -2.2159406079073145, -9.223850317646573}
    };
    for (int p = 0; p < 4; p++) {
      ParzenEstimator estimator =
          new ParzenEstimator(List.of(SPACE.parameters().get(p)), new double[][] {OBSERVATIONS[p]});
      for (int i = 0; i < POINTS.length; i++) {
        assertThat(estimator.logDensity(new double[] {POINTS[i][p]}))
            .as("%s at %s", SPACE.parameters().get(p).name(), POINTS[i][p])
            .isCloseTo(expected[p][i], within(1e-9));
      }
    }
  }

  @Test
  void olderObservationsWeighLessBeyond25AsInOptuna() {
    // numpy.random.RandomState(0).uniform(-5, 5, 30), then log_pdf at -3, 0 and 2.5 in Optuna
    // 5.0.0.
    double[] observations = {
      0.48813503927324753, 2.151893663724195, 1.027633760716439, 0.4488318299689684,
      -0.7634520066109527, 1.4589411306665614, -0.6241278873730751, 3.917730007820797,
      4.636627605010293, -1.1655848117422227, 2.917250380826646, 0.28894919752904435,
      0.6804456109393229, 4.25596638292661, -4.289639418021131, -4.1287070029845925,
      -4.797816025596743, 3.32619845547938, 2.7815675094985046, 3.700121482468191,
      4.786183422327641, 2.9915856421672355, -0.38520637747068154, 2.805291762864554,
      -3.817255741310668, 1.3992102132752384, -3.566467125909536, 4.446689170495839,
      0.21848321750071698, -0.8533806000947646
    };
    ParzenEstimator estimator =
        new ParzenEstimator(List.of(SPACE.parameters().get(0)), new double[][] {observations});

    assertThat(estimator.logDensity(new double[] {-3.0}))
        .isCloseTo(-3.9786498423108565, within(1e-9));
    assertThat(estimator.logDensity(new double[] {0.0}))
        .isCloseTo(-2.189627683142662, within(1e-9));
    assertThat(estimator.logDensity(new double[] {2.5}))
        .isCloseTo(-2.2884561218657824, within(1e-9));
  }

  @Test
  void integerProbabilitiesSumToOneOverTheRange() {
    for (int p : new int[] {2, 3}) {
      Parameter parameter = SPACE.parameters().get(p);
      ParzenEstimator estimator =
          new ParzenEstimator(List.of(parameter), new double[][] {OBSERVATIONS[p]});
      double total =
          IntStream.rangeClosed((int) parameter.low(), (int) parameter.high())
              .mapToDouble(v -> Math.exp(estimator.logDensity(new double[] {v})))
              .sum();
      assertThat(total).as(parameter.name()).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void samplesStayInTheDomainAndFollowTheObservations() {
    ParzenEstimator estimator =
        new ParzenEstimator(
            List.of(SPACE.parameters().get(0)), new double[][] {{1.0, 1.1, 0.9, 1.05}});
    double[] samples =
        Arrays.stream(estimator.sample(new SplittableRandom(1), 2000))
            .mapToDouble(point -> point[0])
            .toArray();

    assertThat(DoubleStream.of(samples).min().orElseThrow()).isGreaterThanOrEqualTo(-5.0);
    assertThat(DoubleStream.of(samples).max().orElseThrow()).isLessThanOrEqualTo(5.0);
    // Four of the five kernels (weight 0.8) sit near 1 with bandwidth 10/6 after the magic clip, so
    // about 70% of draws fall within 2 of it; uniform draws would give 40%.
    long nearOne = DoubleStream.of(samples).filter(x -> Math.abs(x - 1) < 2).count();
    assertThat(nearOne / 2000.0).isGreaterThan(0.6);
  }

  @Test
  void bandwidthIsTheLargerNeighbourGapButTheInnerGapAtTheEnds() {
    assertThat(ParzenEstimator.bandwidths(new double[] {9, 2, 3}, 0, 10)).containsExactly(6, 1, 6);
    assertThat(ParzenEstimator.bandwidths(new double[] {4}, 0, 10)).containsExactly(6);
  }

  @Test
  void observationWeightsAreFlatUpTo25ThenOlderOnesRampUpFromOneOverN() {
    assertThat(ParzenEstimator.observationWeights(3)).containsExactly(1, 1, 1);
    double[] weights = ParzenEstimator.observationWeights(28);
    assertThat(weights[0]).isCloseTo(1 / 28.0, within(1e-15));
    assertThat(weights[1]).isCloseTo((1 / 28.0 + 1) / 2, within(1e-15));
    assertThat(weights[2]).isCloseTo(1, within(1e-15));
    assertThat(DoubleStream.of(weights).skip(3)).containsOnly(1.0);
  }
}
