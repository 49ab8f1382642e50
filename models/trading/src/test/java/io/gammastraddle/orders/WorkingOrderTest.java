package io.gammastraddle.orders;

import static io.gammastraddle.orders.Books.book;
import static io.gammastraddle.orders.Books.levels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.book.BookState;
import io.gammastraddle.orders.OrderAction.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkingOrderTest {

  private static final long T0 = 1_800_000_000_000L;
  private static final InstrumentRules CALL = InstrumentRules.option("BTC", "BTC-9JAN27-60000-C");
  private static final OrderLabel C0 = OrderLabel.first("BTC", 7, Leg.CALL);
  private static final LimitPricer POST_ONLY =
      new LimitPricer(OrderPolicy.POST_ONLY, PriceReference.MID, 0.02, Duration.ofSeconds(2));

  /** 5 s per child, at most 2 re-prices, each child up to the whole visible depth. */
  private static final OrderTactics TACTICS =
      new OrderTactics(POST_ONLY, new Splitter(1.0, 1), Duration.ofSeconds(5), 2);

  /** Bid 0.0300, ask 0.0310 (1.5): mid 0.0305, cap 0.03111 -> 0.0310, post-only buy at 0.0300. */
  private static BookState bookAt(long time) {
    return book(time, levels(0.0300, 2), levels(0.0310, 1.5, 0.0315, 4));
  }

  private static OrderStep decide(WorkingOrder order, long time) {
    return order.decide(TACTICS, bookAt(time), Double.NaN, time);
  }

  private static WorkingOrder buy(double amount) {
    return WorkingOrder.start(C0, CALL, Side.BUY, amount, false, T0);
  }

  private static OrderUpdate update(int child, OrderStatus status, double filled, long time) {
    return new OrderUpdate(C0.withChild(child), status, filled, time);
  }

  @Test
  void theFirstDecisionPlacesChildZeroAtTheBid() {
    OrderStep step = decide(buy(1.0), T0);
    OrderAction action = step.action();
    assertThat(action.kind()).isEqualTo(Kind.PLACE);
    assertThat(action.label().format()).isEqualTo("gsb-BTC-7-c0");
    assertThat(action.instrument()).isEqualTo("BTC-9JAN27-60000-C");
    assertThat(action.side()).isEqualTo(Side.BUY);
    assertThat(action.amount()).isEqualTo(1.0);
    assertThat(action.price()).isEqualTo(0.03);
    assertThat(action.policy()).isEqualTo(OrderPolicy.POST_ONLY);
    assertThat(action.goesToExchange()).isTrue();
    assertThat(step.order().live().label()).isEqualTo(C0);
    assertThat(step.order().nextChild()).isEqualTo(1);
  }

  @Test
  void aChildWithinItsTimeoutIsLeftAlone() {
    WorkingOrder placed = decide(buy(1.0), T0).order();
    OrderStep step = decide(placed, T0 + 4_999);
    assertThat(step.action().kind()).isEqualTo(Kind.WAIT);
    assertThat(step.action().goesToExchange()).isFalse();
    assertThat(step.order()).isEqualTo(placed);
  }

  @Test
  void aTimedOutChildIsCancelledThenReplacedWithTheNextChildIndex() {
    WorkingOrder placed = decide(buy(1.0), T0).order();
    OrderStep cancel = decide(placed, T0 + 5_000);
    assertThat(cancel.action().kind()).isEqualTo(Kind.CANCEL);
    assertThat(cancel.action().label()).isEqualTo(C0);
    assertThat(cancel.action().reason()).contains("cancel to re-price");

    OrderStep pending = decide(cancel.order(), T0 + 5_100);
    assertThat(pending.action().kind()).isEqualTo(Kind.WAIT);
    assertThat(pending.action().reason()).contains("cancel of gsb-BTC-7-c0 pending");

    WorkingOrder cancelled =
        pending.order().onUpdate(update(0, OrderStatus.CANCELLED, 0, T0 + 5_200));
    // the market moved up: bid 0.0305, ask 0.0315, mid 0.031, cap 0.03162 -> 0.0315
    BookState moved = book(T0 + 5_300, levels(0.0305, 2), levels(0.0315, 4));
    OrderStep replace = cancelled.decide(TACTICS, moved, Double.NaN, T0 + 5_300);
    assertThat(replace.action().kind()).isEqualTo(Kind.REPLACE);
    assertThat(replace.action().label().format()).isEqualTo("gsb-BTC-7-c1");
    assertThat(replace.action().price()).isEqualTo(0.0305);
    assertThat(replace.action().amount()).isEqualTo(1.0);
    assertThat(replace.order().reprices()).isEqualTo(1);
  }

  @Test
  void aPartlyFilledChildIsReplacedForTheRestOnly() {
    WorkingOrder placed = decide(buy(1.0), T0).order();
    WorkingOrder partly = placed.onUpdate(update(0, OrderStatus.OPEN, 0.4, T0 + 1_000));
    assertThat(partly.filled()).isEqualTo(0.4);
    WorkingOrder cancelling = decide(partly, T0 + 5_000).order();
    WorkingOrder cancelled = cancelling.onUpdate(update(0, OrderStatus.CANCELLED, 0.4, T0 + 5_100));
    OrderStep replace = decide(cancelled, T0 + 5_200);
    assertThat(replace.action().kind()).isEqualTo(Kind.REPLACE);
    // 1.0 - 0.4 = 0.6
    assertThat(replace.action().amount()).isEqualTo(0.6);
    assertThat(replace.order().filled()).isEqualTo(0.4);
  }

  @Test
  void givesUpAfterTheLastRepriceTimesOut() {
    WorkingOrder order = buy(1.0);
    long time = T0;
    for (int child = 0; child <= 2; child++) {
      order = decide(order, time).order();
      OrderStep cancel = decide(order, time + 5_000);
      assertThat(cancel.action().kind()).isEqualTo(Kind.CANCEL);
      order = cancel.order().onUpdate(update(child, OrderStatus.CANCELLED, 0, time + 5_050));
      time += 5_100;
    }
    OrderStep giveUp = decide(order, time);
    assertThat(giveUp.action().kind()).isEqualTo(Kind.GIVE_UP);
    assertThat(giveUp.action().reason()).isEqualTo("not filled after 2 re-prices, 1.0 left");
    assertThat(giveUp.order().isFinished()).isTrue();
    assertThat(giveUp.order().nextChild()).isEqualTo(3);
    assertThat(decide(giveUp.order(), time + 60_000).action().kind()).isEqualTo(Kind.GIVE_UP);
  }

  @Test
  void aFilledChildIsFollowedByTheNextPieceOfTheSplit() {
    OrderTactics halfDepth =
        new OrderTactics(POST_ONLY, new Splitter(0.5, 1), Duration.ofSeconds(5), 2);
    OrderStep first = buy(1.0).decide(halfDepth, bookAt(T0), Double.NaN, T0);
    // visible asks within the cap 0.0310: 1.5; half of it 0.75 -> 0.7
    assertThat(first.action().amount()).isEqualTo(0.7);
    assertThat(first.action().reason()).contains("0.3 beyond the visible depth");
    WorkingOrder filled = first.order().onUpdate(update(0, OrderStatus.FILLED, 0.7, T0 + 2_000));
    OrderStep next = filled.decide(halfDepth, bookAt(T0 + 2_100), Double.NaN, T0 + 2_100);
    assertThat(next.action().kind()).isEqualTo(Kind.PLACE);
    assertThat(next.action().label().format()).isEqualTo("gsb-BTC-7-c1");
    assertThat(next.action().amount()).isEqualTo(0.3);
    assertThat(next.order().reprices()).isZero();
    WorkingOrder done = next.order().onUpdate(update(1, OrderStatus.FILLED, 0.3, T0 + 3_000));
    assertThat(done.isFilled()).isTrue();
    assertThat(decide(done, T0 + 3_100).action().kind()).isEqualTo(Kind.DONE);
  }

  @Test
  void withoutAnAcceptablePriceItWaitsThenGivesUpAfterItsPatience() {
    BookState stale = new BookState(bookAt(T0).book(), true);
    OrderStep waiting = buy(1.0).decide(TACTICS, stale, Double.NaN, T0 + 14_999);
    assertThat(waiting.action().kind()).isEqualTo(Kind.WAIT);
    assertThat(waiting.action().reason()).contains("stale");
    // patience 5 s * (2 re-prices + 1) = 15 s
    OrderStep giveUp = waiting.order().decide(TACTICS, stale, Double.NaN, T0 + 15_000);
    assertThat(giveUp.action().kind()).isEqualTo(Kind.GIVE_UP);
    assertThat(giveUp.action().reason()).startsWith("no acceptable price for 15000 ms");
  }

  @Test
  void aRejectedChildIsRepriced() {
    WorkingOrder placed = decide(buy(1.0), T0).order();
    WorkingOrder rejected = placed.onUpdate(update(0, OrderStatus.REJECTED, 0, T0 + 50));
    OrderStep replace = decide(rejected, T0 + 100);
    assertThat(replace.action().kind()).isEqualTo(Kind.REPLACE);
    assertThat(replace.action().label().child()).isEqualTo(1);
  }

  @Test
  void aCancelWithoutConfirmationIsSentAgain() {
    WorkingOrder cancelling = decide(decide(buy(1.0), T0).order(), T0 + 5_000).order();
    OrderStep again = decide(cancelling, T0 + 10_000);
    assertThat(again.action().kind()).isEqualTo(Kind.CANCEL);
    assertThat(again.action().label()).isEqualTo(C0);
    assertThat(again.order().live().cancelSentAt()).isEqualTo(T0 + 10_000);
  }

  @Test
  void lateUpdatesOfFinishedChildrenChangeNothing() {
    WorkingOrder cancelling = decide(decide(buy(1.0), T0).order(), T0 + 5_000).order();
    WorkingOrder replaced =
        decide(cancelling.onUpdate(update(0, OrderStatus.CANCELLED, 0, T0 + 5_100)), T0 + 5_200)
            .order();
    assertThat(replaced.onUpdate(update(0, OrderStatus.CANCELLED, 0, T0 + 5_300)))
        .isEqualTo(replaced);
  }

  @Test
  void refusesAnUpdateOfAnotherOrder() {
    WorkingOrder placed = decide(buy(1.0), T0).order();
    OrderUpdate otherDecision =
        new OrderUpdate(new OrderLabel("BTC", 8, Leg.CALL, 0), OrderStatus.FILLED, 1.0, T0);
    assertThatThrownBy(() -> placed.onUpdate(otherDecision))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a child of gsb-BTC-7-c0");
  }

  @Test
  void theExchangesFillWinsWhenItDisagreesWithTheChild() {
    WorkingOrder placed = decide(buy(1.0), T0).order();
    // after a restart the exchange may hold a bigger order under the replayed label
    WorkingOrder overFilled = placed.onUpdate(update(0, OrderStatus.FILLED, 1.5, T0 + 100));
    assertThat(overFilled.filled()).isEqualTo(1.5);
    assertThat(overFilled.remaining()).isZero();
    assertThat(overFilled.isFilled()).isTrue();
    // or a smaller one: what it filled counts, the next child takes the rest
    WorkingOrder underFilled = placed.onUpdate(update(0, OrderStatus.FILLED, 0.5, T0 + 100));
    assertThat(underFilled.filled()).isEqualTo(0.5);
    assertThat(underFilled.isFilled()).isFalse();
    OrderStep next = decide(underFilled, T0 + 200);
    assertThat(next.action().label().child()).isEqualTo(1);
    assertThat(next.action().amount()).isEqualTo(0.5);
  }

  @Test
  void abandoningCancelsTheLiveChildAndGivesUpOnceItIsFinal() {
    WorkingOrder placed = decide(buy(1.0), T0).order();
    OrderStep abandon = placed.abandon("legging broken", T0 + 1_000);
    assertThat(abandon.action().kind()).isEqualTo(Kind.CANCEL);
    assertThat(abandon.action().reason()).isEqualTo("legging broken");
    assertThat(abandon.order().isFinished()).isFalse();
    WorkingOrder cancelled =
        abandon.order().onUpdate(update(0, OrderStatus.CANCELLED, 0.2, T0 + 1_100));
    assertThat(cancelled.isFinished()).isTrue();
    assertThat(cancelled.filled()).isEqualTo(0.2);
    assertThat(decide(cancelled, T0 + 1_200).action().kind()).isEqualTo(Kind.GIVE_UP);
  }

  @Test
  void refusesAnAmountTheVenueWouldRefuse() {
    assertThatThrownBy(() -> buy(0.05))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amount 0.05 is not at least 0.1 in steps of 0.1");
  }
}
