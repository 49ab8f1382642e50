package io.gammastraddle.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.PriceGrid;
import org.junit.jupiter.api.Test;

class InstrumentRulesTest {

  private static final InstrumentRules BTC_OPTION =
      InstrumentRules.option("BTC", "BTC-27DEC24-100000-C");
  private static final InstrumentRules ETH_OPTION =
      InstrumentRules.option("ETH", "ETH-6JUL25-1500-C");
  private static final InstrumentRules BTC_PERPETUAL = InstrumentRules.perpetual("BTC");
  private static final InstrumentRules ETH_PERPETUAL = InstrumentRules.perpetual("ETH");

  @Test
  void optionTicksAreFinerUpToHalfACent() {
    assertThat(BTC_OPTION.tickAt(0.0049)).isEqualTo(0.0001);
    // Deribit (6 July 2023 tick size change): "if price <= 0.005 then the tick size is 0.0001"
    assertThat(BTC_OPTION.tickAt(0.005)).isEqualTo(0.0001);
    assertThat(BTC_OPTION.tickAt(0.0055)).isEqualTo(0.0005);
    assertThat(ETH_OPTION.tickAt(0.0049)).isEqualTo(0.0001);
    assertThat(ETH_OPTION.tickAt(0.2)).isEqualTo(0.0005);
  }

  @Test
  void buysRoundDownAndSellsRoundUpOnTheOptionGrid() {
    // 0.01234 / 0.0005 = 24.68: down 24 ticks = 0.012, up 25 ticks = 0.0125
    assertThat(BTC_OPTION.roundPassive(Side.BUY, 0.01234)).isEqualTo(0.012);
    assertThat(BTC_OPTION.roundPassive(Side.SELL, 0.01234)).isEqualTo(0.0125);
    // below 0.005 the grid is 0.0001: 0.00437 -> 0.0043 down, 0.0044 up
    assertThat(BTC_OPTION.roundPassive(Side.BUY, 0.00437)).isEqualTo(0.0043);
    assertThat(BTC_OPTION.roundPassive(Side.SELL, 0.00437)).isEqualTo(0.0044);
  }

  @Test
  void roundingAcrossTheThresholdLandsOnTheRightGrid() {
    // up from just below the threshold reaches it on the fine grid, not 0.0055
    assertThat(BTC_OPTION.roundUp(0.00499)).isEqualTo(0.005);
    // down from just above it stops at it, not at 0.0050 - 0.0001
    assertThat(BTC_OPTION.roundDown(0.00504)).isEqualTo(0.005);
    // up from just above it takes the coarse tick
    assertThat(BTC_OPTION.roundUp(0.00501)).isEqualTo(0.0055);
    assertThat(BTC_OPTION.isOnTick(0.0052)).isFalse();
    assertThat(BTC_OPTION.isOnTick(0.0043)).isTrue();
    assertThat(BTC_OPTION.isOnTick(0.0055)).isTrue();
  }

  @Test
  void pricesOnTheGridStayWhereTheyAre() {
    assertThat(BTC_OPTION.roundDown(0.0125)).isEqualTo(0.0125);
    assertThat(BTC_OPTION.roundUp(0.0125)).isEqualTo(0.0125);
    assertThat(BTC_OPTION.roundUp(0.0043)).isEqualTo(0.0043);
    assertThat(BTC_OPTION.roundDown(0.0043)).isEqualTo(0.0043);
  }

  @Test
  void perpetualTicksAreFlatInUsd() {
    assertThat(BTC_PERPETUAL.instrument()).isEqualTo("BTC-PERPETUAL");
    assertThat(BTC_PERPETUAL.kind()).isEqualTo(InstrumentKind.PERPETUAL);
    assertThat(BTC_PERPETUAL.roundDown(60_000.3)).isEqualTo(60_000.0);
    assertThat(BTC_PERPETUAL.roundUp(60_000.3)).isEqualTo(60_000.5);
    assertThat(ETH_PERPETUAL.roundUp(3_000.01)).isEqualTo(3_000.05);
    assertThat(ETH_PERPETUAL.isOnTick(3_000.05)).isTrue();
    assertThat(ETH_PERPETUAL.isOnTick(3_000.07)).isFalse();
  }

  @Test
  void amountsFollowEachInstrumentsStep() {
    assertThat(BTC_OPTION.roundAmountDown(0.37)).isEqualTo(0.3);
    // 0.3 / 0.1 = 2.9999999999999996 in doubles, still 3 steps
    assertThat(BTC_OPTION.roundAmountDown(0.3)).isEqualTo(0.3);
    assertThat(BTC_OPTION.isValidAmount(0.3)).isTrue();
    assertThat(BTC_OPTION.isValidAmount(0.05)).isFalse();
    assertThat(BTC_OPTION.isValidAmount(0.35)).isFalse();
    assertThat(ETH_OPTION.isValidAmount(0.5)).isFalse();
    assertThat(ETH_OPTION.isValidAmount(2)).isTrue();
    assertThat(BTC_PERPETUAL.roundAmountDown(1_234)).isEqualTo(1_230);
    assertThat(BTC_PERPETUAL.isValidAmount(5)).isFalse();
    assertThat(ETH_PERPETUAL.roundAmountDown(12.7)).isEqualTo(12);
  }

  @Test
  void factoriesKnowOnlyBtcAndEth() {
    assertThatThrownBy(() -> InstrumentRules.perpetual("SOL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SOL");
    assertThatThrownBy(() -> InstrumentRules.option("BTC", "ETH-6JUL25-1500-C"))
        .hasMessageContaining("not an option on BTC");
  }

  @Test
  void refusesAMinimumAmountOffTheAmountStep() {
    assertThatThrownBy(
            () ->
                new InstrumentRules(
                    "X", InstrumentKind.OPTION, PriceGrid.deribitOption(), 0.15, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minimum amount");
  }

  @Test
  void onlyPositiveMultiplesAreOnTheAmountStep() {
    assertThat(BTC_PERPETUAL.isOnAmountStep(1_230)).isTrue();
    assertThat(BTC_PERPETUAL.isOnAmountStep(1_235)).isFalse();
    assertThat(BTC_PERPETUAL.isOnAmountStep(0)).isFalse();
  }
}
