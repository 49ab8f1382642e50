package io.gammastraddle.orders;

import java.util.Objects;

/**
 * One request from the strategy to the execution sink, and the audit record of it on {@code
 * gsb.orders}. The sink turns {@link Kind#PLACE} into {@code private/buy} or {@code private/sell},
 * {@link Kind#CANCEL} into {@code private/cancel_by_label} and {@link Kind#CHECK_STATUS} into
 * {@code private/get_order_state_by_label}.
 *
 * @param label the exchange order's label ({@link OrderLabel#format()}); a label is placed at most
 *     once, however often an intent carrying it is replayed
 * @param instrument Deribit instrument name
 * @param side buy or sell (PLACE); the order's side otherwise, for the audit log
 * @param amount the order's amount in the instrument's unit (PLACE); NaN otherwise
 * @param price the limit price (PLACE); NaN otherwise
 * @param policy how the order meets the book (PLACE); null otherwise
 * @param reduceOnly Deribit's {@code reduce_only} (PLACE)
 * @param reason why, in words
 * @param decidedAt event time of the decision, epoch milliseconds
 * @param marketReceivedNanos when the market event that led to the decision was received from the
 *     exchange (the bridge's {@code recv_ts}, epoch nanoseconds), for tick-to-order latency; 0 when
 *     no market event did (a timer, a fill)
 */
public record OrderIntent(
    Kind kind,
    String label,
    String instrument,
    Side side,
    double amount,
    double price,
    OrderPolicy policy,
    boolean reduceOnly,
    String reason,
    long decidedAt,
    long marketReceivedNanos) {

  /** What the sink does. */
  public enum Kind {
    PLACE,
    CANCEL,
    CHECK_STATUS
  }

  public OrderIntent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(reason, "reason");
    if (kind == Kind.PLACE) {
      Objects.requireNonNull(policy, "policy");
      if (!(amount > 0 && Double.isFinite(amount))) {
        throw new IllegalArgumentException(label + ": amount must be positive: " + amount);
      }
      if (!(price > 0 && Double.isFinite(price))) {
        throw new IllegalArgumentException(label + ": price must be positive: " + price);
      }
    }
  }

  /**
   * The intent for an order engine action that goes to the exchange ({@link
   * OrderAction#goesToExchange()}): PLACE and REPLACE both place their child's label.
   */
  public static OrderIntent of(OrderAction action, long decidedAt, long marketReceivedNanos) {
    Kind kind =
        switch (action.kind()) {
          case PLACE, REPLACE -> Kind.PLACE;
          case CANCEL -> Kind.CANCEL;
          default ->
              throw new IllegalArgumentException(
                  action.label() + ": " + action.kind() + " sends nothing to the exchange");
        };
    return new OrderIntent(
        kind,
        action.label().format(),
        action.instrument(),
        action.side(),
        kind == Kind.PLACE ? action.amount() : Double.NaN,
        kind == Kind.PLACE ? action.price() : Double.NaN,
        kind == Kind.PLACE ? action.policy() : null,
        action.reduceOnly(),
        action.reason(),
        decidedAt,
        marketReceivedNanos);
  }

  /** A status check by label for an order that may have changed unseen. */
  public static OrderIntent checkStatus(
      OrderLabel label, String instrument, Side side, String reason, long decidedAt) {
    return new OrderIntent(
        Kind.CHECK_STATUS,
        label.format(),
        instrument,
        side,
        Double.NaN,
        Double.NaN,
        null,
        false,
        reason,
        decidedAt,
        0);
  }
}
