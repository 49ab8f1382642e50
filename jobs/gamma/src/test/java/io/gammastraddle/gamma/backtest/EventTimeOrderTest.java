package io.gammastraddle.gamma.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.MarketEvents;
import io.gammastraddle.gamma.scoring.PredictionEvent;
import io.gammastraddle.gamma.strategy.StrategyInput;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The strategy's inputs wait for the watermark and leave in event-time order: by time, then kind,
 * then instrument, ties in arrival order; late ones pass at once.
 */
class EventTimeOrderTest {

  private static final String OPTION = "BTC-27MAR26-100000-C";

  private final List<KeyedOneInputStreamOperatorTestHarness<String, StrategyInput, StrategyInput>>
      opened = new ArrayList<>();
  private KeyedOneInputStreamOperatorTestHarness<String, StrategyInput, StrategyInput> harness;

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

  @Test
  void inputsWaitForTheWatermarkThenLeaveByTimeThenKind() throws Exception {
    StrategyInput index30 = index(30);
    StrategyInput prediction10 = prediction(10);
    StrategyInput top10 = perpTop(10, 36_000);
    StrategyInput index20 = index(20);
    for (StrategyInput input : List.of(index30, prediction10, top10, index20)) {
      send(harness, input);
    }
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processWatermark(25);
    assertThat(harness.extractOutputValues()).containsExactly(top10, prediction10, index20);

    harness.processWatermark(40);
    assertThat(harness.extractOutputValues())
        .containsExactly(top10, prediction10, index20, index30);
  }

  @Test
  void anInputBehindTheWatermarkPassesAtOnce() throws Exception {
    StrategyInput waiting = index(50);
    send(harness, waiting);
    harness.processWatermark(40);

    StrategyInput late = prediction(35);
    send(harness, late);

    assertThat(harness.extractOutputValues()).containsExactly(late);
  }

  @Test
  void atEqualTimeAndKindInstrumentsComeInNameOrderAndEqualOnesInArrivalOrder() throws Exception {
    StrategyInput perpFirst = perpTop(10, 36_000);
    StrategyInput option =
        StrategyInput.of(UnderlyingEvent.of(MarketEvents.staleOptionTop(OPTION, 10)));
    StrategyInput perpSecond = perpTop(10, 36_001);
    StrategyInput perpThird = perpTop(10, 35_999);
    for (StrategyInput input : List.of(perpFirst, option, perpSecond, perpThird)) {
      send(harness, input);
    }

    harness.processWatermark(10);

    // "BTC-27MAR26-..." sorts before "BTC-PERPETUAL"; the perpetual's tops keep their order.
    assertThat(harness.extractOutputValues())
        .containsExactly(option, perpFirst, perpSecond, perpThird);
  }

  @Test
  void waitingInputsSurviveARestore() throws Exception {
    StrategyInput prediction10 = prediction(10);
    StrategyInput top10 = perpTop(10, 36_000);
    send(harness, prediction10);
    send(harness, top10);
    OperatorSubtaskState snapshot = harness.snapshot(1, 5);

    var restored = harness(snapshot);
    restored.processWatermark(10);

    assertThat(restored.extractOutputValues()).containsExactly(top10, prediction10);
  }

  private KeyedOneInputStreamOperatorTestHarness<String, StrategyInput, StrategyInput> harness(
      OperatorSubtaskState state) throws Exception {
    var created =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new EventTimeOrder()),
            StrategyInput::underlying,
            Types.STRING);
    opened.add(created);
    if (state != null) {
      created.initializeState(state);
    }
    created.open();
    return created;
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, StrategyInput, StrategyInput> harness,
      StrategyInput input)
      throws Exception {
    long time =
        input.market() != null ? input.market().timestamp() : input.prediction().timestamp();
    harness.processElement(input, time);
  }

  private static StrategyInput index(long time) {
    return StrategyInput.of(UnderlyingEvent.of(MarketEvents.index(time, 36_000 + time)));
  }

  /** The perpetual's top, told apart by its bid. */
  private static StrategyInput perpTop(long time, double bid) {
    return StrategyInput.of(
        UnderlyingEvent.of(MarketEvents.perpTop(time, bid, bid + 0.5, 1e6, 1e6, false)));
  }

  private static StrategyInput prediction(long time) {
    return StrategyInput.of(
        new PredictionEvent(
            "BTC", time, 0.05, 0.3, 0.1, 0.05, 1, "v1", false, "", 0, 0, null, null, null));
  }
}
