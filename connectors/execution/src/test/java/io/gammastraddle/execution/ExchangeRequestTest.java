package io.gammastraddle.execution;

import static io.gammastraddle.execution.Intents.byLabel;
import static io.gammastraddle.execution.Intents.place;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.orders.OrderPolicy;
import io.gammastraddle.orders.Side;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON-RPC request of each kind of intent. */
class ExchangeRequestTest {

  private static final String CALL = "BTC-27DEC24-60000-C";

  @Test
  void postOnlyBuyIsAGoodTillCancelledLimitRefusedRatherThanMovedWhenItWouldCross() {
    ExchangeRequest request =
        ExchangeRequest.place(
            place(
                Side.BUY,
                CALL,
                0.3,
                0.0215,
                OrderPolicy.POST_ONLY,
                false,
                "gsb-BTC-1042-c0",
                Intents.DECIDED_AT,
                0));

    assertThat(request.method()).isEqualTo("private/buy");
    assertThat(request.params())
        .containsExactlyEntriesOf(
            ordered(
                "instrument_name",
                CALL,
                "amount",
                0.3,
                "type",
                "limit",
                "price",
                0.0215,
                "label",
                "gsb-BTC-1042-c0",
                "reduce_only",
                false,
                "post_only",
                true,
                "reject_post_only",
                true,
                "time_in_force",
                "good_til_cancelled"));
  }

  @Test
  void immediateOrCancelSellCarriesItsTimeInForceAndReduceOnly() {
    ExchangeRequest request =
        ExchangeRequest.place(
            place(
                Side.SELL,
                "ETH-PERPETUAL",
                20,
                3000.05,
                OrderPolicy.IOC,
                true,
                "gsb-ETH-7-h0",
                Intents.DECIDED_AT,
                0));

    assertThat(request.method()).isEqualTo("private/sell");
    assertThat(request.params())
        .containsExactlyEntriesOf(
            ordered(
                "instrument_name", "ETH-PERPETUAL",
                "amount", 20.0,
                "type", "limit",
                "price", 3000.05,
                "label", "gsb-ETH-7-h0",
                "reduce_only", true,
                "time_in_force", "immediate_or_cancel"));
  }

  @Test
  void cancelAndStatusCheckGoByLabelInTheInstrumentsCurrency() {
    OrderIntent cancel = byLabel(OrderIntent.Kind.CANCEL, "gsb-ETH-7-c0", "ETH-27DEC24-3000-P");

    ExchangeRequest cancelRequest = ExchangeRequest.cancel(cancel);
    ExchangeRequest check =
        ExchangeRequest.statusCheck(
            byLabel(OrderIntent.Kind.CHECK_STATUS, "gsb-BTC-9-p1", "BTC-PERPETUAL"));

    assertThat(cancelRequest.method()).isEqualTo("private/cancel_by_label");
    assertThat(cancelRequest.params())
        .containsExactlyEntriesOf(ordered("currency", "ETH", "label", "gsb-ETH-7-c0"));
    assertThat(check.method()).isEqualTo("private/get_order_state_by_label");
    assertThat(check.params())
        .containsExactlyEntriesOf(ordered("currency", "BTC", "label", "gsb-BTC-9-p1"));
  }

  @Test
  void anIntentOfAnotherKindIsRefused() {
    OrderIntent check = byLabel(OrderIntent.Kind.CHECK_STATUS, "gsb-BTC-9-p1", "BTC-PERPETUAL");

    assertThatThrownBy(() -> ExchangeRequest.place(check))
        .hasMessage("gsb-BTC-9-p1: a CHECK_STATUS intent is not a PLACE");
    assertThatThrownBy(() -> ExchangeRequest.cancel(check))
        .hasMessage("gsb-BTC-9-p1: a CHECK_STATUS intent is not a CANCEL");
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
