package io.gammastraddle.deribit.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.orders.Leg;
import io.gammastraddle.orders.OrderLabel;
import io.gammastraddle.orders.OrderStatus;
import io.gammastraddle.orders.OrderUpdate;
import io.gammastraddle.orders.Side;
import io.gammastraddle.positions.Fill;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The user events of the simulator's paper exchange decode. The simulator's test classes cannot be
 * reached from here (it depends on this module), so these values are written by hand with every
 * field, in the order, that its {@code ExchangeJson.order}, {@code trade} and {@code portfolio}
 * write, wrapped as the bridge wraps them for {@code deribit.user.raw}: the channels it subscribes
 * to ({@code user.orders.any.BTC.raw}, {@code user.trades.any.BTC.raw}, {@code user.portfolio.btc})
 * and {@code recv_ts}.
 */
class PaperExchangeEventsTest {

  private static final String LABEL = "gsb-BTC-7-c0";

  /** A filled buy of 0.1 BTC-5JAN24-60000-C at 0.0155: an order without {@code cancel_reason}. */
  private static final String ORDER =
      """
      {"channel":"user.orders.any.BTC.raw","data":{"order_id":"BTC-3",\
      "instrument_name":"BTC-5JAN24-60000-C","direction":"buy","amount":0.1,"contracts":0.1,\
      "filled_amount":0.1,"price":0.0155,"average_price":0.0155,"order_type":"limit",\
      "order_state":"filled","time_in_force":"good_til_cancelled","label":"gsb-BTC-7-c0",\
      "post_only":false,"reduce_only":false,"max_show":0.1,"replaced":false,\
      "creation_timestamp":1704067200000,"last_update_timestamp":1704067200250,"api":true,\
      "web":false,"mmp":false,"risk_reducing":false,"is_liquidation":false,\
      "is_rebalance":false},"recv_ts":1704067200251000000}""";

  /** Its trade, taker: fee 0.0003 x 0.1 = 0.00003 BTC. */
  private static final String TRADES =
      """
      {"channel":"user.trades.any.BTC.raw","data":[{"trade_id":"BTC-5","trade_seq":1,\
      "timestamp":1704067200250,"tick_direction":0,"instrument_name":"BTC-5JAN24-60000-C",\
      "order_id":"BTC-3","direction":"buy","price":0.0155,"amount":0.1,"contracts":0.1,\
      "liquidity":"T","fee":3.0E-5,"fee_currency":"BTC","mark_price":0.0152,\
      "index_price":42000.5,"order_type":"limit","state":"filled","post_only":false,\
      "reduce_only":false,"matching_id":null,"api":true,"mmp":false,"risk_reducing":false,\
      "label":"gsb-BTC-7-c0"}],"recv_ts":1704067200252000000}""";

  private static final String PORTFOLIO =
      """
      {"channel":"user.portfolio.btc","data":{"currency":"BTC","balance":9.99847,\
      "equity":9.99817,"margin_balance":9.99817,"available_funds":9.99817,\
      "available_withdrawal_funds":9.99817,"initial_margin":0.0,"maintenance_margin":0.0,\
      "projected_initial_margin":0.0,"projected_maintenance_margin":0.0,"delta_total":0.052,\
      "projected_delta_total":0.052,"delta_total_map":{"btc_usd":0.052},"options_delta":0.052,\
      "options_gamma":1.2E-5,"options_vega":2.1,"options_theta":-3.4,"options_value":0.00152,\
      "options_gamma_map":{"btc_usd":1.2E-5},"options_vega_map":{"btc_usd":2.1},\
      "options_theta_map":{"btc_usd":-3.4},"session_upl":-0.0003,"session_rpl":0.0,\
      "futures_session_upl":0.0,"futures_session_rpl":0.0,"options_session_upl":-0.0003,\
      "options_session_rpl":0.0,"futures_pl":0.0,"options_pl":-0.0003,"total_pl":-0.0003,\
      "fee_balance":0.0,"spot_reserve":0.0,"estimated_liquidation_ratio":0.0,\
      "estimated_liquidation_ratio_map":{"btc_usd":0.0},"margin_model":"segregated_sm",\
      "portfolio_margining_enabled":false,"cross_collateral_enabled":false,\
      "additional_reserve":0.0},"recv_ts":1704067200253000000}""";

  private final UserDecoder decoder = new UserDecoder();

  private UserEvent decodeOne(String value) throws Exception {
    List<UserEvent> events = new ArrayList<>();
    decoder.decode(value, events::add);
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @Test
  void decodesThePaperExchangesOrderIntoOurUpdate() throws Exception {
    assertThat(decodeOne(ORDER).order().ourUpdate())
        .contains(
            new OrderUpdate(
                OrderLabel.first("BTC", 7, Leg.CALL), OrderStatus.FILLED, 0.1, 1704067200250L));
  }

  @Test
  void decodesThePaperExchangesTradeIntoAFill() throws Exception {
    assertThat(decodeOne(TRADES).fill())
        .isEqualTo(
            new Fill(
                "BTC-5JAN24-60000-C",
                Side.BUY,
                0.1,
                0.0155,
                0.00003,
                42000.5,
                1704067200250L,
                LABEL,
                "BTC-5"));
  }

  @Test
  void decodesThePaperExchangesPortfolio() throws Exception {
    AccountSnapshot account = decodeOne(PORTFOLIO).account();

    assertThat(account.equity()).isEqualTo(9.99817);
    assertThat(account.deltaTotal()).isEqualTo(0.052);
    // recv_ts 1704067200253000000 ns / 1_000_000 = 1704067200253 ms
    assertThat(account.timestamp()).isEqualTo(1704067200253L);
  }
}
