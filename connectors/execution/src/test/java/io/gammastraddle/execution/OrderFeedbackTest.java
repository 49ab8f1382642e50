package io.gammastraddle.execution;

import static io.gammastraddle.execution.Intents.byLabel;
import static io.gammastraddle.execution.Intents.place;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.user.OrderReport;
import io.gammastraddle.deribit.user.UserDecoder;
import io.gammastraddle.deribit.user.UserEvent;
import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.orders.OrderPolicy;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.orders.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every feedback value decodes, with the decoder the job uses, to the report it means. */
class OrderFeedbackTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NOW = 1_700_000_123_456L;
  private static final long RECEIVED = NOW * 1_000_000 + 789;

  @Test
  void aRefusedPlaceDecodesAsARejectedOrderWithNothingFilled() throws Exception {
    OrderIntent refused =
        place(
            Side.SELL,
            "ETH-PERPETUAL",
            20,
            3000.07,
            OrderPolicy.POST_ONLY,
            false,
            "gsb-ETH-7-h0",
            Intents.DECIDED_AT,
            0);

    String value = OrderFeedback.rejected(refused, "10043 price_wrong_tick", NOW, RECEIVED);

    assertThat(decode(value))
        .isEqualTo(
            new OrderReport(
                "rejected:gsb-ETH-7-h0",
                "ETH-PERPETUAL",
                "gsb-ETH-7-h0",
                OrderStatus.REJECTED,
                0,
                NOW));
    JsonNode params = JSON.readTree(value);
    assertThat(params.get("channel").asText()).isEqualTo("user.orders.any.ETH.raw");
    assertThat(params.get("recv_ts").asLong()).isEqualTo(RECEIVED);
    assertThat(params.get("source").asText()).isEqualTo("gsb-execution-sink");
    assertThat(params.at("/data/reject_reason").asText()).isEqualTo("10043 price_wrong_tick");
    assertThat(params.at("/data/price").asDouble()).isEqualTo(3000.07);
  }

  @Test
  void aStatusCheckThatFindsNothingDecodesAsRejectedWithoutAmountOrPrice() throws Exception {
    OrderIntent check = byLabel(OrderIntent.Kind.CHECK_STATUS, "gsb-BTC-9-p1", "BTC-PERPETUAL");

    String value = OrderFeedback.rejected(check, "never arrived", NOW, RECEIVED);

    assertThat(decode(value).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(decode(value).filledAmount()).isZero();
    assertThat(JSON.readTree(value).get("data").has("price")).isFalse();
    assertThat(JSON.readTree(value).get("data").has("amount")).isFalse();
  }

  @Test
  void aFoundOrderIsPublishedAsTheExchangeReportedIt() throws Exception {
    // The first order of Deribit's own user.orders example.
    String frame = Files.readAllLines(fixture("ws_user_orders.json")).get(0);
    JsonNode order = JSON.readTree(frame).at("/params/data");

    String value = OrderFeedback.found(order, RECEIVED);

    assertThat(JSON.readTree(value).get("data")).isEqualTo(order);
    assertThat(JSON.readTree(value).get("channel").asText()).isEqualTo("user.orders.any.BTC.raw");
    assertThat(decode(value))
        .isEqualTo(
            new OrderReport("5", "BTC-PERPETUAL", "", OrderStatus.OPEN, 0, 1_581_507_423_789L));
  }

  /** The one order report {@code value} decodes to. */
  static OrderReport decode(String value) throws MalformedMessageException {
    List<UserEvent> events = new ArrayList<>();
    new UserDecoder().decode(value, events::add);
    assertThat(events).hasSize(1);
    return events.get(0).order();
  }

  private static Path fixture(String name) {
    return Path.of(System.getProperty("gsb.fixtures", "../../fixtures/deribit")).resolve(name);
  }
}
