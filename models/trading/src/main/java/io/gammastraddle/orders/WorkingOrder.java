package io.gammastraddle.orders;

import io.gammastraddle.book.BookState;
import io.gammastraddle.orders.OrderAction.Kind;
import java.util.Objects;

/**
 * An amount to buy or sell on one instrument, worked through a sequence of child orders.
 *
 * <p>One child is on the exchange at a time, sized by the {@link Splitter} and priced by the {@link
 * LimitPricer} from the book it meets, so each child reacts to what the previous one left. A child
 * not filled within the tactics' timeout is cancelled; once the exchange confirms the cancel (with
 * the child's final fill), the rest is re-priced as a new child with the next label child index.
 * After {@link OrderTactics#maxReprices()} re-prices, or when no acceptable price exists for the
 * tactics' patience, the order gives up and reports what is left.
 *
 * <p>Immutable: {@link #decide} and {@link #onUpdate} return the next state, so the operator keeps
 * the record in keyed state and every decision is a pure function of (state, book, time).
 *
 * @param first the label of the first child; later children differ only in the child index
 * @param amount the total to fill, valid for the instrument
 * @param reduceOnly whether every child carries Deribit's {@code reduce_only} (exits and unwinds: a
 *     mistake then cannot open a short option)
 * @param filledBefore the amount filled by children that are finished
 * @param nextChild the child index of the next child to send
 * @param live the child on the exchange, or null
 * @param reprices re-priced children sent so far
 * @param repricing whether the last child ended without filling completely, so the next is a
 *     re-price
 * @param idleSince since when no child has been on the exchange (creation, or the last child's
 *     final update), epoch milliseconds
 * @param abandoned why the order stopped working; null while it works
 */
