package io.gammastraddle.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.orders.Side;
import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionType;
import io.gammastraddle.pricing.OptionValuation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioGreeksTest {

  private static final String CALL = PositionsTest.CALL;
  private static final String PUT = PositionsTest.PUT;
  private static final String PERPETUAL = PositionsTest.PERPETUAL;
  private static final long EXPIRY = OptionContract.parse(CALL).expiryMillis();
  private static final long NOW = EXPIRY - 30L * 24 * 3600 * 1000;
  private static final double YEARS = 30 / 365.0;
  private static final double FORWARD = 61_000;
  private static final double VOL = 0.55;

  private int trades;

  private void trade(Positions positions, String instrument, Side side, double amount) {
    double price = instrument.equals(PERPETUAL) ? FORWARD : 0.05;
    positions.apply(new Fill(instrument, side, amount, price, 0, FORWARD, NOW, "", "T" + ++trades));
  }

  private static Map<String, OptionRisk> black76Risks() {
    return Map.of(
        CALL, OptionRisk.black76(CALL, FORWARD, VOL, NOW),
        PUT, OptionRisk.black76(PUT, FORWARD, VOL, NOW));
  }

  @Test
  void aStraddlesGreeksAreThoseOfBlack76PerContractTimesSize() {
    Positions positions = new Positions("BTC");
    trade(positions, CALL, Side.BUY, 2.0);
    trade(positions, PUT, Side.BUY, 2.0);

    PortfolioGreeks greeks = PortfolioGreeks.of(positions, black76Risks(), Double.NaN);

    OptionValuation call = Black76.value(OptionType.CALL, FORWARD, 60_000, YEARS, VOL);
    OptionValuation put = Black76.value(OptionType.PUT, FORWARD, 60_000, YEARS, VOL);
    // delta in coin: each leg's premium-adjusted delta (delta - price in coin) times 2 contracts
    assertThat(greeks.optionsDelta())
        .isCloseTo(
            2 * (call.delta() - call.priceCoin()) + 2 * (put.delta() - put.priceCoin()),
            within(1e-12));
    assertThat(greeks.perpetualDelta()).isZero();
    assertThat(greeks.delta()).isEqualTo(greeks.optionsDelta());
    assertThat(greeks.gamma()).isCloseTo(2 * (call.gamma() + put.gamma()), within(1e-15));
    assertThat(greeks.vega()).isCloseTo(2 * (call.vega() + put.vega()), within(1e-9));
    assertThat(greeks.theta()).isCloseTo(2 * (call.theta() + put.theta()), within(1e-9));
    // a straddle slightly in the money on the call side is long a little delta, long gamma and
    // vega, short theta
    assertThat(greeks.optionsDelta()).isBetween(0.0, 0.5);
    assertThat(greeks.gamma()).isPositive();
    assertThat(greeks.theta()).isNegative();
  }

  @Test
  void deribitsTickerGreeksAddUpBySignedSize() {
    Positions positions = new Positions("BTC");
    trade(positions, CALL, Side.BUY, 1.5);
    trade(positions, PUT, Side.SELL, 0.5);

    PortfolioGreeks greeks =
        PortfolioGreeks.of(
            positions,
            Map.of(
                CALL, new OptionRisk(0.04, 0.52, 0.00003, 60, -40),
                PUT, new OptionRisk(0.03, -0.45, 0.00003, 58, -38)),
            Double.NaN);

    // delta 1.5 x (0.52 - 0.04) - 0.5 x (-0.45 - 0.03) = 0.72 + 0.24 = 0.96 coin
    assertThat(greeks.delta()).isCloseTo(0.96, within(1e-15));
    // gamma 1.5 x 0.00003 - 0.5 x 0.00003 = 0.00003; vega 90 - 29 = 61; theta -60 + 19 = -41
    assertThat(greeks.gamma()).isCloseTo(0.00003, within(1e-18));
    assertThat(greeks.vega()).isCloseTo(61, within(1e-12));
    assertThat(greeks.theta()).isCloseTo(-41, within(1e-12));
  }

  @Test
  void aLongInversePerpetualIsLongItsUsdSizeOverTheMarkInCoin() {
    Positions longBook = new Positions("BTC");
    trade(longBook, PERPETUAL, Side.BUY, 10_000);
    Positions shortBook = new Positions("BTC");
    trade(shortBook, PERPETUAL, Side.SELL, 10_000);

    // +10,000 USD / 50,000 = +0.2 coin; the short the opposite
    assertThat(PortfolioGreeks.of(longBook, Map.of(), 50_000).perpetualDelta()).isEqualTo(0.2);
    assertThat(PortfolioGreeks.of(shortBook, Map.of(), 50_000).delta()).isEqualTo(-0.2);
    assertThat(PortfolioGreeks.of(longBook, Map.of(), 50_000).gamma()).isZero();
  }

  @Test
  void thePerpetualsDeltaIsThePriceTimesTheSlopeOfItsCoinPnl() {
    Positions positions = new Positions("BTC");
    trade(positions, PERPETUAL, Side.BUY, 10_000);
    InstrumentPosition perpetual = positions.position(PERPETUAL);
    double mark = 50_000;
    double bump = 1;

    // P dV/dP with V = 10,000 x (1 / 61,000 - 1 / P): 10,000 / P = 0.2 at 50,000
    double slope =
        (perpetual.unrealizedPnl(mark + bump) - perpetual.unrealizedPnl(mark - bump)) / (2 * bump);

    assertThat(mark * slope).isCloseTo(0.2, within(1e-9));
    assertThat(PortfolioGreeks.of(positions, Map.of(), mark).delta())
        .isCloseTo(mark * slope, within(1e-9));
  }

  @Test
  void theDeltaIsTheForwardTimesTheSlopeOfTheBooksCoinValue() {
    Positions positions = new Positions("BTC");
    trade(positions, CALL, Side.BUY, 1.0);
    trade(positions, PUT, Side.SELL, 0.5);
    trade(positions, PERPETUAL, Side.BUY, 5_000);
    PortfolioGreeks greeks = PortfolioGreeks.of(positions, black76Risks(), FORWARD);
    double bump = 1;

    // The book's coin value when the forward (and the perpetual's mark with it) is at F
    double up = bookValueInCoin(positions, FORWARD + bump);
    double down = bookValueInCoin(positions, FORWARD - bump);

    assertThat(greeks.delta()).isCloseTo(FORWARD * (up - down) / (2 * bump), within(1e-7));
  }

  private static double bookValueInCoin(Positions positions, double forward) {
    double call = Black76.value(OptionType.CALL, forward, 60_000, YEARS, VOL).priceCoin();
    double put = Black76.value(OptionType.PUT, forward, 60_000, YEARS, VOL).priceCoin();
    return positions.position(CALL).size() * call
        + positions.position(PUT).size() * put
        + positions.position(PERPETUAL).unrealizedPnl(forward);
  }

  @Test
  void aHeldInstrumentWithoutItsInputsIsRefused() {
    Positions positions = new Positions("BTC");
    trade(positions, CALL, Side.BUY, 1.0);

    assertThatThrownBy(() -> PortfolioGreeks.of(positions, Map.of(), 50_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(CALL);

    trade(positions, PERPETUAL, Side.BUY, 10);
    assertThatThrownBy(() -> PortfolioGreeks.of(positions, black76Risks(), Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("perpetual");
  }

  @Test
  void optionRiskRefusesNonFiniteGreeks() {
    assertThatThrownBy(() -> new OptionRisk(0.04, Double.NaN, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OptionRisk(-0.01, 0.5, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
