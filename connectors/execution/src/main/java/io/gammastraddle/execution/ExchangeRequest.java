package io.gammastraddle.execution;

import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.orders.Side;
import io.gammastraddle.positions.ContractType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON-RPC request of the execution sink, built from an {@link OrderIntent}. Method names and
 * parameters as docs.deribit.com documents them for {@code private/buy}, {@code private/sell},
 * {@code private/cancel_by_label} and {@code private/get_order_state_by_label}.
 *
 * @param method the JSON-RPC method
 * @param params its parameters, in a fixed order
 */
public record ExchangeRequest(String method, Map<String, Object> params) {

  public ExchangeRequest {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * A limit order with the intent's label. {@link io.gammastraddle.orders.OrderPolicy#POST_ONLY}
   * sends {@code post_only} and {@code reject_post_only} (refused rather than moved when it would
   * cross) good till cancelled; {@link io.gammastraddle.orders.OrderPolicy#IOC} sends {@code
   * time_in_force=immediate_or_cancel}.
   */
  public static ExchangeRequest place(OrderIntent intent) {
    requireKind(intent, OrderIntent.Kind.PLACE);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("instrument_name", intent.instrument());
    params.put("amount", intent.amount());
    params.put("type", "limit");
    params.put("price", intent.price());
    params.put("label", intent.label());
    params.put("reduce_only", intent.reduceOnly());
    switch (intent.policy()) {
      case POST_ONLY -> {
        params.put("post_only", true);
        params.put("reject_post_only", true);
        params.put("time_in_force", "good_til_cancelled");
      }
      case IOC -> params.put("time_in_force", "immediate_or_cancel");
    }
    return new ExchangeRequest(intent.side() == Side.BUY ? "private/buy" : "private/sell", params);
  }

  /** Cancels every open order with the intent's label in its instrument's currency. */
  public static ExchangeRequest cancel(OrderIntent intent) {
    requireKind(intent, OrderIntent.Kind.CANCEL);
    return new ExchangeRequest("private/cancel_by_label", byLabel(intent));
  }

  /**
   * Asks for every order with the intent's label in its instrument's currency (recent ones: open,
   * or closed not long ago); for any kind of intent, since a status check also follows a PLACE or
   * CANCEL whose outcome is unknown.
   */
  public static ExchangeRequest statusCheck(OrderIntent intent) {
    return new ExchangeRequest("private/get_order_state_by_label", byLabel(intent));
  }

  private static Map<String, Object> byLabel(OrderIntent intent) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("currency", ContractType.currencyOf(intent.instrument()));
    params.put("label", intent.label());
    return params;
  }

  private static void requireKind(OrderIntent intent, OrderIntent.Kind kind) {
    if (intent.kind() != kind) {
      throw new IllegalArgumentException(
          intent.label() + ": a " + intent.kind() + " intent is not a " + kind);
    }
  }
}
