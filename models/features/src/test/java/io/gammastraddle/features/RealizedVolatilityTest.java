package io.gammastraddle.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RealizedVolatilityTest {

  private static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

  @Test
  void recoversTheVolatilityOfAGeometricBrownianMotion() {
    double sigma = 0.6;
    double stepSeconds = 0.1;
    Random random = new Random(3);
    RealizedVolatility realized = new RealizedVolatility(1_000, 20_000);
    double price = 50_000;
    long time = 0;
    for (int step = 0; step < 200_000; step++) {
      realized.update(time, price);
      time += 100;
      double z = random.nextGaussian();
      price *= Math.exp(sigma * Math.sqrt(stepSeconds / SECONDS_PER_YEAR) * z);
    }

    assertThat(realized.annualized(time)).isCloseTo(sigma, within(sigma * 0.05));
  }

  @Test
  void usesTheLastPriceOfEachSampleAndOnlyClosedSamples() {
    RealizedVolatility realized = new RealizedVolatility(1_000, 10);
    realized.update(0, 100);
    realized.update(500, 110);
    realized.update(1_000, 121);
    realized.update(2_000, 110);
    realized.update(3_000, 100);

    double r1 = Math.log(121.0 / 110.0);
    double r2 = Math.log(110.0 / 121.0);
    double expected = Math.sqrt((r1 * r1 + r2 * r2) / 2 * SECONDS_PER_YEAR);
    assertThat(realized.annualized(3_000)).isCloseTo(expected, within(1e-9));
  }

  @Test
  void isUndefinedWithFewerThanTwoReturns() {
    RealizedVolatility realized = new RealizedVolatility(1_000, 10);
    realized.update(0, 100);
    realized.update(1_000, 101);
    realized.update(2_000, 102);

    assertThat(realized.annualized(2_000)).isNaN();
  }
}
