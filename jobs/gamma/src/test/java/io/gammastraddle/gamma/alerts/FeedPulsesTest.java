package io.gammastraddle.gamma.alerts;

import static io.gammastraddle.gamma.MarketEvents.T0;
import static io.gammastraddle.gamma.MarketEvents.index;
import static io.gammastraddle.gamma.MarketEvents.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.market.IndexPrice;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class FeedPulsesTest {

  @Test
  void pulsesAtMostOnceASecondPerUnderlyingOnTheProcessingClock() throws Exception {
    try (OneInputStreamOperatorTestHarness<UnderlyingEvent, Signal> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new FeedPulses())) {
      long now = 5_000;
      for (int i = 0; i < 100; i++) {
        harness.setProcessingTime(now + i * 25); // 100 events over 2.5 s, event time irrelevant
        harness.processElement(UnderlyingEvent.of(trade(T0 + i, 36_000, 1)), T0 + i);
        harness.processElement(
            UnderlyingEvent.of(new IndexPrice("eth_usd", "ETH", T0, 2_000, 0)), T0);
      }
      harness.processElement(UnderlyingEvent.of(index(T0, 36_000)), T0);

      assertThat(harness.extractOutputValues())
          .containsExactly(
              new Signal(Signal.Kind.FEED_PULSE, "BTC", now, ""),
              new Signal(Signal.Kind.FEED_PULSE, "ETH", now, ""),
              new Signal(Signal.Kind.FEED_PULSE, "BTC", now + 1_000, ""),
              new Signal(Signal.Kind.FEED_PULSE, "ETH", now + 1_000, ""),
              new Signal(Signal.Kind.FEED_PULSE, "BTC", now + 2_000, ""),
              new Signal(Signal.Kind.FEED_PULSE, "ETH", now + 2_000, ""));
    }
  }
}
