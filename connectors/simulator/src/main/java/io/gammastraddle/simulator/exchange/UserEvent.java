package io.gammastraddle.simulator.exchange;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Objects;
import java.util.Set;

/**
 * One change to an account that Deribit announces on its user channels: an order's new state
 * ({@code user.orders.*}), the trades of one order ({@code user.trades.*}) or a currency's account
 * state ({@code user.portfolio.*}).
 *
 * @param accountId the account it belongs to; only that account's sessions may receive it
 * @param type which family of channels carries it
 * @param instrumentName the order's instrument; {@code null} for portfolio events
 * @param kind Deribit kind of the instrument ({@code future}, {@code option}); {@code null} for
 *     portfolio events
 * @param currency the instrument's or portfolio's currency ({@code BTC})
 * @param data the notification's {@code data} as Deribit sends it on a {@code raw} channel: one
 *     order object, an array of trades, or one portfolio object
 */
public record UserEvent(
    String accountId, Type type, String instrumentName, String kind, String currency, String data) {

  /** The channel families. */
  public enum Type {
    ORDERS,
    TRADES,
    PORTFOLIO
  }

  private static final Set<String> INTERVALS = Set.of("raw", "100ms", "agg2");

  public UserEvent {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(data, "data");
    if ((type == Type.PORTFOLIO) != (instrumentName == null)) {
      throw new IllegalArgumentException("orders and trades name an instrument, portfolios none");
    }
  }

  /**
   * Whether a subscriber of {@code channel} receives this event. Channel forms, as Deribit names
   * them: {@code user.orders.{instrument}.{interval}}, {@code
   * user.orders.{kind}.{currency}.{interval}} (kind and currency may be {@code any}, currency in
   * either case), the same two for {@code user.trades}, and {@code user.portfolio.{currency}}
   * (either case, or {@code any}). Intervals: {@code raw}, {@code 100ms}, {@code agg2}.
   */
  public boolean matches(String channel) {
    String[] parts = channel.split("\\.", -1);
    if (parts.length < 3 || !parts[0].equals("user")) {
      return false;
    }
    return switch (type) {
      case PORTFOLIO ->
          parts.length == 3
              && parts[1].equals("portfolio")
              && (parts[2].equals("any") || parts[2].equalsIgnoreCase(currency));
      case ORDERS -> parts[1].equals("orders") && matchesInstrumentChannel(parts);
      case TRADES -> parts[1].equals("trades") && matchesInstrumentChannel(parts);
    };
  }

  /**
   * The complete notification frame for {@code channel}, which must {@link #matches match}. Order
   * events on an interval channel ({@code 100ms}, {@code agg2}) carry an array, as on Deribit.
   */
  public String frame(String channel) {
    if (!matches(channel)) {
      throw new IllegalArgumentException(type + " event is not for channel " + channel);
    }
    boolean array = type == Type.ORDERS && !channel.endsWith(".raw");
    return "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\""
        + new String(JsonStringEncoder.getInstance().quoteAsString(channel))
        + "\",\"data\":"
        + (array ? "[" + data + "]" : data)
        + "}}";
  }

  private boolean matchesInstrumentChannel(String[] parts) {
    if (!INTERVALS.contains(parts[parts.length - 1])) {
      return false;
    }
    if (parts.length == 4) {
      return parts[2].equals(instrumentName);
    }
    return parts.length == 5
        && (parts[2].equals("any") || parts[2].equals(kind))
        && (parts[3].equalsIgnoreCase("any") || parts[3].equalsIgnoreCase(currency));
  }
}
