package io.gammastraddle.simulator.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One account's client of a {@link PaperExchange} in tests: sends requests with parameters given as
 * name, value pairs and parses results; keeps the last reply for its events.
 */
final class Trader {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final PaperExchange exchange;
  private final String accountId;
  private Reply last;

  Trader(PaperExchange exchange, String accountId) {
    this.exchange = exchange;
    this.accountId = accountId;
  }

  /** The reply to {@code method} with {@code nameValuePairs} as params. */
  Reply send(String method, Object... nameValuePairs) {
    ObjectNode params = MAPPER.createObjectNode();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      params.set((String) nameValuePairs[i], MAPPER.valueToTree(nameValuePairs[i + 1]));
    }
    last = exchange.handle(accountId, method, params);
    return last;
  }

  /** The parsed result of a request that must succeed. */
  JsonNode call(String method, Object... nameValuePairs) {
    Reply reply = send(method, nameValuePairs);
    assertThat(reply.error()).as("error of %s", method).isNull();
    return parse(reply.result());
  }

  /** The error of a request that must fail. */
  DeribitError refused(String method, Object... nameValuePairs) {
    Reply reply = send(method, nameValuePairs);
    assertThat(reply.isError()).as("%s refused, result %s", method, reply.result()).isTrue();
    return reply.error();
  }

  /** Places a limit buy that must be accepted; returns its order id. */
  String buy(String instrument, double amount, double price, String label) {
    return call(
            "private/buy",
            "instrument_name",
            instrument,
            "amount",
            amount,
            "price",
            price,
            "label",
            label)
        .at("/order/order_id")
        .asText();
  }

  List<UserEvent> lastEvents() {
    return last.events();
  }

  JsonNode summary(String currency) {
    return call("private/get_account_summary", "currency", currency);
  }

  /** The text of {@code field} in each of {@code orders}, in order. */
  static List<String> each(JsonNode orders, String field) {
    List<String> values = new ArrayList<>();
    orders.forEach(order -> values.add(order.get(field).asText()));
    return values;
  }

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
  }
}
