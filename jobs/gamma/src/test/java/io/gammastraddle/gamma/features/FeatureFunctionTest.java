package io.gammastraddle.gamma.features;

import static io.gammastraddle.gamma.MarketEvents.T0;
import static io.gammastraddle.gamma.MarketEvents.index;
import static io.gammastraddle.gamma.MarketEvents.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.MarketEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureFunctionTest {

  private KeyedTwoInputStreamOperatorTestHarness<String, BookTop, MarketEvent, FeatureVector>
      harness;

  @BeforeEach
  void setUp() throws Exception {
    harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new FeatureFunction(1_000)),
            BookTop::underlying,
            MarketEvent::underlying,
            Types.STRING);
    harness.open();
  }

  private static BookTop top(long timestamp, double bid, double ask, boolean stale) {
    return new BookTop(
        "BTC-PERPETUAL", "BTC", InstrumentKind.PERPETUAL, timestamp, bid, 1, ask, 1, 30, 10, stale);
  }

  private void send(BookTop top) throws Exception {
    harness.processElement1(top, top.timestamp());
  }

  private void send(MarketEvent event) throws Exception {
    harness.processElement2(event, event.timestamp());
  }

  @Test
  void emitsOneVectorPerTickWithTheBookAndTradeFeatures() throws Exception {
    send(top(T0 + 100, 100, 101, false));
    send(MarketEvent.of(trade(T0 + 200, 100, 1)));
    send(MarketEvent.of(trade(T0 + 300, 103, 2)));
    harness.processBothWatermarks(new Watermark(T0 + 1_000));

    List<FeatureVector> vectors = harness.extractOutputValues();
    assertThat(vectors).hasSize(1);
    FeatureVector vector = vectors.get(0);
    assertThat(vector.underlying()).isEqualTo("BTC");
    assertThat(vector.timestamp()).isEqualTo(T0 + 1_000);
    assertThat(vector.schemaVersion()).isEqualTo(FeatureSchema.VERSION);
    assertThat(vector.value(FeatureSchema.PERP_MID)).isEqualTo(100.5);
    assertThat(vector.value(FeatureSchema.PERP_SPREAD)).isCloseTo(1 / 100.5, within(1e-12));
    assertThat(vector.value(FeatureSchema.BOOK_IMBALANCE)).isEqualTo(0.5);
    double vwap = (100 * 1 + 103 * 2) / 3.0;
    assertThat(vector.value(FeatureSchema.VWAP_DEV_1M))
        .isCloseTo((103 - vwap) / vwap, within(1e-12));
    assertThat(vector.value(FeatureSchema.REALIZED_VOL)).isNaN();
    assertThat(harness.numEventTimeTimers()).as("no tick without newer events").isZero();
  }

  @Test
  void keepsEventsStampedAfterThePendingTickOutOfIt() throws Exception {
    send(top(T0 + 100, 100, 101, false));
    send(top(T0 + 1_100, 200, 201, false));
    harness.processBothWatermarks(new Watermark(T0 + 1_000));
    harness.processBothWatermarks(new Watermark(T0 + 2_000));

    List<FeatureVector> vectors = harness.extractOutputValues();
    assertThat(vectors)
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 2_000);
    assertThat(vectors.get(0).value(FeatureSchema.PERP_MID)).isEqualTo(100.5);
    assertThat(vectors.get(1).value(FeatureSchema.PERP_MID)).isEqualTo(200.5);
  }

  @Test
  void emitsOneVectorAfterAJumpInEventTime() throws Exception {
    send(MarketEvent.of(index(T0 + 100, 50_000)));
    harness.processBothWatermarks(new Watermark(T0 + 3_600_000));

    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.numEventTimeTimers()).isZero();

    send(MarketEvent.of(index(T0 + 3_600_500, 50_100)));
    harness.processBothWatermarks(new Watermark(T0 + 3_601_000));
    assertThat(harness.extractOutputValues())
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 3_601_000);
  }

  @Test
  void emitsAVectorForEveryIntervalWithEventsEvenWhenTheWatermarkJumps() throws Exception {
    for (int i = 0; i < 5; i++) {
      send(MarketEvent.of(trade(T0 + 500 + i * 1_000L, 100 + i, 1)));
    }
    harness.processBothWatermarks(new Watermark(T0 + 10_000));

    assertThat(harness.extractOutputValues())
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 2_000, T0 + 3_000, T0 + 4_000, T0 + 5_000);
  }

  @Test
  void givesEachEventItsOwnTickWhateverOrderTheInputsArriveIn() throws Exception {
    send(MarketEvent.of(trade(T0 + 1_100, 100, 1)));
    send(top(T0 + 100, 100, 101, false));
    harness.processBothWatermarks(new Watermark(T0 + 2_000));

    List<FeatureVector> vectors = harness.extractOutputValues();
    assertThat(vectors)
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 2_000);
    assertThat(vectors.get(0).value(FeatureSchema.PERP_MID)).isEqualTo(100.5);
    assertThat(vectors.get(0).value(FeatureSchema.VWAP_DEV_1M)).as("the trade is later").isNaN();
    assertThat(vectors.get(1).value(FeatureSchema.VWAP_DEV_1M)).isZero();
  }

  @Test
  void appliesALateEventToTheNextVector() throws Exception {
    send(top(T0 + 100, 100, 101, false));
    harness.processBothWatermarks(new Watermark(T0 + 1_000));
    send(top(T0 + 900, 200, 201, false));
    harness.processBothWatermarks(new Watermark(T0 + 2_000));

    List<FeatureVector> vectors = harness.extractOutputValues();
    assertThat(vectors)
        .extracting(FeatureVector::timestamp)
        .containsExactly(T0 + 1_000, T0 + 2_000);
    assertThat(vectors.get(1).value(FeatureSchema.PERP_MID)).isEqualTo(200.5);
  }

  @Test
  void clearsBookFeaturesWhileTheBookIsStale() throws Exception {
    send(top(T0 + 100, 100, 101, true));
    harness.processBothWatermarks(new Watermark(T0 + 1_000));

    FeatureVector vector = harness.extractOutputValues().get(0);
    assertThat(vector.value(FeatureSchema.PERP_MID)).isNaN();
    assertThat(vector.value(FeatureSchema.BOOK_IMBALANCE)).isNaN();
  }

  @Test
  void computesRealizedVolatilityFromIndexSamples() throws Exception {
    // The price at T0 + 5 s closes the sample of T0 + 4 s; the tick at T0 + 5 s sees 4 returns.
    double[] prices = {100, 101, 100, 102, 101, 500};
    for (int i = 0; i < prices.length; i++) {
      send(MarketEvent.of(index(T0 + i * 1_000L, prices[i])));
    }
    harness.processBothWatermarks(new Watermark(T0 + 5_000));

    double sumSquares = 0;
    for (int i = 1; i < 5; i++) {
      double r = Math.log(prices[i] / prices[i - 1]);
      sumSquares += r * r;
    }
    double expected = Math.sqrt(sumSquares / 4 * 365 * 24 * 3600);
    List<FeatureVector> vectors = harness.extractOutputValues();
    assertThat(vectors.get(vectors.size() - 1).value(FeatureSchema.REALIZED_VOL))
        .isCloseTo(expected, within(1e-9));
  }
}
