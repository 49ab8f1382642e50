package io.gammastraddle.simulator.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deribit's option grid: 0.0001 coin up to 0.005, 0.0005 above; and flat perpetual grids. */
class PriceGridTest {
  private final PriceGrid option = PriceGrid.deribitOption();

  @ParameterizedTest(name = "{0} on the grid: {1}")
  @CsvSource({
    "0.0001, true",
    "0.0049, true",
    "0.00495, false",
    "0.005, true",
    "0.0052, false",
    "0.0055, true",
    "0.0201, false",
    "0, false",
    "-0.0005, false"
  })
  void aPriceMustBeAMultipleOfTheTickAtItsLevel(double price, boolean onTick) {
    assertThat(option.isOnTick(price)).isEqualTo(onTick);
  }

  @Test
  void theCoarseTickAppliesOnlyAboveTheThreshold() {
    assertThat(option.tickAt(0.0049)).isEqualTo(0.0001);
    assertThat(option.tickAt(0.005)).isEqualTo(0.0001);
    assertThat(option.tickAt(0.0051)).isEqualTo(0.0005);
  }

  @Test
  void neighbouringPricesTakeTheTickOfTheSideTheyLieOn() {
    assertThat(option.below(0.0055)).isEqualTo(0.005);
    assertThat(option.below(0.005)).isEqualTo(0.0049);
    assertThat(option.below(0.0052)).isEqualTo(0.005);
    assertThat(option.below(0.0001)).isZero();
    assertThat(option.above(0.0049)).isEqualTo(0.005);
    assertThat(option.above(0.005)).isEqualTo(0.0055);
    assertThat(option.above(0.02)).isEqualTo(0.0205);
    assertThat(option.nearest(0.00493)).isEqualTo(0.0049);
    assertThat(option.nearest(0.00502)).isEqualTo(0.005);
    assertThat(option.nearest(0.01234)).isEqualTo(0.0125);
  }

  @Test
  void positionsCountValidPricesFromZeroAcrossTheThreshold() {
    assertThat(option.priceAt(49)).isEqualTo(0.0049);
    assertThat(option.priceAt(50)).isEqualTo(0.005);
    assertThat(option.priceAt(51)).isEqualTo(0.0055);
    assertThat(option.priceAt(90)).isEqualTo(0.025);
    assertThat(option.position(0.0055)).isCloseTo(51, within(1e-9));
    assertThat(option.position(0.00525)).isCloseTo(50.5, within(1e-9));
    assertThat(option.position(0.00495)).isCloseTo(49.5, within(1e-9));
    for (long position = 1; position <= 2_000; position++) {
      double price = option.priceAt(position);
      assertThat(option.isOnTick(price)).as("%s at %d", price, position).isTrue();
      assertThat(option.position(price)).isCloseTo(position, within(1e-6));
    }
  }

  @Test
  void aFlatGridsPositionsAreWholeTicks() {
    assertThat(PriceGrid.flat(0.5).priceAt(120_001)).isEqualTo(60_000.5);
    assertThat(PriceGrid.flat(0.05).priceAt(60_001)).isEqualTo(3_000.05);
    assertThat(PriceGrid.flat(0.05).position(3_000.05)).isCloseTo(60_001, within(1e-6));
    assertThat(PriceGrid.flat(0.5).isOnTick(60_000.25)).isFalse();
  }

  @Test
  void stepsMustRise() {
    List<PriceGrid.Step> falling =
        List.of(new PriceGrid.Step(0.005, 0.0005), new PriceGrid.Step(0.004, 0.001));

    assertThatThrownBy(() -> new PriceGrid(0.0001, falling))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PriceGrid.flat(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
