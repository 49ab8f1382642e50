package io.gammastraddle.market;

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
  void roundingStopsAtTheThresholdFromEitherSide() {
    // 0.00512 / 0.0005 = 10.24: down 10 coarse ticks = 0.005, not 0.0051 on the fine grid
    assertThat(option.floor(0.00512)).isEqualTo(0.005);
    // 0.00496 / 0.0001 = 49.6: up 50 fine ticks = 0.005, not 0.0055 on the coarse grid
    assertThat(option.ceil(0.00496)).isEqualTo(0.005);
    // 0.00502 is above the threshold: up to the next coarse tick, 11 x 0.0005
    assertThat(option.ceil(0.00502)).isEqualTo(0.0055);
    // 0.02345 / 0.0005 = 46.9: 46 ticks = 0.023 down, 47 ticks = 0.0235 up
    assertThat(option.floor(0.02345)).isEqualTo(0.023);
    assertThat(option.ceil(0.02345)).isEqualTo(0.0235);
    // 0.00005 is below the smallest tick
    assertThat(option.floor(0.00005)).isZero();
    // 3_000.07 / 0.05 = 60_001.4: 3_000.05 down, 3_000.1 up
    assertThat(PriceGrid.flat(0.05).floor(3_000.07)).isEqualTo(3_000.05);
    assertThat(PriceGrid.flat(0.05).ceil(3_000.07)).isEqualTo(3_000.1);
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
      assertThat(option.floor(price)).as("floor of %s", price).isEqualTo(price);
      assertThat(option.ceil(price)).as("ceil of %s", price).isEqualTo(price);
      assertThat(option.nearest(price)).as("nearest to %s", price).isEqualTo(price);
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

  @Test
  void refusesStepsThatRoundingCouldNotHonour() {
    // 0.0052 / 0.0005 = 10.4: rounding down from 0.0053 would give 0.005, below the threshold
    assertThatThrownBy(() -> new PriceGrid(0.0001, List.of(new PriceGrid.Step(0.0052, 0.0005))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("off its own grid");
    // 0.0005 / 0.0002 = 2.5
    assertThatThrownBy(() -> new PriceGrid(0.0002, List.of(new PriceGrid.Step(0.005, 0.0005))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a multiple");
  }
}
