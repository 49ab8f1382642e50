package io.gammastraddle.gamma.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.labels.TradingCosts;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LabelFunctionTest {

  private static final long T0 = 1_800_000_000_000L - 1_800_000_000_000L % 60_000;
  private static final long MINUTE = 60_000;
  private static final String CALL = "BTC-9JAN27-60000-C";
  private static final String PUT = "BTC-9JAN27-60000-P";

  private static KeyedOneInputStreamOperatorTestHarness<String, UnderlyingEvent, LabelledSample>
      harness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(
            new LabelFunction(1_000, 10 * MINUTE, MINUTE, TradingCosts.deribit())),
        UnderlyingEvent::underlying,
        Types.STRING);
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, UnderlyingEvent, LabelledSample> harness,
      UnderlyingEvent event)
      throws Exception {
    harness.processElement(event, event.timestamp());
  }

  /** A vector and a straddle every minute, and a ticker of each leg every 10 seconds. */
  private static void market(
      KeyedOneInputStreamOperatorTestHarness<String, UnderlyingEvent, LabelledSample> harness,
      long from,
      long to)
      throws Exception {
    for (long t = from; t < to; t += 10_000) {
      if (t % MINUTE == 0) {
        double[] values = new double[FeatureSchema.NAMES.size()];
        Arrays.fill(values, t);
        send(
            harness,
            UnderlyingEvent.of(new FeatureVector("BTC", t, FeatureSchema.VERSION, values)));
        send(
            harness,
            UnderlyingEvent.of(
                new AtmStraddle(
                    "BTC",
                    t,
                    T0 + 100 * MINUTE * 60,
                    60_000,
                    CALL,
                    PUT,
                    60_000,
                    0.55,
                    0.06,
                    0.062,
                    0.061,
                    0.1,
                    0.0001,
                    120,
                    -80,
                    1e6,
                    150,
                    t)));
      }
      double forward = 60_000 + (t - T0) / 1_000.0;
      send(harness, UnderlyingEvent.of(ticker(CALL, t + 1, forward, 0.031, 0.55)));
      send(harness, UnderlyingEvent.of(ticker(PUT, t + 2, forward, 0.030, -0.45)));
      harness.processWatermark(new Watermark(t));
    }
  }

  private static OptionTicker ticker(
      String leg, long timestamp, double forward, double bid, double delta) {
    return new OptionTicker(
        leg, "BTC", timestamp, forward, bid + 0.0005, 55, bid, bid + 0.001, delta, 0.00005, 60, 0);
  }

  @Test
  void emitsASampleForEachCandidateOnceItsHorizonHasPassed() throws Exception {
    var harness = harness();
    harness.open();
    market(harness, T0, T0 + 15 * MINUTE);

    assertThat(harness.extractOutputValues())
        .extracting(LabelledSample::entryTime)
        .containsExactly(T0, T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE, T0 + 4 * MINUTE);
    LabelledSample first = harness.extractOutputValues().get(0);
    assertThat(first.endTime()).isEqualTo(T0 + 10 * MINUTE);
    assertThat(first.features()).containsOnly((double) T0);
    assertThat(first.marks()).isPositive();
  }

  @Test
  void aRestoredOperatorEmitsTheSamplesOfAnUninterruptedOne() throws Exception {
    var uninterrupted = harness();
    uninterrupted.open();
    market(uninterrupted, T0, T0 + 15 * MINUTE);

    var first = harness();
    first.open();
    market(first, T0, T0 + 7 * MINUTE);
    OperatorSubtaskState snapshot = first.snapshot(1, T0 + 7 * MINUTE);
    first.close();
    var restored = harness();
    restored.initializeState(snapshot);
    restored.open();
    market(restored, T0 + 7 * MINUTE, T0 + 15 * MINUTE);

    assertThat(restored.extractOutputValues())
        .containsExactlyElementsOf(uninterrupted.extractOutputValues());
  }
}
