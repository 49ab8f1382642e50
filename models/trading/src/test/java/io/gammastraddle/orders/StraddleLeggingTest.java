package io.gammastraddle.orders;

import static io.gammastraddle.orders.Books.book;
import static io.gammastraddle.orders.Books.levels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.book.BookState;
import io.gammastraddle.orders.OrderAction.Kind;
import io.gammastraddle.orders.StraddleLegging.Phase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StraddleLeggingTest {

  private static final long T0 = 1_800_000_000_000L;
  private static final InstrumentRules CALL = InstrumentRules.option("BTC", "BTC-9JAN27-60000-C");
  private static final InstrumentRules PUT = InstrumentRules.option("BTC", "BTC-9JAN27-60000-P");
  private static final Duration BOOK_AGE = Duration.ofSeconds(2);

  /**
   * Entry: post-only from the mid with a 2% cap, 60 s per child (longer than the legging timeout,
   * so the legging timeout is what breaks an entry). Unwind: IOC from the mid with a 5% cap.
   */
  private static final LeggingPolicy POLICY =
      new LeggingPolicy(
          new OrderTactics(
              new LimitPricer(OrderPolicy.POST_ONLY, PriceReference.MID, 0.02, BOOK_AGE),
              new Splitter(1.0, 1),
              Duration.ofSeconds(60),
              2),
          new OrderTactics(
              new LimitPricer(OrderPolicy.IOC, PriceReference.MID, 0.05, BOOK_AGE),
              new Splitter(1.0, 1),
              Duration.ofSeconds(1),
              2),
          Duration.ofSeconds(10));

  private static final OrderLabel C0 = OrderLabel.first("BTC", 9, Leg.CALL);
  private static final OrderLabel P0 = OrderLabel.first("BTC", 9, Leg.PUT);
  private static final OrderLabel UC0 = OrderLabel.first("BTC", 9, Leg.UNWIND_CALL);

  /** Call: bid 0.0300 (2), ask 0.0310 (3), mid 0.0305. */
  private static BookState callBook(long time) {
    return book(time, levels(0.0300, 2), levels(0.0310, 3));
  }

  /** Put: bid 0.0250 (2), ask 0.0260 (3), mid 0.0255. */
  private static BookState putBook(long time) {
    return book(time, levels(0.0250, 2), levels(0.0260, 3));
  }

  private static LeggingStep decide(StraddleLegging legging, long time) {
    return legging.decide(POLICY, callBook(time), Double.NaN, putBook(time), Double.NaN, time);
  }

  private static StraddleLegging placed(double amount) {
    return decide(StraddleLegging.start("BTC", 9, CALL, PUT, amount, T0), T0).legging();
  }

  private static OrderUpdate update(OrderLabel label, OrderStatus status, double filled, long t) {
    return new OrderUpdate(label, status, filled, t);
  }

  @Test
  void bothLegsArePlacedAtOnce() {
    LeggingStep step = decide(StraddleLegging.start("BTC", 9, CALL, PUT, 1.0, T0), T0);
    List<OrderAction> actions = step.actions();
    assertThat(actions).extracting(OrderAction::kind).containsExactly(Kind.PLACE, Kind.PLACE);
    assertThat(actions)
        .extracting(a -> a.label().format())
        .containsExactly("gsb-BTC-9-c0", "gsb-BTC-9-p0");
    assertThat(actions).extracting(OrderAction::price).containsExactly(0.03, 0.025);
    assertThat(step.legging().phase()).isEqualTo(Phase.ENTERING);
  }

  @Test
  void bothLegsFilledIsAnEnteredStraddle() {
    StraddleLegging filled =
        placed(1.0)
            .onUpdate(update(C0, OrderStatus.FILLED, 1.0, T0 + 1_000))
            .onUpdate(update(P0, OrderStatus.FILLED, 1.0, T0 + 2_000));
    assertThat(filled.unevenSince()).isEqualTo(StraddleLegging.EVEN);
    LeggingStep step = decide(filled, T0 + 2_100);
    assertThat(step.legging().phase()).isEqualTo(Phase.ENTERED);
    assertThat(step.actions()).isEmpty();
    assertThat(step.legging().straddlesHeld()).isEqualTo(1.0);
  }

  @Test
  void aLoneFilledLegIsUnwoundWhenTheOtherMissesTheLeggingTimeout() {
    StraddleLegging callFilled =
        placed(1.0).onUpdate(update(C0, OrderStatus.FILLED, 1.0, T0 + 1_000));
    assertThat(callFilled.unevenSince()).isEqualTo(T0 + 1_000);
    assertThat(decide(callFilled, T0 + 10_999).actions()).isEmpty();

    LeggingStep broken = decide(callFilled, T0 + 11_000);
    assertThat(broken.legging().phase()).isEqualTo(Phase.BALANCING);
    assertThat(broken.legging().reason()).isEqualTo("legs uneven for 10000 ms: call 1.0, put 0.0");
    assertThat(broken.actions()).extracting(OrderAction::kind).containsExactly(Kind.CANCEL);
    assertThat(broken.actions().get(0).label()).isEqualTo(P0);

    StraddleLegging putCancelled =
        broken.legging().onUpdate(update(P0, OrderStatus.CANCELLED, 0, T0 + 11_100));
    LeggingStep unwind = decide(putCancelled, T0 + 11_200);
    assertThat(unwind.legging().phase()).isEqualTo(Phase.UNWINDING);
    OrderAction sell = unwind.actions().get(0);
    assertThat(sell.kind()).isEqualTo(Kind.PLACE);
    assertThat(sell.label()).isEqualTo(UC0);
    assertThat(sell.side()).isEqualTo(Side.SELL);
    assertThat(sell.amount()).isEqualTo(1.0);
    assertThat(sell.policy()).isEqualTo(OrderPolicy.IOC);
    assertThat(sell.reduceOnly()).isTrue();
    // cap 0.0305 * 0.95 = 0.028975, up to 0.0290; the bid 0.0300 is within it
    assertThat(sell.price()).isEqualTo(0.029);

    StraddleLegging unwound =
        unwind.legging().onUpdate(update(UC0, OrderStatus.FILLED, 1.0, T0 + 11_300));
    LeggingStep done = decide(unwound, T0 + 11_400);
    assertThat(done.legging().phase()).isEqualTo(Phase.BALANCED);
    assertThat(done.legging().straddlesHeld()).isEqualTo(0.0);
    assertThat(done.legging().reason()).endsWith("unwound, holding 0.0 straddles");
  }

  @Test
  void onlyTheExcessOfAPartlyFilledPairIsUnwound() {
    StraddleLegging uneven =
        placed(1.0)
            .onUpdate(update(C0, OrderStatus.FILLED, 1.0, T0 + 1_000))
            .onUpdate(update(P0, OrderStatus.OPEN, 0.4, T0 + 2_000));
    LeggingStep broken = decide(uneven, T0 + 11_000);
    StraddleLegging putFinal =
        broken.legging().onUpdate(update(P0, OrderStatus.CANCELLED, 0.4, T0 + 11_100));
    LeggingStep unwind = decide(putFinal, T0 + 11_200);
    // 1.0 call - 0.4 put = 0.6 call to sell
    assertThat(unwind.actions()).extracting(OrderAction::amount).containsExactly(0.6);
    StraddleLegging unwound =
        unwind.legging().onUpdate(update(UC0, OrderStatus.FILLED, 0.6, T0 + 11_300));
    LeggingStep done = decide(unwound, T0 + 11_400);
    assertThat(done.legging().phase()).isEqualTo(Phase.BALANCED);
    assertThat(done.legging().straddlesHeld()).isEqualTo(0.4);
  }

  @Test
  void equalPartialFillsAreNotALeggingProblem() {
    StraddleLegging even =
        placed(1.0)
            .onUpdate(update(C0, OrderStatus.OPEN, 0.5, T0 + 1_000))
            .onUpdate(update(P0, OrderStatus.OPEN, 0.5, T0 + 1_500));
    assertThat(even.unevenSince()).isEqualTo(StraddleLegging.EVEN);
    LeggingStep step = decide(even, T0 + 30_000);
    assertThat(step.legging().phase()).isEqualTo(Phase.ENTERING);
    assertThat(step.actions()).isEmpty();
  }

  @Test
  void aLegThatGivesUpBreaksTheEntryAndTheOtherLegIsCancelled() {
    StraddleLegging callPartly = placed(1.0).onUpdate(update(C0, OrderStatus.OPEN, 0.3, T0 + 500));
    // the put's child is refused three times (say by post-only rejects) and its leg gives up
    StraddleLegging legging = callPartly;
    for (int child = 0; child <= 2; child++) {
      legging = legging.onUpdate(update(P0.withChild(child), OrderStatus.REJECTED, 0, T0 + 600));
      legging = decide(legging, T0 + 700).legging();
    }
    assertThat(legging.put().abandoned()).isEqualTo("not filled after 2 re-prices, 1.0 left");

    LeggingStep broken = decide(legging, T0 + 800);
    assertThat(broken.legging().phase()).isEqualTo(Phase.BALANCING);
    assertThat(broken.legging().reason()).startsWith("put leg gave up");
    assertThat(broken.actions()).extracting(OrderAction::kind).containsExactly(Kind.CANCEL);
    assertThat(broken.actions().get(0).label()).isEqualTo(C0);

    StraddleLegging callFinal =
        broken.legging().onUpdate(update(C0, OrderStatus.CANCELLED, 0.3, T0 + 900));
    LeggingStep unwind = decide(callFinal, T0 + 1_000);
    assertThat(unwind.actions()).extracting(OrderAction::amount).containsExactly(0.3);
  }

  @Test
  void anUnwindThatGivesUpLeavesTheEntryFailedWithTheUnpairedAmount() {
    StraddleLegging putCancelled =
        decide(placed(1.0).onUpdate(update(C0, OrderStatus.FILLED, 1.0, T0 + 1_000)), T0 + 11_000)
            .legging()
            .onUpdate(update(P0, OrderStatus.CANCELLED, 0, T0 + 11_100));
    // no bid left on the call: the IOC unwind has nothing to sell into
    BookState noBids = book(T0 + 11_200, levels(), levels(0.0310, 3));
    StraddleLegging waiting =
        putCancelled
            .decide(POLICY, noBids, 0.0305, putBook(T0 + 11_200), Double.NaN, T0 + 11_200)
            .legging();
    assertThat(waiting.phase()).isEqualTo(Phase.UNWINDING);
    // unwind patience: 1 s * (2 + 1) = 3 s after the unwind started
    BookState stillNoBids = book(T0 + 14_200, levels(), levels(0.0310, 3));
    LeggingStep failed =
        waiting.decide(POLICY, stillNoBids, 0.0305, putBook(T0 + 14_200), Double.NaN, T0 + 14_200);
    assertThat(failed.legging().phase()).isEqualTo(Phase.FAILED);
    assertThat(failed.legging().reason())
        .contains("unwind gave up with 1.0 of BTC-9JAN27-60000-C still held without its other leg");
  }

  @Test
  void refusesUpdatesOfOtherOrders() {
    StraddleLegging legging = placed(1.0);
    assertThatThrownBy(
            () ->
                legging.onUpdate(
                    update(OrderLabel.first("BTC", 9, Leg.HEDGE), OrderStatus.OPEN, 0, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a straddle entry order");
    assertThatThrownBy(() -> legging.onUpdate(update(UC0, OrderStatus.OPEN, 0, T0)))
        .hasMessageContaining("not this entry's unwind");
    assertThatThrownBy(
            () ->
                legging.onUpdate(
                    update(OrderLabel.first("BTC", 10, Leg.CALL), OrderStatus.OPEN, 0, T0)))
        .hasMessageContaining("not a child of gsb-BTC-9-c0");
  }
}
