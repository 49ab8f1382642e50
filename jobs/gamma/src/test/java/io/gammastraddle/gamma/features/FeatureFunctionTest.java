package io.gammastraddle.gamma.features;

import static io.gammastraddle.gamma.MarketEvents.T0;
import static io.gammastraddle.gamma.MarketEvents.index;
import static io.gammastraddle.gamma.MarketEvents.perpTicker;
import static io.gammastraddle.gamma.MarketEvents.perpTop;
import static io.gammastraddle.gamma.MarketEvents.straddle;
import static io.gammastraddle.gamma.MarketEvents.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.ticks.TickFunction;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.market.Trade;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamElement;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The features operator on a test harness: the decision ticks of {@link TickFunction} and the
 * features of {@link io.gammastraddle.features.UnderlyingFeatures} that each kind of input feeds.
 */
class FeatureFunctionTest {

  private static final long MINUTE = 60_000;
  private static final double MINUTES_PER_YEAR = 365 * 24 * 60;

  private final List<KeyedOneInputStreamOperatorTestHarness<String, UnderlyingEvent, FeatureVector>>
      opened = new ArrayList<>();
  private KeyedOneInputStreamOperatorTestHarness<String, UnderlyingEvent, FeatureVector> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = harness(null);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (var each : opened) {
      each.close();
    }
  }

  /** An open harness with a one-second decision interval, restored from {@code state} if given. */
  private KeyedOneInputStreamOperatorTestHarness<String, UnderlyingEvent, FeatureVector> harness(
      OperatorSubtaskState state) throws Exception {
    var created =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new FeatureFunction(1_000)),
            UnderlyingEvent::underlying,
            Types.STRING);
    opened.add(created);
    if (state != null) {
      created.initializeState(state);
    }
    created.open();
    return created;
  }

  private void send(BookTop top) throws Exception {
    send(harness, UnderlyingEvent.of(top));
  }

  private void send(Trade trade) throws Exception {
    send(harness, UnderlyingEvent.of(trade));
  }

  private void send(IndexPrice index) throws Exception {
    send(harness, UnderlyingEvent.of(index));
  }

  private void send(Ticker ticker) throws Exception {
    send(harness, UnderlyingEvent.of(ticker));
  }

  private void send(AtmStraddle straddle) throws Exception {
    send(harness, UnderlyingEvent.of(straddle));
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, UnderlyingEvent, FeatureVector> target,
      UnderlyingEvent event)
      throws Exception {
    target.processElement(event, event.timestamp());
  }

  private void watermark(long timestamp) throws Exception {
    harness.processWatermark(new Watermark(timestamp));
  }

  private List<FeatureVector> vectors() {
    return harness.extractOutputValues();
  }

  private FeatureVector lastVector() {
    List<FeatureVector> vectors = vectors();
    return vectors.get(vectors.size() - 1);
  }

  /** The ticks whose events wait in keyed state. */
  private List<Long> pendingTicks() throws Exception {
    harness.getOperator().setCurrentKey("BTC");
    MapState<Long, List<UnderlyingEvent>> pending =
        harness
            .getOperator()
            .getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, TickFunction.PENDING);
    List<Long> ticks = new ArrayList<>();
    pending.keys().forEach(ticks::add);
    return ticks;
  }

  @Test
  void emitsOneVectorPerTickWithTheBookAndTradeFeatures() throws Exception {
    send(perpTop(T0 + 100, 100, 101, 30, 10, false));
    send(trade(T0 + 200, 100, 1));
    send(trade(T0 + 300, 103, 2));
    watermark(T0 + 1_000);

    assertThat(vectors()).hasSize(1);
    FeatureVector vector = vectors().get(0);
    assertThat(vector.underlying()).isEqualTo("BTC");
    assertThat(vector.timestamp()).isEqualTo(T0 + 1_000);
    assertThat(vector.schemaVersion()).isEqualTo(2);
    assertThat(vector.values()).hasSize(FeatureSchema.NAMES.size());
    assertThat(vector.value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo((30 - 10) / 40.0);
    double vwap = (100 * 1 + 103 * 2) / 3.0;
    assertThat(vector.value(FeatureSchema.VWAP_DEV)).isCloseTo((103 - vwap) / vwap, within(1e-12));
    assertThat(vector.value(FeatureSchema.PRICE_VWAP_DEV))
        .as("perpetual mid against the hour's VWAP")
        .isCloseTo((100.5 - vwap) / vwap, within(1e-12));
    assertThat(vector.value(FeatureSchema.VOLUME_24H))
        .as("the trades' USD amounts, with no ticker yet")
        .isEqualTo(3);
    assertThat(vector.value(FeatureSchema.REALIZED_VOL)).isNaN();
    assertThat(vector.value(FeatureSchema.BASIS_PCT)).as("no index yet").isNaN();
    assertThat(vector.value(FeatureSchema.SPREAD)).as("no straddle yet").isNaN();
    assertThat(harness.numEventTimeTimers()).as("no tick without newer events").isZero();
    assertThat(pendingTicks()).isEmpty();
  }

  @Test
  void keepsEventsStampedAfterThePendingTickOutOfIt() throws Exception {
    send(perpTop(T0 + 100, 100, 101, 30, 10, false));
    send(perpTop(T0 + 1_100, 200, 201, 10, 30, false));
    watermark(T0 + 1_000);

    assertThat(vectors()).hasSize(1);
    assertThat(pendingTicks()).containsExactly(T0 + 2_000);
    assertThat(harness.numEventTimeTimers()).isOne();

    watermark(T0 + 2_000);
    assertThat(vectors())
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 2_000);
    assertThat(vectors().get(0).value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo(0.5);
    assertThat(vectors().get(1).value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo(-0.5);
    assertThat(pendingTicks()).isEmpty();
  }

  @Test
  void emitsOneVectorAfterAJumpInEventTime() throws Exception {
    send(index(T0 + 100, 50_000));
    watermark(T0 + 3_600_000);

    assertThat(vectors()).hasSize(1);
    assertThat(harness.numEventTimeTimers()).isZero();

    send(index(T0 + 3_600_500, 50_100));
    watermark(T0 + 3_601_000);
    assertThat(vectors())
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 3_601_000);
  }

  @Test
  void emitsAVectorForEveryIntervalWithEventsEvenWhenTheWatermarkJumps() throws Exception {
    for (int i = 0; i < 5; i++) {
      send(trade(T0 + 500 + i * 1_000L, 100 + i, 1));
    }
    watermark(T0 + 10_000);

    assertThat(vectors())
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 2_000, T0 + 3_000, T0 + 4_000, T0 + 5_000);
    assertThat(vectors())
        .extracting(v -> v.value(FeatureSchema.VOLUME_24H))
        .as("each vector sees the trades up to its tick only")
        .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
  }

  @Test
  void givesEachEventItsOwnTickWhateverOrderTheyArriveIn() throws Exception {
    send(trade(T0 + 1_100, 100, 1));
    send(perpTop(T0 + 100, 100, 101, 30, 10, false));
    watermark(T0 + 2_000);

    List<FeatureVector> vectors = vectors();
    assertThat(vectors)
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 2_000);
    assertThat(vectors.get(0).value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo(0.5);
    assertThat(vectors.get(0).value(FeatureSchema.VWAP_DEV)).as("the trade is later").isNaN();
    assertThat(vectors.get(1).value(FeatureSchema.VWAP_DEV)).isZero();
  }

  @Test
  void computesTheSameVectorWhateverOrderTheInputsOfATickArriveIn() throws Exception {
    List<UnderlyingEvent> events =
        List.of(
            UnderlyingEvent.of(perpTop(T0 + 100, 36_499.5, 36_500, 30, 10, false)),
            UnderlyingEvent.of(trade(T0 + 200, 36_500, 1_000)),
            UnderlyingEvent.of(index(T0 + 300, 36_480)),
            UnderlyingEvent.of(perpTicker(T0 + 400, 2.5e-6, 5e8, -1.2)),
            UnderlyingEvent.of(straddle(T0 + 500, 0.52, 0.054, 0.056, 700_000, 250)));
    var reversed = harness(null);
    for (int i = 0; i < events.size(); i++) {
      send(harness, events.get(i));
      send(reversed, events.get(events.size() - 1 - i));
    }
    watermark(T0 + 1_000);
    reversed.processWatermark(new Watermark(T0 + 1_000));

    FeatureVector vector = vectors().get(0);
    assertThat(reversed.extractOutputValues()).containsExactly(vector);
    for (String name :
        List.of(
            FeatureSchema.BOOK_IMBALANCE,
            FeatureSchema.VWAP_DEV,
            FeatureSchema.PRICE_VWAP_DEV,
            FeatureSchema.FUNDING_RATE,
            FeatureSchema.PRICE_CHANGE_24H,
            FeatureSchema.SPREAD,
            FeatureSchema.MARKET_IMPACT)) {
      assertThat(vector.value(name)).as(name).isFinite();
    }
  }

  @Test
  void appliesALateEventToTheNextVector() throws Exception {
    send(perpTop(T0 + 100, 100, 101, 30, 10, false));
    watermark(T0 + 1_000);
    send(perpTop(T0 + 900, 200, 201, 10, 30, false));
    assertThat(pendingTicks()).as("applied at once, not held").isEmpty();
    watermark(T0 + 2_000);

    List<FeatureVector> vectors = vectors();
    assertThat(vectors)
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 2_000);
    assertThat(vectors.get(0).value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo(0.5);
    assertThat(vectors.get(1).value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo(-0.5);
  }

  @Test
  void clearsBookFeaturesWhileTheBookIsStale() throws Exception {
    send(perpTop(T0 + 100, 100, 101, 30, 10, false));
    send(trade(T0 + 200, 100, 1));
    send(perpTop(T0 + 1_100, 100, 101, 30, 10, true));
    send(perpTop(T0 + 2_100, 100, 101, 30, 10, false));
    watermark(T0 + 3_000);

    List<FeatureVector> vectors = vectors();
    assertThat(vectors).hasSize(3);
    assertThat(vectors.get(0).value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo(0.5);
    assertThat(vectors.get(0).value(FeatureSchema.PRICE_VWAP_DEV)).isCloseTo(0.005, within(1e-12));
    assertThat(vectors.get(1).value(FeatureSchema.BOOK_IMBALANCE)).isNaN();
    assertThat(vectors.get(1).value(FeatureSchema.PRICE_VWAP_DEV)).isNaN();
    assertThat(vectors.get(1).value(FeatureSchema.VWAP_DEV)).as("trades still count").isZero();
    assertThat(vectors.get(2).value(FeatureSchema.BOOK_IMBALANCE)).as("recovered").isEqualTo(0.5);
  }

  @Test
  void clearsBookFeaturesOnceTheBookFallsSilent() throws Exception {
    send(perpTop(T0 + 100, 100, 101, 30, 10, false));
    send(index(T0 + 4_500, 100));
    send(index(T0 + 5_500, 100));
    watermark(T0 + 6_000);

    assertThat(vectors())
        .extracting(v -> v.value(FeatureSchema.BOOK_IMBALANCE))
        .as("0.9 s, 4.9 s and 5.9 s after the book's last update")
        .containsExactly(0.5, 0.5, Double.NaN);
  }

  @Test
  void computesRealizedVolatilityAndMomentumFromMinuteClosesOfTheIndex() throws Exception {
    // The price of minute i + 1 closes minute i; the first close has no return before it.
    double[] prices = {100, 101, 100, 102, 101, 103};
    for (int i = 0; i < prices.length; i++) {
      send(index(T0 + i * MINUTE, prices[i]));
    }
    watermark(T0 + 5 * MINUTE);

    double sumSquares = 0;
    for (int i = 1; i < 5; i++) {
      double r = Math.log(prices[i] / prices[i - 1]);
      sumSquares += r * r;
    }
    double perMinute = Math.sqrt(sumSquares / 4);
    List<FeatureVector> vectors = vectors();
    assertThat(vectors).hasSize(6);
    assertThat(vectors.get(2).value(FeatureSchema.REALIZED_VOL)).as("one return").isNaN();
    assertThat(vectors.get(3).value(FeatureSchema.REALIZED_VOL)).as("two returns").isFinite();
    FeatureVector last = vectors.get(5);
    assertThat(last.value(FeatureSchema.REALIZED_VOL))
        .isCloseTo(perMinute * Math.sqrt(MINUTES_PER_YEAR), within(1e-9));
    assertThat(last.value(FeatureSchema.REALIZED_VOL_24H))
        .isCloseTo(perMinute * Math.sqrt(MINUTES_PER_YEAR), within(1e-9));
    assertThat(last.value(FeatureSchema.MOMENTUM))
        .as("only the 5-minute horizon has history")
        .isCloseTo(Math.log(103.0 / 100) / (perMinute * Math.sqrt(5)), within(1e-9));
  }

  @Test
  void takesFundingVolumeAndPriceChangeFromThePerpetualsTicker() throws Exception {
    // funding_8h, stats.volume_usd and stats.price_change of the real BTC-PERPETUAL ticker in
    // fixtures/deribit/ws_ticker_perpetual_100ms.json, line 1.
    send(perpTicker(T0 + 100, 0.00000255, 545442610.0, -5.4014));
    send(trade(T0 + 200, 29_931, 1_000));
    watermark(T0 + 1_000);

    FeatureVector vector = vectors().get(0);
    assertThat(vector.value(FeatureSchema.FUNDING_RATE)).isEqualTo(0.00000255);
    assertThat(vector.value(FeatureSchema.VOLUME_24H))
        .as("Deribit's figure until the job has seen 24 h of trades")
        .isEqualTo(545442610.0);
    assertThat(vector.value(FeatureSchema.PRICE_CHANGE_24H)).isCloseTo(-0.054014, within(1e-15));
  }

  @Test
  void takesTheStraddleFeaturesFromTheLatestStraddleUntilItGetsOld() throws Exception {
    send(straddle(T0 + 300, 0.525, 0.054, 0.056, 729_600, 267.857));
    send(index(T0 + 29_500, 36_480));
    send(index(T0 + 31_500, 36_480));
    watermark(T0 + 32_000);

    List<FeatureVector> vectors = vectors();
    assertThat(vectors)
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 30_000, T0 + 32_000);
    double spread = 0.002 / 0.055;
    for (FeatureVector fresh : vectors.subList(0, 2)) {
      assertThat(fresh.value(FeatureSchema.SPREAD)).isCloseTo(spread, within(1e-12));
      assertThat(fresh.value(FeatureSchema.LIQUIDITY_SCORE))
          .isCloseTo(Math.log1p(729_600) / (1 + 100 * spread), within(1e-12));
      assertThat(fresh.value(FeatureSchema.MARKET_IMPACT)).isEqualTo(267.857);
      assertThat(fresh.value(FeatureSchema.VOL_PCT)).as("fewer than 60 samples").isNaN();
    }
    FeatureVector old = vectors.get(2);
    assertThat(old.value(FeatureSchema.SPREAD)).as("31.7 s old").isNaN();
    assertThat(old.value(FeatureSchema.LIQUIDITY_SCORE)).isNaN();
    assertThat(old.value(FeatureSchema.MARKET_IMPACT)).isNaN();
  }

  @Test
  void ranksTheImpliedVolatilityOnceSixtyTicksHaveSamples() throws Exception {
    for (int i = 0; i < 60; i++) {
      // 3% apart: each volatility lands in a bin of its own
      send(straddle(T0 + i * 1_000L + 500, 0.30 * Math.pow(1.03, i), 0.054, 0.056, 729_600, 250));
    }
    watermark(T0 + 60_000);

    List<FeatureVector> vectors = vectors();
    assertThat(vectors).hasSize(60);
    assertThat(vectors.get(58).value(FeatureSchema.VOL_PCT)).as("59 samples").isNaN();
    assertThat(vectors.get(58).value(FeatureSchema.GAMMA_PCT)).isNaN();
    assertThat(vectors.get(59).value(FeatureSchema.VOL_PCT))
        .as("the highest of 60 rising volatilities")
        .isBetween(59 / 60.0, 1.0);
    assertThat(vectors.get(59).value(FeatureSchema.GAMMA_PCT)).isBetween(0.0, 1.0);
  }

  @Test
  void emitsAfterARestoreTheVectorsOfAnUninterruptedRun() throws Exception {
    play(harness, busyMarket(T0, T0 + 4 * MINUTE));
    OperatorSubtaskState checkpoint = harness.snapshot(1, T0 + 4 * MINUTE);
    int vectorsBefore = vectors().size();
    assertThat(pendingTicks()).as("the checkpoint holds events of unfired ticks").hasSize(2);

    var restored = harness(checkpoint);
    List<StreamElement> rest = busyMarket(T0 + 4 * MINUTE, T0 + 8 * MINUTE);
    play(harness, rest);
    play(restored, rest);

    List<FeatureVector> uninterrupted = vectors().subList(vectorsBefore, vectors().size());
    assertThat(uninterrupted).hasSize(240);
    assertThat(restored.extractOutputValues()).containsExactlyElementsOf(uninterrupted);
    FeatureVector last = lastVector();
    assertThat(FeatureSchema.NAMES)
        .as("every feature took part")
        .allSatisfy(name -> assertThat(last.value(name)).as(name).isFinite());
  }

  @Test
  void treatsAnEventOfAnEmittedTickAsLateAfterARestoreAsTheUninterruptedRunDoes() throws Exception {
    send(perpTop(T0 + 100, 100, 101, 30, 10, false));
    send(perpTop(T0 + 1_100, 100, 101, 30, 10, false));
    watermark(T0 + 2_000);
    OperatorSubtaskState checkpoint = harness.snapshot(1, T0 + 2_000);
    int vectorsBefore = vectors().size();

    // The restored operator has seen no watermark yet, but the tick of T0 + 1.5 s was emitted.
    var restored = harness(checkpoint);
    for (var target : List.of(harness, restored)) {
      send(target, UnderlyingEvent.of(perpTop(T0 + 1_500, 100, 101, 10, 30, false)));
      send(target, UnderlyingEvent.of(perpTop(T0 + 2_500, 100, 101, 20, 20, false)));
      target.processWatermark(new Watermark(T0 + 3_000));
    }

    List<FeatureVector> uninterrupted = vectors().subList(vectorsBefore, vectors().size());
    assertThat(uninterrupted).extracting(FeatureVector::timestamp).containsExactly(T0 + 3_000);
    assertThat(restored.extractOutputValues()).containsExactlyElementsOf(uninterrupted);
  }

  private static void play(
      KeyedOneInputStreamOperatorTestHarness<String, UnderlyingEvent, FeatureVector> target,
      List<StreamElement> elements)
      throws Exception {
    for (StreamElement element : elements) {
      if (element.isWatermark()) {
        target.processWatermark(element.asWatermark());
      } else {
        StreamRecord<UnderlyingEvent> record = element.asRecord();
        target.processElement(record.getValue(), record.getTimestamp());
      }
    }
  }

  /**
   * Every kind of input over [from, to): a perpetual book and trade every 250 ms, the index every
   * 500 ms, a straddle every 2 s and the perpetual's ticker every 5 s, on a wavy price; the
   * watermark trails event time by a second, so the ticks of the last second are always pending.
   */
  private static List<StreamElement> busyMarket(long from, long to) {
    List<StreamElement> elements = new ArrayList<>();
    for (long t = from; t < to; t += 250) {
      long step = (t - T0) / 250;
      double mid = 36_500 * Math.exp(0.002 * Math.sin(step / 17.0) + 0.001 * Math.cos(step / 5.0));
      add(
          elements,
          UnderlyingEvent.of(perpTop(t, mid - 0.25, mid + 0.25, 100 + step % 7, 120, false)));
      add(
          elements,
          UnderlyingEvent.of(trade(t + 50, mid + (step % 2 == 0 ? 0.25 : -0.25), 10 + step % 5)));
      if (step % 2 == 0) {
        add(elements, UnderlyingEvent.of(index(t + 100, mid - 15)));
      }
      if (step % 8 == 0) {
        double iv = 0.5 + 0.05 * Math.sin(step / 30.0);
        add(
            elements,
            UnderlyingEvent.of(straddle(t + 200, iv, 0.054, 0.056 + iv / 100, 700_000, 250)));
      }
      if (step % 20 == 0) {
        add(elements, UnderlyingEvent.of(perpTicker(t + 150, 2.5e-6, 5e8, -1.2)));
      }
      if (t % 1_000 == 0) {
        elements.add(new Watermark(t - 1_000));
      }
    }
    return elements;
  }

  private static void add(List<StreamElement> elements, UnderlyingEvent event) {
    elements.add(new StreamRecord<>(event, event.timestamp()));
  }
}
