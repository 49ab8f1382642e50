package io.gammastraddle.orders;

import static io.gammastraddle.orders.Books.levels;
import static io.gammastraddle.orders.Books.orderBook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.book.OrderBook;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitterTest {

  private static final InstrumentRules CALL = InstrumentRules.option("BTC", "BTC-9JAN27-60000-C");

  /** Asks within a cap of 0.032: 1.5 + 4 = 5.5; bids at or above 0.0295: 2 + 5 = 7. */
  private static final OrderBook BOOK =
      orderBook(
          0, levels(0.0300, 2, 0.0295, 5, 0.0290, 10), levels(0.0310, 1.5, 0.0315, 4, 0.0325, 10));

  @Test
  void eachChildIsAtMostTheShareOfTheVisibleDepth() {
    Split split = new Splitter(0.25, 4).split(CALL, Side.BUY, 3.0, BOOK, 0.032);
    // largest child 0.25 * 5.5 = 1.375 -> 1.3; 3.0 = 1.3 + 1.3 + 0.4
    assertThat(split.children()).containsExactly(1.3, 1.3, 0.4);
    assertThat(split.remainder()).isEqualTo(0.0);
    assertThat(split.visibleDepth()).isEqualTo(5.5);
  }

  @Test
  void whatTheVisibleDepthCannotAbsorbIsReported() {
    Split split = new Splitter(0.5, 4).split(CALL, Side.BUY, 8.0, BOOK, 0.032);
    // largest 0.5 * 5.5 = 2.75 -> 2.7; all children together at most 5.5: 2.7 + 2.7 + 0.1
    assertThat(split.children()).containsExactly(2.7, 2.7, 0.1);
    // 8.0 - 5.5 = 2.5
    assertThat(split.remainder()).isEqualTo(2.5);
  }

  @Test
  void theChildLimitLeavesTheRestAsRemainder() {
    Split split = new Splitter(0.25, 2).split(CALL, Side.BUY, 3.0, BOOK, 0.032);
    // two children of 1.3; 3.0 - 2.6 = 0.4 left
    assertThat(split.children()).containsExactly(1.3, 1.3);
    assertThat(split.remainder()).isEqualTo(0.4);
  }

  @Test
  void depthTooThinForOneMinimumChildGivesNoChildren() {
    OrderBook thin = orderBook(0, levels(0.03, 1), levels(0.031, 0.3, 0.0335, 10));
    Split split = new Splitter(0.25, 4).split(CALL, Side.BUY, 1.0, thin, 0.032);
    // only 0.3 within the cap; 0.25 * 0.3 = 0.075 is below the 0.1 minimum
    assertThat(split.isEmpty()).isTrue();
    assertThat(split.remainder()).isEqualTo(1.0);
    assertThat(split.visibleDepth()).isEqualTo(0.3);
  }

  @Test
  void aSellIsSizedByTheBidsAtOrAboveTheCap() {
    Split split = new Splitter(0.5, 3).split(CALL, Side.SELL, 2.0, BOOK, 0.0295);
    // bids 2 + 5 = 7 at or above 0.0295; largest 3.5 covers the whole 2.0
    assertThat(split.children()).containsExactly(2.0);
    assertThat(split.visibleDepth()).isEqualTo(7.0);
  }

  @Test
  void perpetualChildrenAreWholeContracts() {
    InstrumentRules perpetual = InstrumentRules.perpetual("BTC");
    OrderBook book = orderBook(0, levels(60_000, 50_000), levels(60_000.5, 25_000, 60_001, 40_000));
    Split split = new Splitter(0.1, 3).split(perpetual, Side.BUY, 15_000, book, 60_001);
    // visible 65,000 USD, largest 6,500: 6,500 + 6,500 + 2,000
    assertThat(split.children()).isEqualTo(List.of(6_500.0, 6_500.0, 2_000.0));
    assertThat(split.remainder()).isEqualTo(0.0);
  }

  @Test
  void refusesAmountsOffTheStepAndBadSettings() {
    Splitter splitter = new Splitter(0.5, 2);
    assertThatThrownBy(() -> splitter.split(CALL, Side.BUY, 0.25, BOOK, 0.032))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a multiple of 0.1");
    assertThatThrownBy(() -> new Splitter(0, 2)).hasMessageContaining("Depth share");
    assertThatThrownBy(() -> new Splitter(0.5, 0)).hasMessageContaining("child");
  }
}
