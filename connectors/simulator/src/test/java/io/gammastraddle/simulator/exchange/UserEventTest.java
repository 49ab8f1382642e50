package io.gammastraddle.simulator.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which of Deribit's user channels an event belongs to, and its notification frame. */
class UserEventTest {
  private static final UserEvent ORDER =
      new UserEvent(
          "alice",
          UserEvent.Type.ORDERS,
          "BTC-PERPETUAL",
          "future",
          "BTC",
          "{\"order_id\":\"BTC-1\"}");
  private static final UserEvent TRADES =
      new UserEvent(
          "alice",
          UserEvent.Type.TRADES,
          "BTC-5JAN24-60000-C",
          "option",
          "BTC",
          "[{\"trade_id\":\"BTC-1\"}]");
  private static final UserEvent PORTFOLIO =
      new UserEvent("alice", UserEvent.Type.PORTFOLIO, null, null, "BTC", "{\"balance\":10.0}");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user.orders.BTC-PERPETUAL.raw",
        "user.orders.BTC-PERPETUAL.100ms",
        "user.orders.future.BTC.raw",
        "user.orders.future.btc.raw",
        "user.orders.any.BTC.raw",
        "user.orders.future.any.raw",
        "user.orders.any.any.agg2"
      })
  void orderEventMatches(String channel) {
    assertThat(ORDER.matches(channel)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user.orders.ETH-PERPETUAL.raw",
        "user.orders.option.BTC.raw",
        "user.orders.future.ETH.raw",
        "user.orders.BTC-PERPETUAL.1s",
        "user.trades.BTC-PERPETUAL.raw",
        "user.portfolio.btc",
        "user.orders.future.BTC.raw.extra",
        "book.BTC-PERPETUAL.100ms"
      })
  void orderEventDoesNotMatch(String channel) {
    assertThat(ORDER.matches(channel)).isFalse();
  }

  @Test
  void tradesEventMatchesItsInstrumentAndKindChannels() {
    assertThat(TRADES.matches("user.trades.BTC-5JAN24-60000-C.raw")).isTrue();
    assertThat(TRADES.matches("user.trades.option.BTC.100ms")).isTrue();
    assertThat(TRADES.matches("user.trades.any.any.raw")).isTrue();
    assertThat(TRADES.matches("user.trades.future.BTC.raw")).isFalse();
    assertThat(TRADES.matches("user.orders.option.BTC.raw")).isFalse();
  }

  @Test
  void portfolioEventMatchesItsLowerCaseCurrencyOrAny() {
    assertThat(PORTFOLIO.matches("user.portfolio.btc")).isTrue();
    assertThat(PORTFOLIO.matches("user.portfolio.any")).isTrue();
    assertThat(PORTFOLIO.matches("user.portfolio.eth")).isFalse();
    assertThat(PORTFOLIO.matches("user.portfolio.BTC")).as("currency in either case").isTrue();
    assertThat(PORTFOLIO.matches("user.orders.any.any.raw")).isFalse();
  }

  @Test
  void frameWrapsTheDataInASubscriptionNotification() {
    JsonNode frame = Trader.parse(ORDER.frame("user.orders.future.BTC.raw"));

    assertThat(frame.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(frame.get("method").asText()).isEqualTo("subscription");
    assertThat(frame.at("/params/channel").asText()).isEqualTo("user.orders.future.BTC.raw");
    assertThat(frame.at("/params/data/order_id").asText()).isEqualTo("BTC-1");
  }

  @Test
  void orderOnAnIntervalChannelIsAnArrayAsOnDeribit() {
    JsonNode data = Trader.parse(ORDER.frame("user.orders.BTC-PERPETUAL.100ms")).at("/params/data");

    assertThat(data.isArray()).isTrue();
    assertThat(data.get(0).get("order_id").asText()).isEqualTo("BTC-1");
    assertThat(
            Trader.parse(TRADES.frame("user.trades.option.BTC.raw")).at("/params/data").isArray())
        .isTrue();
  }

  @Test
  void frameRefusesAChannelTheEventIsNotFor() {
    assertThatThrownBy(() -> PORTFOLIO.frame("user.portfolio.eth"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
