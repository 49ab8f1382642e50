package io.gammastraddle.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.positions.ContractType;
import java.util.Locale;

/**
 * What the sink learns about an order and Deribit does not announce, as a value of {@code
 * deribit.user.raw}: exactly a {@code user.orders} notification's params as the bridge writes them
 * ({@code channel}, {@code data}, {@code recv_ts} in epoch nanoseconds), plus {@value
 * #SOURCE_FIELD}: {@value #SOURCE}, which decoders ignore and people can filter on.
 *
 * <p>Deribit sends no {@code user.orders} notification for a request it refuses, so a refused order
 * would otherwise never reach the strategy: {@link #rejected} reports it as an order in state
 * {@code rejected} with nothing filled and the synthetic order id {@code rejected:{label}} (no
 * Deribit order id contains a colon).
 */
public final class OrderFeedback {

  static final String SOURCE_FIELD = "source";
  static final String SOURCE = "gsb-execution-sink";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OrderFeedback() {}

  /**
   * An order the exchange never took: refused, or never arrived.
   *
   * @param reason why, in words (Deribit's code and message when it refused)
   * @param nowMillis the report's time, epoch milliseconds
   * @param recvNanos when the sink learned it, epoch nanoseconds
   */
  public static String rejected(OrderIntent intent, String reason, long nowMillis, long recvNanos) {
    ObjectNode order = JSON.createObjectNode();
    order
        .put("order_id", syntheticOrderId(intent.label()))
        .put("instrument_name", intent.instrument())
        .put("label", intent.label())
        .put("direction", intent.side().name().toLowerCase(Locale.ROOT))
        .put("order_state", "rejected")
        .put("order_type", "limit")
        .put("filled_amount", 0.0)
        .put("average_price", 0.0);
    // A status check carries no amount or price, and JSON has no NaN.
    if (Double.isFinite(intent.amount())) {
      order.put("amount", intent.amount());
    }
    if (Double.isFinite(intent.price())) {
      order.put("price", intent.price());
    }
    order
        .put("creation_timestamp", nowMillis)
        .put("last_update_timestamp", nowMillis)
        .put("reject_reason", reason);
    return notification(intent.instrument(), order, recvNanos);
  }

  /** An order as the exchange reported it (e.g. to {@code get_order_state_by_label}), verbatim. */
  public static String found(JsonNode order, long recvNanos) {
    return notification(order.path("instrument_name").asText(), order, recvNanos);
  }

  /** The order id {@link #rejected} reports for {@code label}. */
  static String syntheticOrderId(String label) {
    return "rejected:" + label;
  }

  private static String notification(String instrument, JsonNode order, long recvNanos) {
    ObjectNode params = JSON.createObjectNode();
    params.put("channel", "user.orders.any." + ContractType.currencyOf(instrument) + ".raw");
    params.set("data", order);
    params.put("recv_ts", recvNanos).put(SOURCE_FIELD, SOURCE);
    return params.toString();
  }
}
