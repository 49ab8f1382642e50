package io.gammastraddle.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PriceHistoryTest {

  private static final long MINUTE = 60_000;

  /** Start of a minute, so {@code T0 + k * MINUTE + s} lies in minute k. */
  private static final long T0 = 28_333_333 * MINUTE;

  private static final double MINUTES_PER_YEAR = 365 * 24 * 60;

  @Test
  void theLastPriceOfEachMinuteClosesIt() {
    PriceHistory history = new PriceHistory(MINUTE, 10);
    history.update(T0 + 1_000, 100);
    history.update(T0 + 59_999, 101);
    history.update(T0 + MINUTE, 102);
    history.update(T0 + MINUTE + 30_000, 103);

    long now = T0 + MINUTE + 40_000;
    assertThat(history.latest()).isEqualTo(103);
    assertThat(history.closeBefore(now, 1)).isEqualTo(101);
    assertThat(history.closeBefore(now, 0)).isEqualTo(103);
    assertThat(history.closeBefore(now, 2)).isNaN();
  }

  @Test
  void ignoresPricesOfEarlierMinutesAndPricesThatAreNotPositive() {
    PriceHistory history = new PriceHistory(MINUTE, 10);
    history.update(T0 + MINUTE + 10, 100);
    history.update(T0 + 59_000, 90);
    history.update(T0 + MINUTE + 20, 0);
    history.update(T0 + MINUTE + 30, Double.NaN);

    assertThat(history.latest()).isEqualTo(100);
    assertThat(history.closeBefore(T0 + MINUTE, 1)).isNaN();
  }

  @Test
  void volatilityIsTheRootMeanSquareOfConsecutiveMinuteReturns() {
    PriceHistory history = new PriceHistory(MINUTE, 10);
    history.update(T0, 100);
    history.update(T0 + MINUTE, 110);
    history.update(T0 + 2 * MINUTE, 99);
    history.update(T0 + 3 * MINUTE, 120);

    // Minute 3 is the tick's own: only the returns of minutes 1 (+10%) and 2 (-10%) count.
    long now = T0 + 3 * MINUTE + 5_000;
    double perMinute = Math.sqrt((Math.pow(Math.log(1.1), 2) + Math.pow(Math.log(0.9), 2)) / 2);
    assertThat(history.volatilityPerInterval(now, 60, 2)).isCloseTo(perMinute, within(1e-15));
    assertThat(history.annualizedVolatility(now, 60, 2))
        .isCloseTo(perMinute * Math.sqrt(MINUTES_PER_YEAR), within(1e-12));
    // The window of one minute holds minute 2 only.
    assertThat(history.volatilityPerInterval(now, 1, 1)).isCloseTo(-Math.log(0.9), within(1e-15));
    assertThat(history.volatilityPerInterval(now, 1, 2)).isNaN();
  }

  @Test
  void aMinuteWithoutAPriceLeavesAHoleRatherThanAReturnAcrossIt() {
    PriceHistory history = new PriceHistory(MINUTE, 10);
    history.update(T0, 100);
    history.update(T0 + 2 * MINUTE, 110);
    history.update(T0 + 3 * MINUTE, 121);
    history.update(T0 + 4 * MINUTE, 133.1);

    long now = T0 + 4 * MINUTE;
    assertThat(history.closeBefore(now, 3)).isNaN();
    // Minute 2 has no return (minute 1 is empty); minute 3 earned +10%.
    assertThat(history.volatilityPerInterval(now, 60, 1)).isCloseTo(Math.log(1.1), within(1e-15));
    assertThat(history.volatilityPerInterval(now, 60, 2)).isNaN();
  }

  /**
   * Once the clock has left a minute it is closed, whether or not a price of a later minute has
   * come: an index that pauses at the turn of the minute must not hide its last return.
   */
  @Test
  void aMinuteTheTickHasLeftIsClosedWithoutALaterPrice() {
    PriceHistory history = new PriceHistory(MINUTE, 10);
    history.update(T0, 100);
    history.update(T0 + MINUTE, 110);
    history.update(T0 + 2 * MINUTE, 99);

    long now = T0 + 3 * MINUTE + 1_000;
    double perMinute = Math.sqrt((Math.pow(Math.log(1.1), 2) + Math.pow(Math.log(0.9), 2)) / 2);
    assertThat(history.closeBefore(now, 1)).isEqualTo(99);
    assertThat(history.volatilityPerInterval(now, 60, 2)).isCloseTo(perMinute, within(1e-15));
  }

  @Test
  void forgetsMinutesOlderThanItsSlots() {
    PriceHistory history = new PriceHistory(MINUTE, 3);
    for (int minute = 0; minute <= 5; minute++) {
      history.update(T0 + minute * MINUTE, 100 + minute);
    }

    long now = T0 + 5 * MINUTE;
    assertThat(history.closeBefore(now, 3)).isEqualTo(102);
    assertThat(history.closeBefore(now, 4)).isNaN();
    // Minutes 2, 3 and 4 are the only closed ones still kept.
    double expected =
        Math.sqrt(
            (Math.pow(Math.log(102.0 / 101), 2)
                    + Math.pow(Math.log(103.0 / 102), 2)
                    + Math.pow(Math.log(104.0 / 103), 2))
                / 3);
    assertThat(history.volatilityPerInterval(now, 60, 2)).isCloseTo(expected, within(1e-15));
  }
}
