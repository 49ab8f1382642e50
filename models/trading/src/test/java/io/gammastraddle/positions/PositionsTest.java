package io.gammastraddle.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.orders.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositionsTest {

  static final String CALL = "BTC-27JUN25-60000-C";
  static final String PUT = "BTC-27JUN25-60000-P";
  static final String PERPETUAL = "BTC-PERPETUAL";
  private static final long T0 = 1_740_000_000_000L;

  private int trades;

  private Fill fill(String instrument, Side side, double amount, double price, double fee) {
    trades++;
    return new Fill(
        instrument, side, amount, price, fee, 60_000, T0 + trades, "gsb-BTC-1-x", "T" + trades);
  }

  @Test
  void optionsAverageOnAddsAndRealizeCoinOnReductionsAfterFees() {
    Positions positions = new Positions("BTC");

    positions.apply(fill(CALL, Side.BUY, 1.0, 0.0500, 0.0003));
    positions.apply(fill(CALL, Side.BUY, 0.5, 0.0560, 0.00015));
    // average (1.0 x 0.0500 + 0.5 x 0.0560) / 1.5 = 0.078 / 1.5 = 0.0520
    assertThat(positions.position(CALL).size()).isEqualTo(1.5);
    assertThat(positions.position(CALL).averagePrice()).isCloseTo(0.0520, within(1e-15));

    positions.apply(fill(CALL, Side.SELL, 0.6, 0.0600, 0.00018));
    // 0.6 x (0.0600 - 0.0520) = 0.0048 coin; the rest keeps its average
    InstrumentPosition reduced = positions.position(CALL);
    assertThat(reduced.size()).isEqualTo(0.9);
    assertThat(reduced.averagePrice()).isCloseTo(0.0520, within(1e-15));
    assertThat(reduced.realizedPnl()).isCloseTo(0.0048, within(1e-15));

    positions.apply(fill(CALL, Side.SELL, 0.9, 0.0480, 0.00027));
    // 0.0048 + 0.9 x (0.0480 - 0.0520) = 0.0048 - 0.0036 = 0.0012; fees 0.0003 + 0.00015 +
    // 0.00018 + 0.00027 = 0.0009; after fees 0.0003
    InstrumentPosition closed = positions.position(CALL);
    assertThat(closed.isFlat()).isTrue();
    assertThat(closed.averagePrice()).isZero();
    assertThat(closed.realizedPnl()).isCloseTo(0.0012, within(1e-15));
    assertThat(closed.fees()).isCloseTo(0.0009, within(1e-15));
    assertThat(closed.realizedPnlAfterFees()).isCloseTo(0.0003, within(1e-15));
    assertThat(positions.openSizes()).isEmpty();
  }

  @Test
  void anOptionFillThroughZeroClosesAtTheAverageAndOpensTheRestAtItsPrice() {
    Positions positions = new Positions("BTC");
    positions.apply(fill(PUT, Side.SELL, 0.3, 0.0200, 0.00009));

    positions.apply(fill(PUT, Side.BUY, 0.5, 0.0250, 0.00015));

    // the short 0.3 closes: -0.3 x (0.0250 - 0.0200) = -0.0015; long 0.2 opens at 0.0250
    InstrumentPosition flipped = positions.position(PUT);
    assertThat(flipped.size()).isEqualTo(0.2);
    assertThat(flipped.averagePrice()).isEqualTo(0.0250);
    assertThat(flipped.realizedPnl()).isCloseTo(-0.0015, within(1e-15));
    assertThat(flipped.fees()).isCloseTo(0.00024, within(1e-15));
  }

  @Test
  void sizesOfDecimalAmountsAddUpExactly() {
    Positions positions = new Positions("BTC");
    positions.apply(fill(CALL, Side.BUY, 0.1, 0.05, 0.00003));
    positions.apply(fill(CALL, Side.BUY, 0.2, 0.05, 0.00006));

    positions.apply(fill(CALL, Side.SELL, 0.3, 0.05, 0.00009));

    // 0.1 + 0.2 is 0.30000000000000004 in doubles; the position must still close to exactly 0
    assertThat(positions.position(CALL).size()).isZero();
    assertThat(positions.position(CALL).isFlat()).isTrue();
  }

  @Test
  void thePerpetualAveragesHarmonicallyAndRealizesInverseCoinPnl() {
    Positions positions = new Positions("BTC");
    // taker fee 0.05% of the coin notional: 10,000 / 50,000 x 0.0005 = 0.0001 coin
    positions.apply(fill(PERPETUAL, Side.BUY, 10_000, 50_000, 0.0001));
    positions.apply(fill(PERPETUAL, Side.BUY, 20_000, 60_000, 20_000 / 60_000.0 * 0.0005));
    // 30,000 USD bought for 10,000 / 50,000 + 20,000 / 60,000 = 0.2 + 0.3333 = 0.5333 coin:
    // average 30,000 / 0.53333 = 56,250
    assertThat(positions.position(PERPETUAL).averagePrice()).isCloseTo(56_250, within(1e-9));

    positions.apply(fill(PERPETUAL, Side.SELL, 15_000, 62_500, 15_000 / 62_500.0 * 0.0005));

    // 15,000 x (1 / 56,250 - 1 / 62,500) = 15,000 x 6,250 / 3,515,625,000 = 0.0266667 coin
    // (1,666.67 USD at 62,500: +11.1% on 15,000 USD)
    InstrumentPosition reduced = positions.position(PERPETUAL);
    assertThat(reduced.size()).isEqualTo(15_000);
    assertThat(reduced.averagePrice()).isCloseTo(56_250, within(1e-9));
    assertThat(reduced.realizedPnl()).isCloseTo(0.4 / 15, within(1e-15));
    assertThat(reduced.realizedPnl() * 62_500).isCloseTo(1_666.6667, within(1e-4));
    // fees 0.0001 + 0.00016667 + 0.00012 = 0.00038667
    assertThat(reduced.fees()).isCloseTo(0.0001 + 1 / 6000.0 + 0.00012, within(1e-15));
  }

  @Test
  void aShortPerpetualEarnsCoinWhenThePriceFallsAndFlipsThroughZero() {
    Positions positions = new Positions("BTC");
    positions.apply(fill(PERPETUAL, Side.SELL, 10_000, 50_000, 0.0001));

    positions.apply(fill(PERPETUAL, Side.BUY, 30_000, 40_000, 0.000375));

    // closes the short: -10,000 x (1 / 50,000 - 1 / 40,000) = -10,000 x -0.000005 = +0.05 coin;
    // the other 20,000 USD open long at 40,000
    InstrumentPosition flipped = positions.position(PERPETUAL);
    assertThat(flipped.realizedPnl()).isCloseTo(0.05, within(1e-15));
    assertThat(flipped.size()).isEqualTo(20_000);
    assertThat(flipped.averagePrice()).isEqualTo(40_000);
  }

  @Test
  void unrealizedPnlIsInCoinAtTheMarksAndInUsdAtTheIndex() {
    Positions positions = new Positions("BTC");
    positions.apply(fill(PERPETUAL, Side.BUY, 15_000, 56_250, 0.00015));
    positions.apply(fill(CALL, Side.BUY, 2.0, 0.0500, 0.0006));
    positions.apply(fill(PUT, Side.SELL, 1.0, 0.0400, 0.0003));
    positions.apply(fill(PUT, Side.BUY, 0.5, 0.0300, 0.00015));

    PnlSummary pnl = positions.pnl(Map.of(PERPETUAL, 45_000.0, CALL, 0.0350, PUT, 0.0450), 45_000);

    // realized: the put's 0.5 bought back, -0.5 x (0.0300 - 0.0400) = +0.005
    // perpetual 15,000 x (1 / 56,250 - 1 / 45,000) = -0.0666667 coin (-3,000 USD: -20% of 15,000)
    // call 2.0 x (0.0350 - 0.0500) = -0.03; put -0.5 x (0.0450 - 0.0400) = -0.0025
    double unrealized = -1 / 15.0 - 0.03 - 0.0025;
    double fees = 0.00015 + 0.0006 + 0.0003 + 0.00015;
    assertThat(pnl.realized()).isCloseTo(0.005, within(1e-15));
    assertThat(pnl.unrealized()).isCloseTo(unrealized, within(1e-15));
    assertThat(pnl.fees()).isCloseTo(fees, within(1e-15));
    assertThat(pnl.net()).isCloseTo(0.005 + unrealized - fees, within(1e-15));
    assertThat(positions.position(PERPETUAL).unrealizedPnl(45_000) * 45_000)
        .isCloseTo(-3_000, within(1e-9));
    // USD at the index: (0.005 - 0.0991667 - 0.0012) x 45,000 = -4,291.5
    assertThat(pnl.netUsd()).isCloseTo(-4_291.5, within(1e-9));
    assertThat(pnl.unrealizedUsd()).isCloseTo(unrealized * 45_000, within(1e-9));
    assertThat(pnl.realizedUsd()).isCloseTo(225, within(1e-9));
    assertThat(pnl.feesUsd()).isCloseTo(54, within(1e-9));
  }

  @Test
  void anOpenPositionWithoutAMarkCannotBeValued() {
    Positions positions = new Positions("BTC");
    positions.apply(fill(CALL, Side.BUY, 1.0, 0.05, 0.0003));

    assertThatThrownBy(() -> positions.pnl(Map.of(PERPETUAL, 50_000.0), 50_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(CALL);
    assertThatThrownBy(() -> positions.pnl(Map.of(CALL, Double.NaN), 50_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(CALL);
    assertThatThrownBy(() -> positions.pnl(Map.of(CALL, 0.05), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReplayedFillIsIgnored() {
    Positions positions = new Positions("BTC");
    Fill first = fill(CALL, Side.BUY, 1.0, 0.05, 0.0003);

    assertThat(positions.apply(first)).isTrue();
    assertThat(positions.apply(first)).isFalse();
    assertThat(positions.apply(new Fill(CALL, Side.BUY, 1.0, 0.05, 0.0003, 60_000, T0, "", "T1")))
        .as("same trade id, whatever else it carries")
        .isFalse();

    assertThat(positions.position(CALL).size()).isEqualTo(1.0);
    assertThat(positions.position(CALL).fees()).isEqualTo(0.0003);
  }

  @Test
  void onlyTheLastRememberedTradeIdsAreRecognised() {
    Positions positions = new Positions("BTC", 2);
    Fill first = fill(CALL, Side.BUY, 0.1, 0.05, 0.00003);
    positions.apply(first);
    positions.apply(fill(CALL, Side.BUY, 0.1, 0.05, 0.00003));
    positions.apply(fill(CALL, Side.BUY, 0.1, 0.05, 0.00003));

    // the ring of 2 has forgotten the first id: its replay counts again (reconcile catches it)
    assertThat(positions.apply(first)).isTrue();
    assertThat(positions.position(CALL).size()).isEqualTo(0.4);
  }

  @Test
  void reconcileReportsEveryDifferenceAndChangesNothing() {
    Positions positions = new Positions("BTC");
    positions.apply(fill(CALL, Side.BUY, 1.0, 0.05, 0.0003));
    positions.apply(fill(PUT, Side.BUY, 1.0, 0.04, 0.0003));
    positions.apply(fill(PERPETUAL, Side.SELL, 10_000, 50_000, 0.0001));

    List<SizeDifference> differences =
        positions.reconcile(Map.of(CALL, 1.0, PERPETUAL, -9_000.0, "BTC-27JUN25-70000-C", 0.5));

    // the put is missing at the exchange, the perpetual differs, the 70,000 call is not ours
    assertThat(differences)
        .containsExactly(
            new SizeDifference("BTC-27JUN25-60000-P", 1.0, 0),
            new SizeDifference("BTC-27JUN25-70000-C", 0, 0.5),
            new SizeDifference(PERPETUAL, -10_000, -9_000));
    assertThat(differences.get(2).missing()).isEqualTo(1_000);
    assertThat(positions.openSizes())
        .containsExactlyInAnyOrderEntriesOf(Map.of(CALL, 1.0, PUT, 1.0, PERPETUAL, -10_000.0));
    assertThat(positions.reconcile(Map.of(CALL, 1.0, PUT, 1.0, PERPETUAL, -10_000.0))).isEmpty();
  }

  @Test
  void adoptTakesTheExchangeSizesAndAveragesAndKeepsPnlHistory() {
    Positions positions = new Positions("BTC");
    positions.apply(fill(CALL, Side.BUY, 1.0, 0.05, 0.0003));
    positions.apply(fill(CALL, Side.SELL, 0.5, 0.06, 0.00015));
    positions.apply(fill(PUT, Side.BUY, 1.0, 0.04, 0.0003));

    List<SizeDifference> adopted =
        positions.adopt(
            List.of(
                new ExchangePosition(CALL, 1.5, 0.055),
                new ExchangePosition(PERPETUAL, -20_000, 51_000)));

    assertThat(adopted)
        .containsExactly(
            new SizeDifference(CALL, 0.5, 1.5),
            new SizeDifference(PUT, 1.0, 0),
            new SizeDifference(PERPETUAL, 0, -20_000));
    InstrumentPosition call = positions.position(CALL);
    assertThat(call.size()).isEqualTo(1.5);
    assertThat(call.averagePrice()).isEqualTo(0.055);
    // realized 0.5 x (0.06 - 0.05) = 0.005 and fees 0.0003 + 0.00015 = 0.00045 stay
    assertThat(call.realizedPnl()).isCloseTo(0.005, within(1e-15));
    assertThat(call.fees()).isCloseTo(0.00045, within(1e-15));
    assertThat(positions.position(PUT)).isEqualTo(new InstrumentPosition(PUT, 0, 0, 0, 0.0003));
    assertThat(positions.position(PERPETUAL))
        .isEqualTo(new InstrumentPosition(PERPETUAL, -20_000, 51_000, 0, 0));
    assertThat(positions.reconcile(Map.of(CALL, 1.5, PERPETUAL, -20_000.0))).isEmpty();
  }

  @Test
  void adoptRefusesAnInstrumentListedTwice() {
    Positions positions = new Positions("BTC");

    assertThatThrownBy(
            () ->
                positions.adopt(
                    List.of(
                        new ExchangePosition(CALL, 1, 0.05), new ExchangePosition(CALL, 2, 0.05))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(CALL);
  }

  @Test
  void anotherCurrencysInstrumentIsRefused() {
    Positions positions = new Positions("BTC");

    assertThatThrownBy(() -> positions.apply(fill("ETH-PERPETUAL", Side.BUY, 10, 3_000, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ETH-PERPETUAL");
    assertThatThrownBy(() -> positions.reconcile(Map.of("ETH-PERPETUAL", 10.0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Positions("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Positions("BTC", 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
