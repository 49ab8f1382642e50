package io.gammastraddle.orders;

import java.util.Objects;

/**
 * One exchange order sent for a {@link WorkingOrder}.
 *
 * @param filled amount filled so far (the exchange's cumulative {@code filled_amount})
 * @param sentAt when it was handed to the sink, epoch milliseconds
 * @param cancelSentAt when its cancel was handed to the sink; {@link #NOT_CANCELLED} before
 */
public record ChildOrder(
    OrderLabel label,
    double price,
    double amount,
    double filled,
    OrderPolicy policy,
    long sentAt,
    long cancelSentAt) {

  public static final long NOT_CANCELLED = Long.MIN_VALUE;

  public ChildOrder {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(policy, "policy");
  }

  public boolean isCancelling() {
    return cancelSentAt != NOT_CANCELLED;
  }

  ChildOrder withFilled(double newFilled) {
    return new ChildOrder(label, price, amount, newFilled, policy, sentAt, cancelSentAt);
  }

  ChildOrder cancelSent(long now) {
    return new ChildOrder(label, price, amount, filled, policy, sentAt, now);
  }
}
