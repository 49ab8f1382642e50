package io.gammastraddle.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueAtRiskTest {

  private static final double PRICE = 50_000;

  private static ScenarioWindow window(double[]... scenarios) {
    ScenarioWindow window = new ScenarioWindow(scenarios.length);
    for (double[] scenario : scenarios) {
      window.add(scenario[0], scenario[1]);
    }
    return window;
  }

  /** {@code draws} one-day scenarios of the parametric model: independent normal move and vol. */
  private static ScenarioWindow monteCarlo(double dailyVol, double volOfVolPoints, int draws) {
    Random random = new Random(42);
    ScenarioWindow window = new ScenarioWindow(draws);
    for (int i = 0; i < draws; i++) {
      window.add(dailyVol * random.nextGaussian(), volOfVolPoints * random.nextGaussian());
    }
    return window;
  }

  @Test
  void pnlAddsThetaDeltaGammaAndVega() {
    Exposure exposure = new Exposure(0.5, 1e-4, 200, -100, 0, 0);

    // dS = 50,000 * -0.02 = -1,000: -100 + 0.5 * -1,000 + 0.5 * 1e-4 * 1,000^2 + 200 * 3
    //    = -100 - 500 + 50 + 600 = 50
    assertThat(ValueAtRisk.pnl(exposure, PRICE, -0.02, 3)).isCloseTo(50, within(1e-9));
  }

  @Test
  void historicalInterpolatesTheOnePercentQuantileBetweenOrderStatistics() {
    Exposure oneCoin = new Exposure(1, 0, 0, 0, 0, 0);
    ScenarioWindow window =
        window(
            new double[] {0.01, 0},
            new double[] {-0.04, 0},
            new double[] {0.03, 0},
            new double[] {0, 0},
            new double[] {-0.02, 0});

    // P&Ls sorted: -2,000, -1,000, 0, 500, 1,500; h = (5 - 1) * 0.01 = 0.04
    // q = -2,000 + 0.04 * (-1,000 - -2,000) = -1,960, so VaR = 1,960
    assertThat(ValueAtRisk.historical(oneCoin, PRICE, window)).isCloseTo(1_960, within(1e-9));
  }

  @Test
  void historicalAppliesEachScenariosVolChangeToVega() {
    Exposure longVega = new Exposure(0, 0, 100, 0, 0, 0);
    ScenarioWindow window = window(new double[] {0, -5}, new double[] {0, 2}, new double[] {0, -1});

    // P&Ls sorted: -500, -100, 200; h = 2 * 0.01 = 0.02; q = -500 + 0.02 * 400 = -492
    assertThat(ValueAtRisk.historical(longVega, PRICE, window)).isCloseTo(492, within(1e-9));
  }

  @Test
  void historicalOfOneScenarioIsItsLoss() {
    Exposure oneCoin = new Exposure(1, 0, 0, -10, 0, 0);

    // -10 + 50,000 * -0.01 = -510
    assertThat(ValueAtRisk.historical(oneCoin, PRICE, window(new double[] {-0.01, 0})))
        .isCloseTo(510, within(1e-9));
  }

  @Test
  void historicalForgetsScenariosThatLeftTheRing() {
    Exposure oneCoin = new Exposure(1, 0, 0, 0, 0, 0);
    ScenarioWindow window = new ScenarioWindow(2);
    window.add(-0.5, 0);
    window.add(0.01, 0);
    window.add(0.02, 0);

    // the -50% day is gone: P&Ls 500, 1,000; q = 500 + 0.01 * 500 = 505, a gain
    assertThat(ValueAtRisk.historical(oneCoin, PRICE, window)).isCloseTo(-505, within(1e-9));
  }

  @Test
  void aLongGammaBookWithoutVegaHasANegativeHistoricalVar() {
    Exposure longGamma = new Exposure(0, 1e-4, 0, 0, 0, 0);
    ScenarioWindow window = window(new double[] {0.02, 0}, new double[] {-0.02, 0});

    // either way 0.5 * 1e-4 * 1,000^2 = 50 USD earned
    assertThat(ValueAtRisk.historical(longGamma, PRICE, window)).isCloseTo(-50, within(1e-9));
  }

  @Test
  void historicalNeedsScenarios() {
    assertThatThrownBy(() -> ValueAtRisk.historical(Exposure.NONE, PRICE, new ScenarioWindow(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the scenario window is empty");
  }

  @Test
  void parametricMatchesTheHandCalculation() {
    Exposure exposure = new Exposure(0.5, 1e-4, 200, -100, 0, 0);

    // s = 50,000 * 0.02 = 1,000; mean = -100 + 0.5 * 1e-4 * 1,000^2 = -50
    // variance = 0.5^2 * 1,000^2 + 0.5 * (1e-4 * 1,000^2)^2 + (200 * 3)^2
    //          = 250,000 + 5,000 + 360,000 = 615,000, sqrt = 784.21935706791
    // VaR = 2.3263478740408408 * 784.21935706791 + 50 = 1,874.3670340966
    assertThat(ValueAtRisk.parametric(exposure, PRICE, 0.02, 3))
        .isCloseTo(1_874.3670340966, within(1e-6));
  }

  @Test
  void parametricOfDeltaAloneIsTheNormalQuantileOfTheMove() {
    // 2.3263478740408408 * 2 coin * 50,000 * 0.01 = 2,326.3478740408408
    assertThat(ValueAtRisk.parametric(new Exposure(-2, 0, 0, 0, 0, 0), PRICE, 0.01, 5))
        .isCloseTo(2_326.3478740408408, within(1e-9));
  }

  @Test
  void parametricAgreesWithAMonteCarloWhereDeltaAndVegaDominate() {
    Exposure exposure = new Exposure(1, 2e-5, 300, -20, 0, 0);
    double parametric = ValueAtRisk.parametric(exposure, PRICE, 0.03, 3);
    double monteCarlo = ValueAtRisk.historical(exposure, PRICE, monteCarlo(0.03, 3, 200_000));

    // s = 1,500: delta 1,500 and vega 900 USD of standard deviation against a gamma mean of 22.5
    // parametric 4,067.6; the Monte-Carlo's 1% quantile of 200,000 draws is within 0.5% of the
    // model's, and the gamma term's skew makes the normal about 2% high
    assertThat(parametric).isCloseTo(4_067.62, within(0.01));
    assertThat(parametric).isCloseTo(monteCarlo, withinPercentage(3)).isGreaterThan(monteCarlo);
  }

  @Test
  void parametricOverstatesButNeverUnderstatesALongGammaBooksLoss() {
    // a hedged book of ten one-week straddles: long gamma and vega, paying theta
    Exposure straddles = new Exposure(0, 1.6e-3, 660, -300, 0, 0);
    double price = 60_000;
    double parametric = ValueAtRisk.parametric(straddles, price, 0.03, 3);
    double monteCarlo = ValueAtRisk.historical(straddles, price, monteCarlo(0.03, 3, 200_000));

    // s = 1,800: mean = -300 + 0.5 * 1.6e-3 * 1,800^2 = 2,292;
    // variance = 0.5 * (1.6e-3 * 1,800^2)^2 + (660 * 3)^2 = 13,436,928 + 3,920,400 = 17,357,328
    // VaR = 2.3263478740408408 * 4,166.21 - 2,292 = 7,400.06; the Monte-Carlo loses about 4,100
    assertThat(parametric).isCloseTo(7_400.06, within(0.01));
    assertThat(parametric).isBetween(monteCarlo, 2 * monteCarlo);
  }

  @Test
  void ofUsesTheParametricAloneUntilTheWindowHoldsEnoughScenarios() {
    Exposure oneCoin = new Exposure(1, 0, 0, 0, 0, 0);
    MarketSnapshot market = new MarketSnapshot(PRICE, 0.01, 0, 0, false);
    ScenarioWindow window = new ScenarioWindow(200);
    window.add(-0.2, 0);
    for (int i = 1; i < ValueAtRisk.MIN_HISTORICAL_SCENARIOS - 1; i++) {
      window.add(0, 0);
    }

    ValueAtRisk early = ValueAtRisk.of(oneCoin, market, window);
    // parametric: 2.3263478740408408 * 50,000 * 0.01 = 1,163.17
    assertThat(early.historicalUsd()).isNaN();
    assertThat(early.usd()).isCloseTo(1_163.17, within(0.01));

    window.add(-0.1, 0);
    ValueAtRisk full = ValueAtRisk.of(oneCoin, market, window);
    // 100 scenarios: P&Ls -10,000, -5,000, 0, ...; h = 99 * 0.01 = 0.99
    // q = -10,000 + 0.99 * 5,000 = -5,050
    assertThat(full.historicalUsd()).isCloseTo(5_050, within(1e-6));
    assertThat(full.usd()).isEqualTo(full.historicalUsd());
  }

  @Test
  void refusesANonPositivePriceOrNegativeVols() {
    assertThatThrownBy(() -> ValueAtRisk.parametric(Exposure.NONE, 0, 0.01, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("price must be positive, was 0.0");
    assertThatThrownBy(() -> ValueAtRisk.parametric(Exposure.NONE, PRICE, -0.01, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
