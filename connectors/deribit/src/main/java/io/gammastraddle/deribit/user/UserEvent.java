package io.gammastraddle.deribit.user;

import io.gammastraddle.positions.Fill;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
 * @param positions the account's positions in one currency, from the bridge's {@code
 *     gsb.positions.*} (see {@link UserDecoder#positionsChannel(String)})
 */
public record UserEvent(
    OrderReport order, Fill fill, AccountSnapshot account, PositionsSnapshot positions) {

  public UserEvent {
    List<Object> parts = Arrays.asList(order, fill, account, positions);
    if (parts.stream().filter(Objects::nonNull).count() != 1) {
      throw new IllegalArgumentException(
          "a user event holds exactly one of order, fill, account, positions: " + parts);
    }
  }

  public static UserEvent of(OrderReport order) {
    return new UserEvent(order, null, null, null);
  }

  public static UserEvent of(Fill fill) {
    return new UserEvent(null, fill, null, null);
  }

  public static UserEvent of(AccountSnapshot account) {
    return new UserEvent(null, null, account, null);
  }

  public static UserEvent of(PositionsSnapshot positions) {
    return new UserEvent(null, null, null, positions);
  }
}
