package io.gammastraddle.gamma.decode;

import static io.gammastraddle.gamma.MarketEvents.T0;
import static io.gammastraddle.gamma.MarketEvents.index;
import static io.gammastraddle.gamma.MarketEvents.levels;
import static io.gammastraddle.gamma.MarketEvents.optionTicker;
import static io.gammastraddle.gamma.MarketEvents.perpTicker;
import static io.gammastraddle.gamma.MarketEvents.snapshot;
import static io.gammastraddle.gamma.MarketEvents.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.DeadLetter;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.MarketEvent;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.market.Trade;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketRouterTest {

  private OneInputStreamOperatorTestHarness<MarketEvent, BookUpdate> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = ProcessFunctionTestHarnesses.forProcessFunction(new MarketRouter());
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void send(MarketEvent event, long timestamp) throws Exception {
    harness.processElement(event, timestamp);
  }

  private <T> List<StreamRecord<T>> side(OutputTag<T> tag) {
    var records = harness.getSideOutput(tag);
    return records == null ? List.of() : List.copyOf(records);
  }

  @Test
  void sendsBookUpdatesToTheBooksOnly() throws Exception {
    BookUpdate book = snapshot(1, T0, levels(100, 1), levels(101, 1));
    send(MarketEvent.of(book), T0);

    assertThat(harness.extractOutputValues())
        .as("a copy, since the harness serializes what it collects")
        .singleElement()
        .usingRecursiveComparison()
        .isEqualTo(book);
    assertThat(side(MarketRouter.CHAIN_INPUTS)).isEmpty();
    assertThat(side(MarketRouter.FEATURE_INPUTS)).isEmpty();
    assertThat(side(MarketRouter.DEAD_LETTERS)).isEmpty();
  }

  @Test
  void sendsTheChainPartOfOptionTickersToTheChainWithTheirEventTime() throws Exception {
    Ticker option = optionTicker("BTC-17NOV23-36000-C", T0 + 5, 36_480, 52);
    send(MarketEvent.of(option), T0 + 5);

    assertThat(side(MarketRouter.CHAIN_INPUTS))
        .containsExactly(new StreamRecord<>(UnderlyingEvent.of(OptionTicker.of(option)), T0 + 5));
    assertThat(side(MarketRouter.FEATURE_INPUTS)).isEmpty();
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void sendsTradesIndexPricesAndTheOtherTickersToTheFeatures() throws Exception {
    Trade trade = trade(T0 + 1, 36_500, 10);
    IndexPrice index = index(T0 + 2, 36_480);
    Ticker perpetual = perpTicker(T0 + 3, 2.5e-6, 5e8, -1.2);
    send(MarketEvent.of(trade), T0 + 1);
    send(MarketEvent.of(index), T0 + 2);
    send(MarketEvent.of(perpetual), T0 + 3);

    assertThat(side(MarketRouter.FEATURE_INPUTS))
        .containsExactly(
            new StreamRecord<>(UnderlyingEvent.of(trade), T0 + 1),
            new StreamRecord<>(UnderlyingEvent.of(index), T0 + 2),
            new StreamRecord<>(UnderlyingEvent.of(perpetual), T0 + 3));
    assertThat(side(MarketRouter.CHAIN_INPUTS)).isEmpty();
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void sendsDeadLettersToTheirOwnOutput() throws Exception {
    DeadLetter letter = new DeadLetter("deribit.market.raw", 0, 42, "empty value", "");
    send(MarketEvent.of(letter), T0);

    assertThat(side(MarketRouter.DEAD_LETTERS))
        .extracting(StreamRecord::getValue)
        .containsExactly(letter);
    assertThat(side(MarketRouter.CHAIN_INPUTS)).isEmpty();
    assertThat(side(MarketRouter.FEATURE_INPUTS)).isEmpty();
    assertThat(harness.extractOutputValues()).isEmpty();
  }
}
