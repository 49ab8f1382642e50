package io.gammastraddle.orders;

import io.gammastraddle.book.BookState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The entry of a long straddle as two option orders that must both fill.
 *
 * <p>Phases: {@link Phase#ENTERING} works both legs. When both fill, the straddle is {@link
 * Phase#ENTERED}. When a leg gives up, or the legs' fills have differed for the legging timeout,
 * the entry breaks off: {@link Phase#BALANCING} cancels what is still working on both legs and
 * waits for the final fills; then, if one leg holds more than the other, {@link Phase#UNWINDING}
 * sells the excess with reduce-only IOC orders. The entry ends {@link Phase#BALANCED} (equal legs,
 * possibly fewer straddles than asked, possibly none) or, when the unwind gives up, {@link
 * Phase#FAILED} with an unpaired option held: the reason says how much, for an alert.
 *
 * <p>Why not a Deribit combo: Deribit lists option combos ({@code kind: option_combo}, such as
 * {@code BTC-STRD-29MAY26-77000} for a straddle in a testnet {@code public/get_instruments}
 * response in the fixtures), and {@code private/create_combo} finds or creates one from its legs
 * (docs.deribit.com, Combo Books, {@code private/create_combo}; its result has a {@code state} of
 * {@code rfq}, {@code active} or {@code inactive}). An order on a combo fills both legs at once, so
 * there is no legging risk. The engine does not use them yet: the combo's book is separate from the
 * legs' books, which are what the features, the pricer and the splitter read; a combo may be
 * inactive or only quoted on request; and the simulator has no combo books to test against. A combo
 * order could replace the two leg orders when a combo book is active and deep enough; this legging
 * logic would remain the fallback.
 *
 * <p>Immutable, like {@link WorkingOrder}.
 *
 * @param unwind the order selling the excess leg; null before {@link Phase#UNWINDING}
 * @param unevenSince since when the legs' fills differ (exchange time of the update that made them
 *     differ); {@link #EVEN} while they are equal
 * @param reason why the entry is in its phase
 */
public record StraddleLegging(
    WorkingOrder call,
    WorkingOrder put,
    WorkingOrder unwind,
    Phase phase,
    long unevenSince,
    String reason) {

  public static final long EVEN = Long.MIN_VALUE;

  /** Where the entry stands. */
  public enum Phase {
    ENTERING,
    BALANCING,
    UNWINDING,
    ENTERED,
    BALANCED,
    FAILED;

    public boolean isFinal() {
      return this == ENTERED || this == BALANCED || this == FAILED;
    }
  }

  public StraddleLegging {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(put, "put");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(reason, "reason");
  }

  /** Starts buying {@code amount} straddles of decision {@code decisionSeq}. */
  public static StraddleLegging start(
      String underlying,
      long decisionSeq,
      InstrumentRules call,
      InstrumentRules put,
      double amount,
      long now) {
    return new StraddleLegging(
        WorkingOrder.start(
            OrderLabel.first(underlying, decisionSeq, Leg.CALL),
            call,
            Side.BUY,
            amount,
            false,
            now),
        WorkingOrder.start(
            OrderLabel.first(underlying, decisionSeq, Leg.PUT), put, Side.BUY, amount, false, now),
        null,
        Phase.ENTERING,
        EVEN,
        "entering " + amount + " straddles");
  }

  /** Straddles held: the smaller of the legs' fills, net of any unwind. */
  public double straddlesHeld() {
    return Math.min(callHeld(), putHeld());
  }

  /** What to do at {@code now}, given both legs' books and marks. */
  public LeggingStep decide(
      LeggingPolicy policy,
      BookState callBook,
      double callMark,
      BookState putBook,
      double putMark,
      long now) {
    Markets markets = new Markets(callBook, callMark, putBook, putMark);
    return switch (phase) {
      case ENTERING -> entering(policy, markets, now);
      case BALANCING -> balancing(policy, markets, now, List.of());
      case UNWINDING -> unwinding(policy, markets, now, List.of());
      case ENTERED, BALANCED, FAILED -> new LeggingStep(this, List.of());
    };
  }

  /**
   * Applies what the exchange reports about one of this entry's orders.
   *
   * @throws IllegalArgumentException when the update belongs to another decision or leg
   */
  public StraddleLegging onUpdate(OrderUpdate update) {
    Leg leg = update.label().leg();
    if (leg == Leg.UNWIND_CALL || leg == Leg.UNWIND_PUT) {
      if (unwind == null || !unwind.first().sameLegAs(update.label())) {
        throw new IllegalArgumentException(update.label() + " is not this entry's unwind");
      }
      return new StraddleLegging(call, put, unwind.onUpdate(update), phase, unevenSince, reason);
    }
    if (leg != Leg.CALL && leg != Leg.PUT) {
      throw new IllegalArgumentException(update.label() + " is not a straddle entry order");
    }
    WorkingOrder newCall = leg == Leg.CALL ? call.onUpdate(update) : call;
    WorkingOrder newPut = leg == Leg.PUT ? put.onUpdate(update) : put;
    boolean even = Math.abs(newCall.filled() - newPut.filled()) < call.rules().amountStep() * 1e-6;
    long newUnevenSince = even ? EVEN : unevenSince == EVEN ? update.timestamp() : unevenSince;
    return new StraddleLegging(newCall, newPut, unwind, phase, newUnevenSince, reason);
  }

  private LeggingStep entering(LeggingPolicy policy, Markets markets, long now) {
    if (call.isFilled() && put.isFilled()) {
      return new LeggingStep(
          new StraddleLegging(
              call, put, null, Phase.ENTERED, unevenSince, "entered " + call.filled()),
          List.of());
    }
    String broken = brokenReason(policy, now);
    if (broken != null) {
      OrderStep callStep = call.abandon(broken, now);
      OrderStep putStep = put.abandon(broken, now);
      StraddleLegging balancing =
          new StraddleLegging(
              callStep.order(), putStep.order(), null, Phase.BALANCING, unevenSince, broken);
      return balancing.balancing(policy, markets, now, toExchange(callStep, putStep));
    }
    OrderStep callStep = call.decide(policy.entry(), markets.callBook, markets.callMark, now);
    OrderStep putStep = put.decide(policy.entry(), markets.putBook, markets.putMark, now);
    return new LeggingStep(
        new StraddleLegging(callStep.order(), putStep.order(), null, phase, unevenSince, reason),
        toExchange(callStep, putStep));
  }

  private String brokenReason(LeggingPolicy policy, long now) {
    if (call.abandoned() != null) {
      return "call leg gave up: " + call.abandoned();
    }
    if (put.abandoned() != null) {
      return "put leg gave up: " + put.abandoned();
    }
    if (unevenSince != EVEN && now - unevenSince >= policy.leggingTimeout().toMillis()) {
      return "legs uneven for "
          + (now - unevenSince)
          + " ms: call "
          + call.filled()
          + ", put "
          + put.filled();
    }
    return null;
  }

  /** Waits for both legs' children to be final, then unwinds any excess. */
  private LeggingStep balancing(
      LeggingPolicy policy, Markets markets, long now, List<OrderAction> earlier) {
    if (call.live() != null || put.live() != null) {
      // Cancels are pending; the legs re-send them if the exchange stays silent.
      OrderStep callStep = call.decide(policy.entry(), markets.callBook, markets.callMark, now);
      OrderStep putStep = put.decide(policy.entry(), markets.putBook, markets.putMark, now);
      StraddleLegging next =
          new StraddleLegging(callStep.order(), putStep.order(), null, phase, unevenSince, reason);
      return new LeggingStep(next, concat(earlier, toExchange(callStep, putStep)));
    }
    double excess = Grid.clean(call.filled() - put.filled());
    if (Math.abs(excess) < call.rules().amountStep() * 1e-6) {
      return new LeggingStep(
          finished(Phase.BALANCED, reason + "; holding " + straddlesHeld() + " straddles"),
          earlier);
    }
    WorkingOrder over = excess > 0 ? call : put;
    double amount = Math.abs(excess);
    if (!over.rules().isValidAmount(amount)) {
      return new LeggingStep(
          finished(
              Phase.FAILED,
              reason
                  + "; excess "
                  + amount
                  + " of "
                  + over.rules().instrument()
                  + " is untradable"),
          earlier);
    }
    WorkingOrder unwindOrder =
        WorkingOrder.start(
            over.first().forLeg(over.first().leg().unwind()),
            over.rules(),
            Side.SELL,
            amount,
            true,
            now);
    StraddleLegging unwinding =
        new StraddleLegging(
            call,
            put,
            unwindOrder,
            Phase.UNWINDING,
            unevenSince,
            reason + "; unwinding " + amount + " of " + over.rules().instrument());
    return unwinding.unwinding(policy, markets, now, earlier);
  }

  private LeggingStep unwinding(
      LeggingPolicy policy, Markets markets, long now, List<OrderAction> earlier) {
    boolean callOver = unwind.first().leg() == Leg.UNWIND_CALL;
    OrderStep step =
        unwind.decide(
            policy.unwind(),
            callOver ? markets.callBook : markets.putBook,
            callOver ? markets.callMark : markets.putMark,
            now);
    List<OrderAction> actions = concat(earlier, toExchange(step));
    WorkingOrder order = step.order();
    StraddleLegging next = new StraddleLegging(call, put, order, phase, unevenSince, reason);
    if (order.isFilled()) {
      return new LeggingStep(
          next.finished(
              Phase.BALANCED, reason + "; unwound, holding " + next.straddlesHeld() + " straddles"),
          actions);
    }
    if (order.isFinished()) {
      return new LeggingStep(
          next.finished(
              Phase.FAILED,
              reason
                  + "; unwind gave up with "
                  + order.remaining()
                  + " of "
                  + order.rules().instrument()
                  + " still held without its other leg: "
                  + order.abandoned()),
          actions);
    }
    return new LeggingStep(next, actions);
  }

  private double callHeld() {
    return unwind != null && unwind.first().leg() == Leg.UNWIND_CALL
        ? Grid.clean(call.filled() - unwind.filled())
        : call.filled();
  }

  private double putHeld() {
    return unwind != null && unwind.first().leg() == Leg.UNWIND_PUT
        ? Grid.clean(put.filled() - unwind.filled())
        : put.filled();
  }

  private StraddleLegging finished(Phase finalPhase, String finalReason) {
    return new StraddleLegging(call, put, unwind, finalPhase, unevenSince, finalReason);
  }

  private static List<OrderAction> toExchange(OrderStep... steps) {
    List<OrderAction> actions = new ArrayList<>();
    for (OrderStep step : steps) {
      if (step.action().goesToExchange()) {
        actions.add(step.action());
      }
    }
    return actions;
  }

  private static List<OrderAction> concat(List<OrderAction> first, List<OrderAction> second) {
    List<OrderAction> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** The legs' books and marks at one decision. */
  private record Markets(BookState callBook, double callMark, BookState putBook, double putMark) {}
}
