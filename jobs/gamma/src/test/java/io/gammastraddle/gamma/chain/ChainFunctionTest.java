package io.gammastraddle.gamma.chain;

import static io.gammastraddle.gamma.MarketEvents.OPTION_HALF_SPREAD;
import static io.gammastraddle.gamma.MarketEvents.T0;
import static io.gammastraddle.gamma.MarketEvents.optionTicker;
import static io.gammastraddle.gamma.MarketEvents.optionTop;
import static io.gammastraddle.gamma.MarketEvents.perpTicker;
import static io.gammastraddle.gamma.MarketEvents.perpTop;
import static io.gammastraddle.gamma.MarketEvents.staleOptionTop;
import static io.gammastraddle.gamma.MarketEvents.withDelta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionQuote;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionType;
import io.gammastraddle.pricing.OptionValuation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chain operator on a test harness, fed option tickers in Deribit's shape: BTC options of 15,
 * 17 and 24 November 2023 seen from {@link io.gammastraddle.gamma.MarketEvents#T0}, 2023-11-14
 * 22:13:20 UTC, so the first expires in under a day.
 */
class ChainFunctionTest {

  private static final long DAY = 24 * 3600 * 1000L;

  /** 2023-11-15 08:00 UTC and 2023-11-17 08:00 UTC, the expiries of BTC-15NOV23 and BTC-17NOV23. */
  private static final long NOV15_EXPIRY = 1_700_035_200_000L;

  private static final long NOV17_EXPIRY = 1_700_208_000_000L;
  private static final double NOV17_FORWARD = 36_480;
  private static final String CALL_36000 = "BTC-17NOV23-36000-C";
  private static final String PUT_36000 = "BTC-17NOV23-36000-P";

  /** An option of the chain with the forward and mark volatility (percent) of its ticker. */
  private record Listing(String instrument, double forward, double markIvPercent) {}

  /**
   * BTC-15NOV23 (forward 36,900, under a day to expiry), BTC-17NOV23 (forward 36,480, four strikes,
   * the 36,000 call at 52% and put at 53%) and BTC-24NOV23 (forward 36,700).
   */
  private static final List<Listing> CHAIN =
      List.of(
          new Listing("BTC-15NOV23-36000-C", 36_900, 56),
          new Listing("BTC-15NOV23-36000-P", 36_900, 56),
          new Listing("BTC-15NOV23-37000-C", 36_900, 55),
          new Listing("BTC-15NOV23-37000-P", 36_900, 55),
          new Listing("BTC-17NOV23-35000-C", NOV17_FORWARD, 55),
          new Listing("BTC-17NOV23-35000-P", NOV17_FORWARD, 55.5),
          new Listing(CALL_36000, NOV17_FORWARD, 52),
          new Listing(PUT_36000, NOV17_FORWARD, 53),
          new Listing("BTC-17NOV23-37000-C", NOV17_FORWARD, 50.5),
          new Listing("BTC-17NOV23-37000-P", NOV17_FORWARD, 51),
          new Listing("BTC-17NOV23-38000-C", NOV17_FORWARD, 51.5),
          new Listing("BTC-17NOV23-38000-P", NOV17_FORWARD, 52),
          new Listing("BTC-24NOV23-36000-C", 36_700, 50),
          new Listing("BTC-24NOV23-36000-P", 36_700, 50),
          new Listing("BTC-24NOV23-37000-C", 36_700, 49),
          new Listing("BTC-24NOV23-37000-P", 36_700, 49));

  private InterceptingOperatorMetricGroup metrics;
  private MockEnvironment environment;
  private KeyedOneInputStreamOperatorTestHarness<String, UnderlyingEvent, AtmStraddle> harness;

  /** Opens a harness whose operator metrics can be read, with a one-second decision interval. */
  private void open(long minMillisToExpiry) throws Exception {
    metrics = new InterceptingOperatorMetricGroup();
    environment =
        new MockEnvironmentBuilder()
            .setMetricGroup(
                new InterceptingTaskMetricGroup() {
                  @Override
                  public InternalOperatorMetricGroup getOrAddOperator(
                      OperatorID id, String name, Map<String, String> additionalVariables) {
                    return metrics;
                  }
                })
            .build();
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new ChainFunction(1_000, minMillisToExpiry)),
            UnderlyingEvent::underlying,
            Types.STRING,
            environment);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
    environment.close();
  }

  private void send(Ticker ticker) throws Exception {
    harness.processElement(UnderlyingEvent.of(OptionTicker.of(ticker)), ticker.timestamp());
  }

  private void send(BookTop top) throws Exception {
    harness.processElement(UnderlyingEvent.of(top), top.timestamp());
  }

  private void watermark(long timestamp) throws Exception {
    harness.processWatermark(new Watermark(timestamp));
  }

  private List<AtmStraddle> straddles() {
    return harness.extractOutputValues();
  }

  private AtmStraddle lastStraddle() {
    List<AtmStraddle> straddles = straddles();
    return straddles.get(straddles.size() - 1);
  }

  /** The options BTC's chain holds in keyed state. */
  private List<String> optionsInState() throws Exception {
    harness.getOperator().setCurrentKey("BTC");
    MapState<String, OptionQuote> quotes =
        harness
            .getOperator()
            .getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, ChainFunction.QUOTES);
    List<String> names = new ArrayList<>();
    quotes.keys().forEach(names::add);
    return names;
  }

  private long divergentTickers() {
    return ((Counter) metrics.get("greeksDivergentTickers")).getCount();
  }

  private double gauge(String name) {
    return ((Number) ((Gauge<?>) metrics.get(name)).getValue()).doubleValue();
  }

  /** A ticker for every option of {@link #CHAIN}, 10 ms apart from {@code timestamp} on. */
  private void listChain(long timestamp) throws Exception {
    for (int i = 0; i < CHAIN.size(); i++) {
      Listing option = CHAIN.get(i);
      send(
          optionTicker(
              option.instrument(), timestamp + 10L * i, option.forward(), option.markIvPercent()));
    }
  }

  /** One BTC-17NOV23 option valued by the project's Black-76 at {@code now}. */
  private static OptionValuation nov17(
      OptionType type, double strike, double forward, long now, double markIvPercent) {
    return Black76.value(
        type, forward, strike, OptionContract.yearsBetween(now, NOV17_EXPIRY), markIvPercent / 100);
  }

  private static void assertGreeks(
      AtmStraddle straddle, OptionValuation call, OptionValuation put) {
    assertThat(straddle.delta()).isCloseTo(call.delta() + put.delta(), withinPercentage(1e-8));
    assertThat(straddle.gamma()).isCloseTo(call.gamma() + put.gamma(), withinPercentage(1e-8));
    assertThat(straddle.vega()).isCloseTo(call.vega() + put.vega(), withinPercentage(1e-8));
    assertThat(straddle.theta()).isCloseTo(call.theta() + put.theta(), withinPercentage(1e-8));
  }

  @Test
  void emitsAtTheTickTheStraddleOfTheNearestExpiryFarEnoughAwayAtTheStrikeNearestItsForward()
      throws Exception {
    open(DAY);
    listChain(T0 + 100);
    watermark(T0 + 1_000);

    assertThat(straddles()).hasSize(1);
    AtmStraddle straddle = straddles().get(0);
    assertThat(straddle.underlying()).isEqualTo("BTC");
    assertThat(straddle.timestamp()).isEqualTo(T0 + 1_000);
    assertThat(straddle.expiryMillis())
        .as("BTC-15NOV23 is under a day away")
        .isEqualTo(NOV17_EXPIRY);
    assertThat(straddle.strike()).isEqualTo(36_000);
    assertThat(straddle.call()).isEqualTo(CALL_36000);
    assertThat(straddle.put()).isEqualTo(PUT_36000);
    assertThat(straddle.forward()).isEqualTo(NOV17_FORWARD);
    assertThat(straddle.impliedVol()).isCloseTo(0.525, within(1e-12));

    Ticker call = optionTicker(CALL_36000, T0 + 160, NOV17_FORWARD, 52);
    Ticker put = optionTicker(PUT_36000, T0 + 170, NOV17_FORWARD, 53);
    assertThat(straddle.mark()).isCloseTo(call.markPrice() + put.markPrice(), within(1e-15));
    assertThat(straddle.bid())
        .isCloseTo(call.markPrice() + put.markPrice() - 2 * OPTION_HALF_SPREAD, within(1e-15));
    assertThat(straddle.ask())
        .isCloseTo(call.markPrice() + put.markPrice() + 2 * OPTION_HALF_SPREAD, within(1e-15));
    assertThat(straddle.quoteTimestamp()).as("the older leg's ticker").isEqualTo(T0 + 160);
    assertGreeks(
        straddle,
        nov17(OptionType.CALL, 36_000, NOV17_FORWARD, T0 + 1_000, 52),
        nov17(OptionType.PUT, 36_000, NOV17_FORWARD, T0 + 1_000, 53));
    assertThat(straddle.nearDepthUsd()).as("no option book yet").isNaN();
    assertThat(straddle.impactBps()).isNaN();
    assertThat(optionsInState()).hasSize(16);
  }

  @Test
  void switchesTheStrikeAtTheNextTickWhenATickerMovesTheForward() throws Exception {
    open(DAY);
    listChain(T0 + 100);
    watermark(T0 + 1_000);
    send(optionTicker("BTC-17NOV23-37000-C", T0 + 1_500, 36_620, 50.5));
    watermark(T0 + 2_000);
    watermark(T0 + 5_000);

    assertThat(straddles())
        .as("one straddle per tick with option events")
        .extracting(AtmStraddle::timestamp)
        .containsExactly(T0 + 1_000, T0 + 2_000);
    AtmStraddle moved = lastStraddle();
    assertThat(moved.strike()).isEqualTo(37_000);
    assertThat(moved.forward()).as("the latest ticker's").isEqualTo(36_620);
    assertGreeks(
        moved,
        nov17(OptionType.CALL, 37_000, 36_620, T0 + 2_000, 50.5),
        nov17(OptionType.PUT, 37_000, 36_620, T0 + 2_000, 51));
  }

  @Test
  void measuresLiquidityFromBothLegsBooksUntilOneGoesStale() throws Exception {
    open(DAY);
    listChain(T0 + 100);
    send(optionTop(CALL_36000, T0 + 200, 0.0250, 0.0260, 12.5, 0.0262));
    send(optionTop(PUT_36000, T0 + 300, 0.0300, 0.0310, 7.5, 0.0313));
    watermark(T0 + 1_000);
    send(staleOptionTop(CALL_36000, T0 + 1_200));
    watermark(T0 + 2_000);
    send(optionTop(CALL_36000, T0 + 2_200, 0.0250, 0.0260, 12.5, 0.0262));
    watermark(T0 + 3_000);

    List<AtmStraddle> straddles = straddles();
    assertThat(straddles).hasSize(3);
    // 12.5 + 7.5 contracts near the mids, of one BTC each at the forward of 36,480 USD.
    assertThat(straddles.get(0).nearDepthUsd()).isCloseTo(729_600, within(1e-6));
    // Buying one of each costs 0.0262 + 0.0313 = 0.0575 BTC against mids of 0.0255 + 0.0305 =
    // 0.0560: 0.0015 / 0.0560 = 267.857142857 bps.
    assertThat(straddles.get(0).impactBps()).isCloseTo(267.857142857, within(1e-6));
    assertThat(straddles.get(1).nearDepthUsd()).as("the call's book is stale").isNaN();
    assertThat(straddles.get(1).impactBps()).isNaN();
    assertThat(straddles.get(2).nearDepthUsd()).as("recovered").isCloseTo(729_600, within(1e-6));
  }

  @Test
  void dropsExpiredOptionsFromStateAndMovesToTheNextExpiry() throws Exception {
    open(0);
    for (String name :
        List.of(
            "BTC-15NOV23-36000-C",
            "BTC-15NOV23-36000-P",
            "BTC-15NOV23-37000-C",
            "BTC-15NOV23-37000-P")) {
      send(optionTicker(name, T0 + 100, 36_440, 55));
    }
    for (String name :
        List.of(CALL_36000, PUT_36000, "BTC-17NOV23-37000-C", "BTC-17NOV23-37000-P")) {
      send(optionTicker(name, T0 + 200, NOV17_FORWARD, 52));
    }
    watermark(T0 + 1_000);
    assertThat(lastStraddle().expiryMillis()).isEqualTo(NOV15_EXPIRY);
    assertThat(optionsInState()).hasSize(8);

    send(optionTicker(CALL_36000, NOV15_EXPIRY - 500, NOV17_FORWARD, 52));
    watermark(NOV15_EXPIRY);

    assertThat(straddles()).hasSize(2);
    assertThat(lastStraddle().timestamp()).isEqualTo(NOV15_EXPIRY);
    assertThat(lastStraddle().expiryMillis()).isEqualTo(NOV17_EXPIRY);
    assertThat(optionsInState())
        .containsExactlyInAnyOrder(
            CALL_36000, PUT_36000, "BTC-17NOV23-37000-C", "BTC-17NOV23-37000-P");
  }

  @Test
  void emitsNothingUntilBothLegsOfAStrikeHaveATicker() throws Exception {
    open(DAY);
    send(perpTop(T0 + 100, 36_499.5, 36_500, 30, 10, false));
    // The router sends no perpetual ticker here; one that comes anyway has no option terms.
    send(perpTicker(T0 + 200, 2.5e-6, 5e8, -1.2));
    watermark(T0 + 1_000);
    assertThat(straddles()).isEmpty();
    assertThat(optionsInState()).as("the perpetual is not an option").isEmpty();
    assertThat(((Counter) metrics.get("unreadableOptions")).getCount())
        .as("skipped, not failed")
        .isOne();

    send(optionTicker(CALL_36000, T0 + 1_100, NOV17_FORWARD, 52));
    send(optionTop(PUT_36000, T0 + 1_200, 0.0300, 0.0310, 7.5, 0.0313));
    watermark(T0 + 2_000);
    assertThat(straddles()).as("the put has a book but no ticker").isEmpty();
    assertThat(optionsInState()).containsExactlyInAnyOrder(CALL_36000, PUT_36000);

    send(optionTicker(PUT_36000, T0 + 2_100, NOV17_FORWARD, 53));
    watermark(T0 + 3_000);
    assertThat(straddles()).extracting(AtmStraddle::put).containsExactly(PUT_36000);
  }

  @Test
  void countsTickersWhoseDeltaDiffersFromBlack76ByMoreThanATolerance() throws Exception {
    open(DAY);
    Ticker call = optionTicker(CALL_36000, T0 + 100, NOV17_FORWARD, 52);
    Ticker put = optionTicker(PUT_36000, T0 + 200, NOV17_FORWARD, 53);
    Ticker otherCall = optionTicker("BTC-17NOV23-37000-C", T0 + 300, NOV17_FORWARD, 50.5);
    send(call);
    send(withDelta(put, put.delta() + 0.005));
    send(withDelta(otherCall, otherCall.delta() + 0.02));
    watermark(T0 + 1_000);

    assertThat(divergentTickers()).as("only the 0.02 divergence").isOne();
    assertThat(gauge("greeksDeltaDivergence"))
        .as("the largest of the tick")
        .isCloseTo(0.02, within(1e-9));
    assertThat(gauge("greeksGammaDivergence")).isCloseTo(0, within(1e-9));

    send(optionTicker(CALL_36000, T0 + 1_100, NOV17_FORWARD, 52));
    watermark(T0 + 2_000);
    assertThat(divergentTickers()).isOne();
    assertThat(gauge("greeksDeltaDivergence")).as("the latest tick's").isCloseTo(0, within(1e-9));
  }
}
