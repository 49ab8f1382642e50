package io.gammastraddle.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import org.junit.jupiter.api.Test;

class UserChannelsTest {

  private static SubscriptionParams line(String file, int line) {
    return Notifications.subscription(Fixtures.lines(file).get(line - 1));
  }

  @Test
  void subscribesEveryRawOrderAndTradeAndThePortfolioOfACurrency() {
    assertThat(UserChannels.channels("ETH"))
        .containsExactly(
            "user.orders.any.ETH.raw", "user.trades.any.ETH.raw", "user.portfolio.eth");
    assertThat(UserChannels.channels("ETH")).allMatch(UserChannels::isUser);
    assertThat(UserChannels.isUser("ticker.BTC-PERPETUAL.100ms")).isFalse();
  }

  @Test
  void keysAnOrderByItsIdWhenItHasNoLabel() {
    assertThat(UserChannels.key(line("ws_user_orders.json", 1))).isEqualTo("5");
    assertThat(UserChannels.key(line("ws_user_orders.json", 2)))
        .as("aggregated: data is an array")
        .isEqualTo("4");
  }

  @Test
  void keysAnOrderByItsLabelWhenItHasOne() {
    String labelled =
        Fixtures.lines("ws_user_orders.json")
            .get(0)
            .replace("\"label\":\"\"", "\"label\":\"gsb-BTC-7-call\"");

    assertThat(UserChannels.key(Notifications.subscription(labelled))).isEqualTo("gsb-BTC-7-call");
  }

  @Test
  void keysTradesByTheFirstTradesOrder() {
    assertThat(UserChannels.key(line("ws_user_trades.json", 1))).isEqualTo("4008965646");
    assertThat(UserChannels.key(line("ws_user_trades.json", 2))).isEqualTo("4008978075");
  }

  @Test
  void keysThePortfolioByItsCurrency() {
    assertThat(UserChannels.key(line("ws_user_portfolio.json", 1))).isEqualTo("BTC");
    assertThat(UserChannels.key(line("ws_user_portfolio.json", 2))).isEqualTo("USDT");
    assertThat(
            UserChannels.key(
                new SubscriptionParams(
                    "user.portfolio.eth", "{\"channel\":\"user.portfolio.eth\"}")))
        .isEqualTo("ETH");
  }

  @Test
  void wrapsThePositionsAnswerInANotificationOfTheBridgesOwnChannel() throws Exception {
    JsonNode result =
        new ObjectMapper().readTree("[{\"instrument_name\":\"ETH-PERPETUAL\",\"size\":-10}]");

    SubscriptionParams params = UserChannels.positions("ETH", result);

    assertThat(params.channel()).isEqualTo("gsb.positions.ETH");
    assertThat(UserChannels.isUser(params.channel())).as("not a Deribit user channel").isFalse();
    assertThat(params.withReceiveTime(7))
        .isEqualTo(
            "{\"recv_ts\":7,\"channel\":\"gsb.positions.ETH\","
                + "\"data\":[{\"instrument_name\":\"ETH-PERPETUAL\",\"size\":-10}]}");
  }
}
