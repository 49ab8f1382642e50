package io.gammastraddle.simulator.exchange;

import static io.gammastraddle.simulator.exchange.FakeMarket.CALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code private/get_order_history_by_currency}: closed orders, newest first, paged by count and
 * offset. BTC-PERPETUAL asks 60,000 x 1000 USD, so a buy at 60,000 fills at once and one at 59,000
 * rests.
 */
class OrderHistoryTest {
  private final FakeMarket market = new FakeMarket();
  private final PaperExchange exchange = new PaperExchange(market, ExchangeSettings.defaults());
  private final Trader trader = new Trader(exchange, "alice");

  @Test
  void historyListsFilledOrdersNewestFirstAndLeavesOutOpenAndUnfilledOnes() {
    trader.buy("BTC-PERPETUAL", 10, 60_000, "gsb-BTC-1-c0");
    trader.buy("BTC-PERPETUAL", 20, 60_000, "gsb-BTC-2-c0");
    trader.call(
        "private/cancel", "order_id", trader.buy("BTC-PERPETUAL", 30, 59_000, "gsb-BTC-3-c0"));
    trader.buy("BTC-PERPETUAL", 40, 59_000, "gsb-BTC-4-c0");

    JsonNode history = history("currency", "BTC");

    assertThat(labels(history)).containsExactly("gsb-BTC-2-c0", "gsb-BTC-1-c0");
    assertThat(history.get(0).get("order_state").asText()).isEqualTo("filled");
  }

  @Test
  void includeUnfilledAddsOrdersThatClosedWithoutAFill() {
    trader.buy("BTC-PERPETUAL", 10, 60_000, "gsb-BTC-1-c0");
    trader.call(
        "private/cancel", "order_id", trader.buy("BTC-PERPETUAL", 30, 59_000, "gsb-BTC-3-c0"));

    JsonNode history = history("currency", "BTC", "include_unfilled", true);

    assertThat(labels(history)).containsExactly("gsb-BTC-3-c0", "gsb-BTC-1-c0");
    assertThat(history.get(0).get("order_state").asText()).isEqualTo("cancelled");
  }

  @Test
  void countAndOffsetPageThroughTheHistory() {
    for (int seq = 1; seq <= 25; seq++) {
      trader.buy("BTC-PERPETUAL", 10, 60_000, "gsb-BTC-" + seq + "-c0");
    }

    assertThat(history("currency", "BTC")).as("default count").hasSize(20);
    // newest first: offset 2 skips 25 and 24, count 3 takes 23, 22, 21
    assertThat(labels(history("currency", "BTC", "count", 3, "offset", 2)))
        .containsExactly("gsb-BTC-23-c0", "gsb-BTC-22-c0", "gsb-BTC-21-c0");
    assertThat(history("currency", "BTC", "count", 10, "offset", 20)).hasSize(5);
  }

  @Test
  void historyIsFilteredByCurrencyAndKind() {
    trader.buy("BTC-PERPETUAL", 10, 60_000, "perpetual");
    trader.buy(CALL.name(), 1, 0.05, "call");
    trader.buy("ETH-PERPETUAL", 10, 3_100, "eth");

    assertThat(labels(history("currency", "BTC"))).containsExactly("call", "perpetual");
    assertThat(labels(history("currency", "BTC", "kind", "option"))).containsExactly("call");
    assertThat(labels(history("currency", "ETH"))).containsExactly("eth");
  }

  @Test
  void countOutsideOneToTenThousandOrAFractionIsRefused() {
    for (Object count : List.of(0, 10_001, 2.5)) {
      DeribitError error =
          trader.refused(
              "private/get_order_history_by_currency", "currency", "BTC", "count", count);

      assertThat(error.code()).as("count %s", count).isEqualTo(-32602);
      assertThat(error.param()).isEqualTo("count");
    }
  }

  private JsonNode history(Object... nameValuePairs) {
    return trader.call("private/get_order_history_by_currency", nameValuePairs);
  }

  private static List<String> labels(JsonNode orders) {
    return Trader.each(orders, "label");
  }
}
