package io.gammastraddle.deribit.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gammastraddle.deribit.Fixtures;
import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.orders.Leg;
import io.gammastraddle.orders.OrderLabel;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.orders.OrderUpdate;
import io.gammastraddle.orders.Side;
import io.gammastraddle.positions.ExchangePosition;
import io.gammastraddle.positions.Fill;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserDecoderTest {

  /** 2023-11-14T22:13:20.123456789Z in epoch ns. */
  private static final long RECEIVED_NANOS = 1_700_000_000_123_456_789L;

  private final UserDecoder decoder = new UserDecoder();

  private List<UserEvent> decode(String value) throws MalformedMessageException {
    List<UserEvent> events = new ArrayList<>();
    decoder.decode(value, events::add);
    return events;
  }

  private static String fixture(String file, int line) {
    return Fixtures.marketValue(Fixtures.lines(file).get(line - 1), RECEIVED_NANOS);
  }

  /**
   * The answer of {@code private/get_positions} (rpc_private_get_positions.json, line 2: a long
   * BTC-PERPETUAL of 50 USD at 7440.18) as the bridge writes it under {@code gsb.positions.BTC}.
   */
  private static String positions() {
    String response = Fixtures.lines("rpc_private_get_positions.json").get(1);
    String result = response.substring(response.indexOf("\"result\":") + "\"result\":".length());
    return "{\"recv_ts\":"
        + RECEIVED_NANOS
        + ",\"channel\":\"gsb.positions.BTC\",\"data\":"
        + result.substring(0, result.length() - 1)
        + "}";
  }

  /** {@link #positions()} with {@code position} (a JSON object) listed after the fixture's one. */
  private static String positionsWith(String position) {
    String value = positions();
    return value.substring(0, value.length() - 2) + "," + position + "]}";
  }

  private static String firstOrderWith(String from, String to) {
    String value = fixture("ws_user_orders.json", 1);
    assertThat(value).contains(from);
    return value.replace(from, to);
  }

  private void assertRefused(String value, String reason) {
    List<UserEvent> events = new ArrayList<>();
    assertThatThrownBy(() -> decoder.decode(value, events::add))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage(reason);
    assertThat(events).as("a refused message emits nothing").isEmpty();
  }

  /**
   * {@code value}, which must contain {@code from}, is refused once it is replaced by {@code to}.
   */
  private void assertRefusedOnceReplaced(String value, String from, String to, String reason) {
    assertThat(value).contains(from);
    assertRefused(value.replace(from, to), reason);
  }

  @Test
  void decodesARawOrderWithoutALabelAsNotOurs() throws Exception {
    OrderReport order = decode(fixture("ws_user_orders.json", 1)).get(0).order();

    assertThat(order)
        .isEqualTo(new OrderReport("5", "BTC-PERPETUAL", "", OrderStatus.OPEN, 0, 1581507423789L));
    assertThat(order.ourUpdate()).isEmpty();
  }

  @Test
  void decodesOurLabelledOrderIntoTheOrderEnginesUpdate() throws Exception {
    String filled =
        firstOrderWith("\"label\":\"\"", "\"label\":\"gsb-BTC-7-c0\"")
            .replace("\"order_state\":\"open\"", "\"order_state\":\"filled\"")
            .replace("\"filled_amount\":0", "\"filled_amount\":200");

    OrderReport order = decode(filled).get(0).order();

    assertThat(order.ourUpdate())
        .contains(
            new OrderUpdate(
                OrderLabel.first("BTC", 7, Leg.CALL), OrderStatus.FILLED, 200, 1581507423789L));
  }

  @Test
  void keepsAForeignLabelButGivesNoUpdateForIt() throws Exception {
    OrderReport order =
        decode(firstOrderWith("\"label\":\"\"", "\"label\":\"manual hedge\"")).get(0).order();

    assertThat(order.label()).isEqualTo("manual hedge");
    assertThat(order.ourUpdate()).isEmpty();
  }

  @Test
  void decodesOrdersOfIntervalChannelsWhoseDataIsAnArray() throws Exception {
    assertThat(decode(fixture("ws_user_orders.json", 2)))
        .extracting(e -> e.order().orderId(), e -> e.order().timestamp())
        .containsExactly(tuple("4", 1581507159533L));
    assertThat(decode(fixture("ws_user_orders.json", 3)).get(0).order().orderId()).isEqualTo("6");
    assertThat(decode(fixture("ws_user_orders.json", 4)).get(0).order().filledAmount()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
    "open, OPEN",
    "untriggered, OPEN",
    "triggered, OPEN",
    "filled, FILLED",
    "cancelled, CANCELLED",
    "rejected, REJECTED"
  })
  void mapsDeribitsOrderStates(String orderState, OrderStatus expected) throws Exception {
    String value =
        firstOrderWith("\"order_state\":\"open\"", "\"order_state\":\"" + orderState + "\"");

    assertThat(decode(value).get(0).order().status()).isEqualTo(expected);
  }

  @Test
  void decodesEachTradeIntoAFill() throws Exception {
    List<UserEvent> events = decode(fixture("ws_user_trades.json", 1));

    assertThat(events)
        .extracting(UserEvent::fill)
        .containsExactly(
            new Fill(
                "BTC-PERPETUAL",
                Side.SELL,
                20,
                8954,
                0.00000168,
                8956.73,
                1590484156350L,
                "",
                "48079254"),
            new Fill(
                "BTC-PERPETUAL",
                Side.SELL,
                20,
                8954,
                0.00000168,
                8956.73,
                1590484156350L,
                "",
                "48079255"));
    assertThat(events).allSatisfy(e -> assertThat(e.order()).isNull());
  }

  @Test
  void refusesATradeInAFutureSinceNoFillCanHoldIt() {
    assertRefused(
        fixture("ws_user_trades.json", 2),
        "trade: not a Deribit inverse option or inverse perpetual: BTC-25SEP20");
  }

  @Test
  void decodesThePortfolioWithTheReceiveTimeAsItsTimestamp() throws Exception {
    AccountSnapshot account = decode(fixture("ws_user_portfolio.json", 1)).get(0).account();

    // 1_700_000_000_123_456_789 ns / 1_000_000 = 1_700_000_000_123 ms
    assertThat(account)
        .isEqualTo(
            new AccountSnapshot(
                "BTC",
                302.6188592,
                302.60065765,
                302.62675921,
                301.38036328,
                1.24639592,
                0.8854841,
                31.602298,
                1_700_000_000_123L));
  }

  @Test
  void decodesTheCrossCollateralPortfolioOfAnyCurrency() throws Exception {
    AccountSnapshot account = decode(fixture("ws_user_portfolio.json", 2)).get(0).account();

    assertThat(account.currency()).isEqualTo("USDT");
    assertThat(account.equity()).isEqualTo(55.00055);
    assertThat(account.availableFunds()).isEqualTo(53.868247);
    assertThat(account.deltaTotal()).isZero();
  }

  @Test
  void prefersThePortfoliosOwnTimestamp() throws Exception {
    String value =
        fixture("ws_user_portfolio.json", 1)
            .replace("\"currency\":\"BTC\"", "\"currency\":\"BTC\",\"timestamp\":1590484156350");

    assertThat(decode(value).get(0).account().timestamp()).isEqualTo(1590484156350L);
  }

  @Test
  void decodesTheExchangesPositionsWithTheReceiveTimeAsTheirTimestamp() throws Exception {
    List<UserEvent> events = decode(positions());

    // 1_700_000_000_123_456_789 ns / 1_000_000 = 1_700_000_000_123 ms
    assertThat(events)
        .extracting(UserEvent::positions)
        .containsExactly(
            new PositionsSnapshot(
                "BTC",
                List.of(new ExchangePosition("BTC-PERPETUAL", 50, 7440.18)),
                1_700_000_000_123L));
    assertThat(UserDecoder.positionsChannel("BTC")).isEqualTo("gsb.positions.BTC");
  }

  @Test
  void keepsAShortOptionSignedAndDropsPositionsClosedToZero() throws Exception {
    String value =
        positionsWith(
                """
                {"instrument_name":"BTC-27JUN25-60000-C","direction":"sell","size":-0.5,\
                "average_price":0.0155,"kind":"option"}""")
            .replace("]}", "," + closedFuture() + "]}");

    PositionsSnapshot snapshot = decode(value).get(0).positions();

    assertThat(snapshot.positions())
        .containsExactly(
            new ExchangePosition("BTC-PERPETUAL", 50, 7440.18),
            new ExchangePosition("BTC-27JUN25-60000-C", -0.5, 0.0155));
  }

  /** A future closed earlier: Deribit still lists it, with size 0 and average price 0. */
  private static String closedFuture() {
    return """
        {"instrument_name":"BTC-25SEP20","direction":"zero","size":0,"average_price":0,\
        "kind":"future"}""";
  }

  @Test
  void decodesAnAccountWithoutPositionsIntoAnEmptySnapshot() throws Exception {
    String value =
        "{\"recv_ts\":" + RECEIVED_NANOS + ",\"channel\":\"gsb.positions.ETH\",\"data\":[]}";

    assertThat(decode(value).get(0).positions())
        .isEqualTo(new PositionsSnapshot("ETH", List.of(), 1_700_000_000_123L));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "size":50                            | "size":-50                         | position: direction buy but size -50.0 in BTC-PERPETUAL
          "size":50                            | "size":"50"                        | position: size missing or not a number
          "average_price":7440.18              | "average_price":0                  | position: need a finite size and, when open, a positive average price: BTC-PERPETUAL size=50.0 averagePrice=0.0
          "instrument_name":"BTC-PERPETUAL"    | "instrument_name":"BTC-25SEP20"    | position: not a Deribit inverse option or inverse perpetual: BTC-25SEP20
          "instrument_name":"BTC-PERPETUAL"    | "instrument_name":"ETH-PERPETUAL"  | position: ETH-PERPETUAL on channel gsb.positions.BTC
          "instrument_name":"BTC-PERPETUAL",   | ''                                 | position: missing instrument_name
          """)
  void refusesTheSnapshotWhenOnePositionIsBad(String from, String to, String reason) {
    assertRefusedOnceReplaced(positions(), from, to, reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"recv_ts":1700000000123456789,"channel":"gsb.positions.BTC","data":{}}   | positions data is not an array
          {"recv_ts":1700000000123456789,"channel":"gsb.positions.BTC","data":[[]]} | position is not a JSON object
          {"channel":"gsb.positions.BTC","data":[]}               | missing or non-integer recv_ts
          {"recv_ts":1700000000123456789,"channel":"gsb.positions.","data":[]}      | a positions snapshot needs its currency
          {"recv_ts":1700000000123456789,"channel":"gsb.orders.BTC","data":[]}      | unsupported channel gsb.orders.BTC
          """)
  void refusesAMalformedPositionsSnapshotWithItsReason(String value, String reason) {
    assertRefused(value, reason);
  }

  @Test
  void refusesWhatIsNotOneJsonValue() {
    assertThatThrownBy(() -> decode("{\"channel\":\"user.orders.any.BTC.raw\",\"data\":"))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageStartingWith("not JSON: Unexpected end-of-input");
    assertThatThrownBy(() -> decode("{\"channel\":\"user.portfolio.btc\"} {}"))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageStartingWith("not JSON: Trailing token");
    assertRefused("", "not a JSON object");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          [1,2]                                          | not a JSON object
          {"data":{}}                                    | missing channel
          {"channel":7.5,"data":{}}                      | channel is not a string: 7.5
          {"channel":"user.orders.any.BTC.raw"}          | no data in user.orders.any.BTC.raw
          {"channel":"user.orders.any.BTC.raw","data":null} | no data in user.orders.any.BTC.raw
          {"channel":"user.changes.any.BTC.raw","data":{}} | unsupported channel user.changes.any.BTC.raw
          {"channel":"book.BTC-PERPETUAL.100ms","data":{}} | unsupported channel book.BTC-PERPETUAL.100ms
          {"channel":"user.orders.any.BTC.raw","data":[7]} | order is not a JSON object
          {"channel":"user.trades.any.BTC.raw","data":{}}  | trades data is not an array
          {"channel":"user.portfolio.btc","data":[]}       | portfolio is not a JSON object
          """)
  void refusesAMalformedEnvelopeWithItsReason(String value, String reason) {
    assertRefused(value, reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "order_id":"5",                 | "order_id":"",                  | order: empty order_id
          "order_state":"open"            | "order_state":"archive"         | order: order_state archive does not say whether the order filled
          "order_state":"open"            | "order_state":"pending"         | order: unknown order_state pending
          "order_state":"open",           | ''                              | order: missing order_state
          "filled_amount":0               | "filled_amount":"0"             | order: filled_amount missing or not a number
          "filled_amount":0               | "filled_amount":-1              | order 5: filled amount must be >= 0 and finite: -1.0
          "label":""                      | "label":["gsb"]                 | order: label is not a string: ["gsb"]
          "instrument_name":"BTC-PERPETUAL" | "instrument_name":true        | order: instrument_name is not a string: true
          """)
  void refusesABadOrderWithItsReason(String from, String to, String reason) {
    assertRefused(firstOrderWith(from, to), reason);
  }

  @Test
  void readsAnIntegerWrittenAsAFloatButRefusesAFraction() throws Exception {
    String key = "\"last_update_timestamp\":1581507423789";

    assertThat(decode(firstOrderWith(key, key.replace("1581507423789", "1.5e12"))))
        .extracting(e -> e.order().timestamp())
        .containsExactly(1_500_000_000_000L);
    assertRefused(
        firstOrderWith(key, key.replace("1581507423789", "1581507423789.5")),
        "order: missing or non-integer last_update_timestamp");
    assertRefused(
        firstOrderWith(key, key.replace("1581507423789", "0")),
        "order: last_update_timestamp must be positive");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "direction":"sell","amount":20}]  | "direction":"up","amount":20}]    | trade: direction must be buy or sell: up
          "fee":1.68E-6,"direction":"sell","amount":20}] | "direction":"sell","amount":20}] | trade: fee missing or not a number
          "fee_currency":"BTC","fee":1.68E-6,"direction":"sell","amount":20}] | "fee_currency":"USDC","fee":1.68E-6,"direction":"sell","amount":20}] | trade: fee in USDC, not in BTC, for BTC-PERPETUAL
          "trade_id":"48079255"             | "trade_id":null                   | trade: missing trade_id
          "direction":"sell","amount":20}]  | "direction":"sell","amount":0}]   | trade: amount, price and index price must be positive and finite: amount=0.0 price=8954.0 indexPrice=8956.73 trade 48079255
          """)
  void refusesAllTradesWhenOneIsBad(String from, String to, String reason) {
    assertRefusedOnceReplaced(fixture("ws_user_trades.json", 1), from, to, reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "channel":"user.portfolio.btc" | "channel":"user.portfolio.eth" | portfolio: BTC on channel user.portfolio.eth
          "equity":302.6188592           | "equity":"302.6"               | portfolio: equity missing or not a number
          "delta_total":31.602298,       | ''                             | portfolio: delta_total missing or not a number
          "maintenance_margin":0.8854841 | "maintenance_margin":-1        | BTC account: margins must be >= 0 and finite: initial 1.24639592, maintenance -1.0
          "recv_ts":1700000000123456789  | "recv_ts":"soon"               | missing or non-integer recv_ts
          """)
  void refusesABadPortfolioWithItsReason(String from, String to, String reason) {
    assertRefusedOnceReplaced(fixture("ws_user_portfolio.json", 1), from, to, reason);
  }
}
