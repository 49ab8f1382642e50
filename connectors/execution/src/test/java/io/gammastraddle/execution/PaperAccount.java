package io.gammastraddle.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.deribit.websocket.ResilientConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A look at a simulator account from outside the sink: each request on a connection of its own,
 * authenticated as the account, without cancel-on-disconnect.
 *
 * @param uri the simulator
 * @param name the paper account (the client id)
 */
record PaperAccount(URI uri, String name) {

  JsonNode openOrders(String currency) throws Exception {
    return call("private/get_open_orders_by_currency", Map.of("currency", currency));
  }

  /** Every closed order in {@code currency}, filled or not, newest first (up to 100). */
  JsonNode history(String currency) throws Exception {
    return call(
        "private/get_order_history_by_currency",
        Map.of("currency", currency, "include_unfilled", true, "count", 100));
  }

  JsonNode call(String method, Map<String, ?> params) throws Exception {
    try (ResilientConnection trader =
        ResilientConnection.open(
            uri,
            (frame, nanos) -> {},
            reconnects -> {},
            ResilientConnection.Settings.defaults()
                .withCredentials(new Credentials(name, "test")))) {
      return ResilientConnection.await(trader.call(method, params));
    }
  }

  /** The labels of the orders of every list, in order. */
  static List<String> labels(JsonNode... orderLists) {
    List<String> labels = new ArrayList<>();
    for (JsonNode orders : orderLists) {
      orders.forEach(order -> labels.add(order.get("label").asText()));
    }
    return labels;
  }
}