public record WorkingOrder(
    OrderLabel first,
    InstrumentRules rules,
    Side side,
    double amount,
    boolean reduceOnly,
    double filledBefore,
    int nextChild,
    ChildOrder live,
    int reprices,
    boolean repricing,
    long idleSince,
    String abandoned) {

  public WorkingOrder {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(side, "side");
  }

  /** A new order of {@code amount}, nothing sent yet. */
  public static WorkingOrder start(
      OrderLabel first,
      InstrumentRules rules,
      Side side,
      double amount,
      boolean reduceOnly,
      long now) {
    if (!rules.isValidAmount(amount)) {
      throw new IllegalArgumentException(
          rules.instrument()
              + ": amount "
              + amount
              + " is not at least "
              + rules.minAmount()
              + " in steps of "
              + rules.amountStep());
    }
    return new WorkingOrder(
        first, rules, side, amount, reduceOnly, 0, first.child(), null, 0, false, now, null);
  }

  /** The amount filled so far, the live child's partial fill included. */
  public double filled() {
    return live == null ? filledBefore : Grid.clean(filledBefore + live.filled());
  }

  /** What is left to fill; 0 once filled, also when the exchange filled more than asked. */
  public double remaining() {
    return Math.max(0, Grid.clean(amount - filled()));
  }

  public boolean isFilled() {
    return remaining() < rules.amountStep() * 1e-6;
  }

  /** Whether nothing more will happen: filled, or given up with no child left on the exchange. */
  public boolean isFinished() {
    return isFilled() || (abandoned != null && live == null);
  }

  /**
   * What to do at {@code now}, given the instrument's book.
   *
   * @param book the instrument's book; null before its first update
   * @param markPrice the instrument's mark price (used when the pricer's reference is the mark)
   */
  public OrderStep decide(OrderTactics tactics, BookState book, double markPrice, long now) {
    if (isFilled()) {
      return stay(Kind.DONE, "filled " + filled() + " of " + amount);
    }
    if (live != null) {
      return decideLive(tactics, now);
    }
    if (abandoned != null) {
      return stay(Kind.GIVE_UP, abandoned);
    }
    if (remaining() < rules.minAmount()) {
      return giveUp("the remaining " + remaining() + " is below the minimum " + rules.minAmount());
    }
    if (repricing && reprices >= tactics.maxReprices()) {
      return giveUp("not filled after " + reprices + " re-prices, " + remaining() + " left");
    }
    LimitPrice price = tactics.pricer().price(rules, side, book, markPrice, now);
    if (!price.isPriced()) {
      return waitForPrice(tactics, price.refusal(), now);
    }
    Split split = tactics.splitter().split(rules, side, remaining(), book.book(), price.cap());
    if (split.isEmpty()) {
      return waitForPrice(
          tactics,
          "visible depth "
              + split.visibleDepth()
              + " within the cap "
              + price.cap()
              + " is too thin",
          now);
    }
    return send(tactics.pricer().policy(), price.price(), split, now);
  }

  /**
   * Stops working: cancels the live child if there is one, and gives up once it is final.
   *
   * @param reason why, for the audit log
   */
  public OrderStep abandon(String reason, long now) {
    if (isFinished()) {
      return decideFinished();
    }
    WorkingOrder stopped = withAbandoned(reason);
    if (live == null) {
      return new OrderStep(stopped, action(Kind.GIVE_UP, reason));
    }
    if (live.isCancelling()) {
      return new OrderStep(stopped, action(Kind.WAIT, "cancel of " + live.label() + " pending"));
    }
    return stopped.cancel(reason, now);
  }

  /**
   * Applies what the exchange reports about a child. Updates of children already finished (late or
   * repeated) change nothing: their final fill was counted when they finished.
   *
   * <p>The exchange's fill wins where it disagrees with the child (see the comment inside).
   *
   * @throws IllegalArgumentException when the update belongs to another order
   */
  public WorkingOrder onUpdate(OrderUpdate update) {
    if (!first.sameLegAs(update.label())) {
      throw new IllegalArgumentException(update.label() + " is not a child of " + first);
    }
    if (live == null || !live.label().equals(update.label())) {
      return this;
    }
    // The exchange's fill is the truth, even where it disagrees with the child we remember: after a
    // restart the replayed decisions can size a label differently from the order the exchange
    // already holds under it. More than the child's amount fills the order (the excess is the
    // caller's to unwind); a final report with less leaves the rest to the next child.
    double childFilled = Math.max(live.filled(), update.filledAmount());
    boolean complete = childFilled >= live.amount() - rules.amountStep() * 1e-6;
    if (!update.status().isFinal()) {
      return withLive(live.withFilled(childFilled));
    }
    return new WorkingOrder(
        first,
        rules,
        side,
        amount,
        reduceOnly,
        Grid.clean(filledBefore + childFilled),
        nextChild,
        null,
        reprices,
        !complete,
        update.timestamp(),
        abandoned);
  }

  private OrderStep decideLive(OrderTactics tactics, long now) {
    long timeout = tactics.timeout().toMillis();
    if (live.isCancelling()) {
      if (now - live.cancelSentAt() < timeout) {
        return stay(Kind.WAIT, "cancel of " + live.label() + " pending");
      }
      return cancel("no final state after the cancel for " + timeout + " ms: cancel again", now);
    }
    if (abandoned != null) {
      return cancel(abandoned, now);
    }
    long age = now - live.sentAt();
    if (age < timeout) {
      return stay(Kind.WAIT, live.label() + " working for " + age + " ms");
    }
    return cancel(
        reprices < tactics.maxReprices()
            ? "not filled within " + timeout + " ms: cancel to re-price"
            : "not filled within " + timeout + " ms after " + reprices + " re-prices: cancel",
        now);
  }

  private OrderStep send(OrderPolicy policy, double price, Split split, long now) {
    double childAmount = split.children().get(0);
    ChildOrder child =
        new ChildOrder(
            first.withChild(nextChild),
            price,
            childAmount,
            0,
            policy,
            now,
            ChildOrder.NOT_CANCELLED);
    String reason =
        (repricing ? "re-price " + (reprices + 1) : filledBefore > 0 ? "next child" : "first child")
            + ": "
            + childAmount
            + " of "
            + remaining()
            + " left"
            + (split.remainder() > 0 ? ", " + split.remainder() + " beyond the visible depth" : "");
    WorkingOrder next =
        new WorkingOrder(
            first,
            rules,
            side,
            amount,
            reduceOnly,
            filledBefore,
            nextChild + 1,
            child,
            repricing ? reprices + 1 : reprices,
            false,
            idleSince,
            abandoned);
    OrderAction action =
        new OrderAction(
            repricing ? Kind.REPLACE : Kind.PLACE,
            child.label(),
            rules.instrument(),
            side,
            childAmount,
            price,
            policy,
            reduceOnly,
            reason);
    return new OrderStep(next, action);
  }

  private OrderStep cancel(String reason, long now) {
    WorkingOrder next = withLive(live.cancelSent(now));
    return new OrderStep(next, action(Kind.CANCEL, reason));
  }

  private OrderStep waitForPrice(OrderTactics tactics, String reason, long now) {
    long idle = now - idleSince;
    if (idle >= tactics.patienceMillis()) {
      return giveUp("no acceptable price for " + idle + " ms: " + reason);
    }
    return stay(Kind.WAIT, reason);
  }

  private OrderStep giveUp(String reason) {
    return new OrderStep(withAbandoned(reason), action(Kind.GIVE_UP, reason));
  }

  private OrderStep decideFinished() {
    return isFilled()
        ? stay(Kind.DONE, "filled " + filled() + " of " + amount)
        : stay(Kind.GIVE_UP, abandoned);
  }

  private OrderStep stay(Kind kind, String reason) {
    return new OrderStep(this, action(kind, reason));
  }

  /** A non-sending action, or a cancel: about the live child, else the last child sent. */
  private OrderAction action(Kind kind, String reason) {
    OrderLabel label =
        live != null
            ? live.label()
            : nextChild > first.child() ? first.withChild(nextChild - 1) : first;
    return new OrderAction(
        kind, label, rules.instrument(), side, Double.NaN, Double.NaN, null, reduceOnly, reason);
  }

  private WorkingOrder withLive(ChildOrder newLive) {
    return new WorkingOrder(
        first,
        rules,
        side,
        amount,
        reduceOnly,
        filledBefore,
        nextChild,
        newLive,
        reprices,
        repricing,
        idleSince,
        abandoned);
  }

  private WorkingOrder withAbandoned(String reason) {
    return new WorkingOrder(
        first,
        rules,
        side,
        amount,
        reduceOnly,
        filledBefore,
        nextChild,
        live,
        reprices,
        repricing,
        idleSince,
        reason);
  }
}
