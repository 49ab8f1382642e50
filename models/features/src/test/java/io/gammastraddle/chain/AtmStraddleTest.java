package io.gammastraddle.chain;

import static io.gammastraddle.chain.OptionMarket.NOW;
import static io.gammastraddle.chain.OptionMarket.book;
import static io.gammastraddle.chain.OptionMarket.ticker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionType;
import io.gammastraddle.pricing.OptionValuation;
import org.junit.jupiter.api.Test;

class AtmStraddleTest {

  private static final String CALL = "BTC-10JUN22-30000-C";
  private static final String PUT = "BTC-10JUN22-30000-P";
  private static final long EXPIRY = 1_654_848_000_000L; // 2022-06-10 08:00 UTC

  /** The put's ticker is the later one, so its forward (30230) is the straddle's. */
  private static final OptionQuote CALL_QUOTE =
      OptionQuote.of(CALL)
          .withTicker(ticker(CALL, NOW - 3_000, 30_210, 0.0300, 64, 0.0295, 0.0310))
          .withBook(book(CALL, 0.0295, 0.0310, false, 20, 0.0312));

  private static final OptionQuote PUT_QUOTE =
      OptionQuote.of(PUT)
          .withTicker(ticker(PUT, NOW - 1_000, 30_230, 0.0250, 66, 0.0240, 0.0260))
          .withBook(book(PUT, 0.0240, 0.0260, false, 12, 0.0265));

  private static final long LATER = NOW + 60_000;

  @Test
  void theGreeksAreBlack76SumsForBothLegsAtTheLaterForwardAndTheStraddlesInstant() {
    AtmStraddle straddle = AtmStraddle.of("BTC", LATER, CALL_QUOTE, PUT_QUOTE);

    double years = OptionContract.yearsBetween(LATER, EXPIRY);
    OptionValuation call = Black76.value(OptionType.CALL, 30_230, 30_000, years, 0.64);
    OptionValuation put = Black76.value(OptionType.PUT, 30_230, 30_000, years, 0.66);
    assertThat(straddle.forward()).isEqualTo(30_230);
    assertThat(straddle.delta()).isCloseTo(call.delta() + put.delta(), within(1e-12));
    assertThat(straddle.gamma()).isCloseTo(call.gamma() + put.gamma(), within(1e-15));
    assertThat(straddle.vega()).isCloseTo(call.vega() + put.vega(), within(1e-9));
    assertThat(straddle.theta()).isCloseTo(call.theta() + put.theta(), within(1e-9));
  }

  @Test
  void describesTheStraddleItWasBuiltFrom() {
    AtmStraddle straddle = AtmStraddle.of("BTC", LATER, CALL_QUOTE, PUT_QUOTE);

    assertThat(straddle.underlying()).isEqualTo("BTC");
    assertThat(straddle.timestamp()).isEqualTo(LATER);
    assertThat(straddle.expiryMillis()).isEqualTo(EXPIRY);
    assertThat(straddle.strike()).isEqualTo(30_000);
    assertThat(straddle.call()).isEqualTo(CALL);
    assertThat(straddle.put()).isEqualTo(PUT);
    assertThat(straddle.impliedVol()).isCloseTo(0.65, within(1e-15));
    assertThat(straddle.quoteTimestamp()).isEqualTo(NOW - 3_000);
  }

  @Test
  void pricesSpreadAndGammaRatioComeFromTheLegsSums() {
    AtmStraddle straddle = AtmStraddle.of("BTC", LATER, CALL_QUOTE, PUT_QUOTE);

    assertThat(straddle.bid()).isCloseTo(0.0535, within(1e-15));
    assertThat(straddle.ask()).isCloseTo(0.0570, within(1e-15));
    assertThat(straddle.mark()).isCloseTo(0.0550, within(1e-15));
    // 0.0550 coin x 30230 USD
    assertThat(straddle.premiumUsd()).isCloseTo(1_662.65, within(1e-9));
    // 0.0035 / 0.05525
    assertThat(straddle.relativeSpread()).isCloseTo(0.063_348_416_289_592_76, within(1e-12));
    double move = 302.3; // 1% of the forward
    assertThat(straddle.gammaPerPremium())
        .isCloseTo(0.5 * straddle.gamma() * move * move / 1_662.65, within(1e-12));
  }

  @Test
  void depthAndImpactComeFromBothBooks() {
    AtmStraddle straddle = AtmStraddle.of("BTC", LATER, CALL_QUOTE, PUT_QUOTE);

    // (20 + 12) contracts x 30230 USD
    assertThat(straddle.nearDepthUsd()).isCloseTo(967_360, within(1e-6));
    // mids 0.03025 + 0.025 = 0.05525; buying costs 0.0312 + 0.0265 = 0.0577: 0.00245 above
    assertThat(straddle.impactBps()).isCloseTo(443.438_914_027_149_3, within(1e-9));
  }

  @Test
  void depthAndImpactAreUnknownWhileABookIsMissingOrStale() {
    OptionQuote putWithoutBook =
        OptionQuote.of(PUT).withTicker(ticker(PUT, NOW, 30_230, 0.0250, 66, 0.0240, 0.0260));
    OptionQuote putWithStaleBook = PUT_QUOTE.withBook(book(PUT, 0.0240, 0.0260, true, 12, 0.0265));

    for (OptionQuote put : new OptionQuote[] {putWithoutBook, putWithStaleBook}) {
      AtmStraddle straddle = AtmStraddle.of("BTC", LATER, CALL_QUOTE, put);
      assertThat(straddle.nearDepthUsd()).isNaN();
      assertThat(straddle.impactBps()).isNaN();
      assertThat(straddle.gamma()).isPositive();
    }
  }

  @Test
  void impactIsUnknownWhenABookCannotFillTheAmount() {
    OptionQuote thinCall = CALL_QUOTE.withBook(book(CALL, 0.0295, 0.0310, false, 20, Double.NaN));

    AtmStraddle straddle = AtmStraddle.of("BTC", LATER, thinCall, PUT_QUOTE);

    assertThat(straddle.impactBps()).isNaN();
    assertThat(straddle.nearDepthUsd()).isCloseTo(967_360, within(1e-6));
  }
}
