package io.gammastraddle.orders;

import java.util.Objects;

/**
 * What a working order asks for next. {@link Kind#PLACE}, {@link Kind#REPLACE} and {@link
 * Kind#CANCEL} go to the execution sink; the others explain why nothing is sent.
 *
 * @param label the child order this is about (for {@link Kind#WAIT}, {@link Kind#DONE} and {@link
 *     Kind#GIVE_UP}: the last child, or the first when none was sent)
 * @param amount the child's amount (PLACE and REPLACE); NaN otherwise
 * @param price the child's limit price (PLACE and REPLACE); NaN otherwise
 * @param policy how the child meets the book (PLACE and REPLACE); null otherwise
 * @param reduceOnly whether the child may only reduce a position (Deribit's {@code reduce_only})
 * @param reason why, in words, for the audit log and the alerts
 */
public record OrderAction(
    Kind kind,
    OrderLabel label,
    String instrument,
    Side side,
    double amount,
    double price,
    OrderPolicy policy,
    boolean reduceOnly,
    String reason) {

  /** What to do. */
  public enum Kind {
    /** Send a new child: the first one, or the next one after a child filled. */
    PLACE,
    /**
     * Send the child that replaces one cancelled or refused without filling completely, at a new
     * price: a re-price. Deribit's {@code private/edit} is not used because it keeps the label, and
     * each child needs its own label to be found after a restart.
     */
    REPLACE,
    /**
     * Cancel a child that was not filled in time. The re-price (or the give-up) follows once the
     * exchange confirms the cancel with the child's final fill, so the two can never both fill.
     */
    CANCEL,
    /** Nothing to send now: a child is working, a cancel is pending, or no price is acceptable. */
    WAIT,
    /** The whole amount is filled. */
    DONE,
    /** The order stops with its remainder unfilled. */
    GIVE_UP
  }

  public OrderAction {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether the execution sink has something to do. */
  public boolean goesToExchange() {
    return kind == Kind.PLACE || kind == Kind.REPLACE || kind == Kind.CANCEL;
  }
}
