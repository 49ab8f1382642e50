package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gammastraddle.deribit.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationsTest {

  private static final long RECV_TS = 1_789_344_933_994_718_924L;
  private static final String PARAMS_FIELD = "\"params\":";

  private static final ObjectMapper EXACT =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private static List<String> subscriptionLines() {
    List<String> lines = new ArrayList<>();
    for (Path file : Fixtures.files()) {
      Fixtures.lines(file).stream().filter(Fixtures::isSubscription).forEach(lines::add);
    }
    return lines;
  }

  /** Every number literal in a JSON text, as written. */
  private static List<String> numberTexts(String json) throws IOException {
    List<String> numbers = new ArrayList<>();
    try (JsonParser parser = EXACT.getFactory().createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isNumeric()) {
          numbers.add(parser.getText());
        }
      }
    }
    return numbers;
  }

  @Test
  void copiesTheParamsOfEveryFixtureNotificationVerbatimAfterRecvTs() throws Exception {
    List<String> lines = subscriptionLines();

    assertThat(lines).hasSizeGreaterThan(25);
    for (String line : lines) {
      // In the compact fixture lines params is the last field, so its text is known independently.
      assertThat(line).endsWith("}}");
      String paramsText =
          line.substring(line.indexOf(PARAMS_FIELD) + PARAMS_FIELD.length(), line.length() - 1);

      String value = Notifications.paramsWithReceiveTime(line, RECV_TS);

      assertThat(value)
          .as(line)
          .isEqualTo("{\"recv_ts\":" + RECV_TS + "," + paramsText.substring(1));
      ObjectNode parsed = (ObjectNode) EXACT.readTree(value);
      assertThat(parsed.remove("recv_ts").asLong()).isEqualTo(RECV_TS);
      assertThat(parsed).isEqualTo(EXACT.readTree(line).get("params"));
      assertThat(numberTexts(value))
          .containsExactlyElementsOf(prepend(String.valueOf(RECV_TS), numberTexts(paramsText)));
    }
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  @Test
  void keepsExponentsAndIntegersAbove2To53AsDeribitWroteThem() {
    String book = Fixtures.lines("ws_book_100ms.json").get(7);
    String trades = Fixtures.lines("ws_trades.json").get(4);

    assertThat(Notifications.paramsWithReceiveTime(book, 1)).contains("1.0002e6", "3.0e6");
    assertThat(Notifications.paramsWithReceiveTime(trades, 1))
        .contains("\"starbase_match_id\":225046781992378368")
        .contains("\"starbase_timestamp\":1789344933994718924");
  }

  @Test
  void findsParamsWhereverTheyAreAndKeepsTheirWhitespace() {
    String frame =
        "{ \"params\" : { \"data\" : {\"price\": 1e3, \"nested\": {\"channel\": \"no\"}},"
            + " \"channel\" : \"ticker.ETH-PERPETUAL.100ms\" } , \"method\":\"subscription\","
            + "\"jsonrpc\":\"2.0\"}";

    SubscriptionParams params = Notifications.subscription(frame);

    assertThat(params.channel()).isEqualTo("ticker.ETH-PERPETUAL.100ms");
    assertThat(params.key()).isEqualTo("ETH-PERPETUAL");
    assertThat(params.json())
        .isEqualTo(
            "{ \"data\" : {\"price\": 1e3, \"nested\": {\"channel\": \"no\"}},"
                + " \"channel\" : \"ticker.ETH-PERPETUAL.100ms\" }");
    assertThat(params.withReceiveTime(7)).startsWith("{\"recv_ts\":7, \"data\" : {\"price\": 1e3");
  }

  @Test
  void returnsNullForFramesThatAreNotSubscriptionNotifications() {
    List<String> others = new ArrayList<>(Fixtures.lines("ws_heartbeat.json"));
    others.addAll(Fixtures.lines("rpc_public_subscribe.json"));
    others.addAll(Fixtures.lines("rpc_errors.json"));
    others.add("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"data\":{}}}");
    others.add("{\"jsonrpc\":\"2.0\",\"method\":\"subscription\"}");

    assertThat(others)
        .allSatisfy(frame -> assertThat(Notifications.paramsWithReceiveTime(frame, 1)).isNull());
  }

  @Test
  void refusesFramesThatAreNotJsonObjects() {
    assertThatThrownBy(() -> Notifications.subscription("[1,2]"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Notifications.subscription(
                    "{\"method\":\"subscription\",\"params\":{\"channel\":\"a.b\""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysByTheInstrumentOrIndexNameInTheChannel() {
    assertThat(Notifications.channelKey("book.BTC-PERPETUAL.100ms")).isEqualTo("BTC-PERPETUAL");
    assertThat(Notifications.channelKey("ticker.BTC-30SEP22-60000-C.100ms"))
        .isEqualTo("BTC-30SEP22-60000-C");
    assertThat(Notifications.channelKey("trades.ETH-PERPETUAL.100ms")).isEqualTo("ETH-PERPETUAL");
    assertThat(Notifications.channelKey("deribit_price_index.btc_usd")).isEqualTo("btc_usd");
    assertThat(Notifications.channelKey("book.BTC-PERPETUAL.none.20.100ms"))
        .isEqualTo("BTC-PERPETUAL");
    assertThatThrownBy(() -> Notifications.channelKey("heartbeat"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Notifications.channelKey("book..100ms"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addsRecvTsToAnEmptyParamsObjectWithoutADanglingComma() throws Exception {
    String value = new SubscriptionParams("a.b", "{ }").withReceiveTime(5);

    JsonNode parsed = EXACT.readTree(value);
    assertThat(value).isEqualTo("{\"recv_ts\":5 }");
    assertThat(parsed.size()).isEqualTo(1);
  }
}
