package io.gammastraddle.deribit.user;

import io.gammastraddle.positions.Fill;

/**
 * One decoded {@code deribit.user.raw} record: exactly one of the fields is set.
 *
 * <p>A union record rather than a sealed interface, as {@link io.gammastraddle.market.MarketEvent}
 * is, because Flink serializes records field by field but would fall back to Kryo for an interface
 * type; and {@link Fill} belongs to models/trading, so it could not implement one of ours anyway.
 *
 * @param order an order's new state, from {@code user.orders.*}
 * @param fill one trade of ours, from {@code user.trades.*}
 * @param account the account's state in one currency, from {@code user.portfolio.*}
 */
public record UserEvent(OrderReport order, Fill fill, AccountSnapshot account) {

  public static UserEvent of(OrderReport order) {
    return new UserEvent(order, null, null);
  }

  public static UserEvent of(Fill fill) {
    return new UserEvent(null, fill, null);
  }

  public static UserEvent of(AccountSnapshot account) {
    return new UserEvent(null, null, account);
  }
}
