package io.gammastraddle.simulator.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gammastraddle.deribit.websocket.RequestRateLimiter;
import java.util.List;
import java.util.Locale;

/**
 * The exchange's objects as Deribit's JSON: orders, trades, positions, portfolios and account
 * summaries, with the field names and JSON types of the real messages in {@code fixtures/deribit}
 * (quantities as JSON floats, as the live exchange writes them: {@code "amount":5580.0}).
 */
final class ExchangeJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ExchangeJson() {}

  static String text(JsonNode node) {
    return node.toString();
  }

  static ObjectNode order(Order order) {
    InstrumentSpec instrument = order.instrument();
    ObjectNode json = NODES.objectNode();
    json.put("order_id", order.id())
        .put("instrument_name", instrument.name())
        .put("direction", order.direction().deribitName())
        .put("amount", order.amount())
        .put("contracts", order.amount() / instrument.contractSize())
        .put("filled_amount", order.filledAmount())
        .put("price", order.price())
        .put("average_price", order.averagePrice())
        .put("order_type", order.type().deribitName())
        .put("order_state", order.state().deribitName())
        .put("time_in_force", order.timeInForce().deribitName())
        .put("label", order.label())
        .put("post_only", order.postOnly());
    if (order.postOnly()) {
      json.put("reject_post_only", order.rejectPostOnly());
    }
    json.put("reduce_only", order.reduceOnly())
        .put("max_show", order.amount())
        .put("replaced", order.replaced())
        .put("creation_timestamp", order.creationTimestamp())
        .put("last_update_timestamp", order.lastUpdateTimestamp())
        .put("api", true)
        .put("web", false)
        .put("mmp", false)
        .put("risk_reducing", false)
        .put("is_liquidation", false)
        .put("is_rebalance", false);
    if (order.cancelReason() != null) {
      json.put("cancel_reason", order.cancelReason());
    }
    return json;
  }

  static ArrayNode orders(List<Order> orders) {
    ArrayNode json = NODES.arrayNode();
    orders.forEach(order -> json.add(order(order)));
    return json;
  }

  static ObjectNode trade(Trade trade) {
    Order order = trade.order();
    InstrumentSpec instrument = order.instrument();
    ObjectNode json = NODES.objectNode();
    json.put("trade_id", trade.tradeId())
        .put("trade_seq", trade.tradeSeq())
        .put("timestamp", trade.timestamp())
        .put("tick_direction", trade.tickDirection())
        .put("instrument_name", instrument.name())
        .put("order_id", order.id())
        .put("direction", order.direction().deribitName())
        .put("price", trade.price())
        .put("amount", trade.amount())
        .put("contracts", trade.amount() / instrument.contractSize())
        .put("liquidity", trade.maker() ? "M" : "T")
        .put("fee", trade.fee())
        .put("fee_currency", instrument.currency())
        .put("mark_price", trade.markPrice())
        .put("index_price", trade.indexPrice())
        .put("order_type", order.type().deribitName())
        .put("state", order.state().deribitName())
        .put("post_only", order.postOnly())
        .put("reduce_only", order.reduceOnly())
        .putNull("matching_id")
        .put("api", true)
        .put("mmp", false)
        .put("risk_reducing", false);
    if (!order.label().isEmpty()) {
      json.put("label", order.label());
    }
    return json;
  }

  static ArrayNode trades(List<Trade> trades) {
    ArrayNode json = NODES.arrayNode();
    trades.forEach(trade -> json.add(trade(trade)));
    return json;
  }

  /** {@code private/buy}, {@code sell} and {@code edit}: the order and the trades it made. */
  static ObjectNode orderWithTrades(Order order, List<Trade> trades) {
    ObjectNode json = NODES.objectNode();
    json.set("order", order(order));
    json.set("trades", trades(trades));
    return json;
  }

  static ObjectNode position(Valuation.PositionValue value) {
    Position position = value.position();
    InstrumentSpec instrument = position.instrument();
    double floating = value.floatingPnl();
    MarginRules.Requirement margin = value.margin();
    ObjectNode json = NODES.objectNode();
    json.put("instrument_name", instrument.name())
        .put("kind", instrument.deribitKind())
        .put("direction", position.direction())
        .put("size", position.size())
        .put("average_price", position.averagePrice());
    if (instrument.isOption()) {
      json.put("average_price_usd", position.averagePriceUsd());
    } else {
      json.put("size_currency", position.size() / value.markPrice());
    }
    json.put("mark_price", value.markPrice())
        .put("index_price", value.indexPrice())
        .put("settlement_price", 0.0)
        .put("floating_profit_loss", floating)
        .put("realized_profit_loss", position.realizedPnl())
        .put("total_profit_loss", floating + position.realizedPnl())
        .put("delta", value.delta())
        .put("initial_margin", margin.initial() - margin.openOrders())
        .put("maintenance_margin", margin.maintenance())
        .put("open_orders_margin", margin.openOrders());
    if (instrument.isOption()) {
      json.put("floating_profit_loss_usd", floating * value.indexPrice())
          .put("gamma", value.gamma())
          .put("vega", value.vega())
          .put("theta", value.theta());
    } else {
      // funding and liquidation are not modelled: no funding is paid, nothing is liquidated
      json.put("leverage", Math.round(1 / MarginRules.FUTURES_INITIAL))
          .put("estimated_liquidation_price", 0.0)
          .put("interest_value", 0.0)
          .put("realized_funding", 0.0);
    }
    return json;
  }

  /** {@code user.portfolio.{currency}} data. */
  static ObjectNode portfolio(Valuation valuation) {
    ObjectNode json = accountState(valuation);
    json.put("additional_reserve", 0.0);
    return json;
  }

  /** {@code private/get_account_summary} (with {@code extended} fields) of one currency. */
  static ObjectNode accountSummary(
      Account account, Valuation valuation, ExchangeSettings settings) {
    ObjectNode json = accountState(valuation);
    json.put("id", account.userId())
        .put("username", account.id())
        .put("system_name", account.id())
        .put("email", account.id() + "@paper.invalid")
        .put("type", "main")
        .put("creation_timestamp", account.creationTimestamp())
        .put("login_enabled", false)
        .put("security_keys_enabled", false)
        .put("mmp_enabled", false)
        .put("interuser_transfers_enabled", false)
        .putNull("referrer_id")
        .put("block_rfq_self_match_prevention", true)
        .put("self_trading_reject_mode", "cancel_maker")
        .put("self_trading_extended_to_subaccounts", false);
    json.set("limits", limits(settings.limits()));
    json.set("fees", fees(valuation.ledger().currency(), settings.fees()));
    return json;
  }

  private static ObjectNode accountState(Valuation valuation) {
    String index = indexName(valuation.ledger().currency());
    double deltaTotal = valuation.deltaTotal();
    double futuresUpl = valuation.futuresSessionUpl();
    double futuresRpl = valuation.futuresSessionRpl();
    double optionsUpl = valuation.optionsSessionUpl();
    double optionsRpl = valuation.optionsSessionRpl();
    ObjectNode json = NODES.objectNode();
    json.put("currency", valuation.ledger().currency())
        .put("balance", valuation.balance())
        .put("equity", valuation.equity())
        .put("margin_balance", valuation.marginBalance())
        .put("available_funds", valuation.availableFunds())
        .put("available_withdrawal_funds", valuation.availableWithdrawalFunds())
        .put("initial_margin", valuation.initialMargin())
        .put("maintenance_margin", valuation.maintenanceMargin())
        .put("projected_initial_margin", valuation.initialMargin())
        .put("projected_maintenance_margin", valuation.maintenanceMargin())
        .put("delta_total", deltaTotal)
        .put("projected_delta_total", deltaTotal);
    json.putObject("delta_total_map").put(index, deltaTotal);
    json.put("options_delta", valuation.optionsDelta())
        .put("options_gamma", valuation.optionsGamma())
        .put("options_vega", valuation.optionsVega())
        .put("options_theta", valuation.optionsTheta())
        .put("options_value", valuation.optionsValue());
    json.putObject("options_gamma_map").put(index, valuation.optionsGamma());
    json.putObject("options_vega_map").put(index, valuation.optionsVega());
    json.putObject("options_theta_map").put(index, valuation.optionsTheta());
    json.put("session_upl", futuresUpl + optionsUpl)
        .put("session_rpl", futuresRpl + optionsRpl)
        .put("futures_session_upl", futuresUpl)
        .put("futures_session_rpl", futuresRpl)
        .put("options_session_upl", optionsUpl)
        .put("options_session_rpl", optionsRpl)
        .put("futures_pl", valuation.futuresPl())
        .put("options_pl", valuation.optionsPl())
        .put("total_pl", valuation.futuresPl() + valuation.optionsPl())
        .put("fee_balance", 0.0)
        .put("spot_reserve", 0.0)
        // liquidation is not modelled
        .put("estimated_liquidation_ratio", 0.0);
    json.putObject("estimated_liquidation_ratio_map").put(index, 0.0);
    json.put("margin_model", "segregated_sm")
        .put("portfolio_margining_enabled", false)
        .put("cross_collateral_enabled", false);
    return json;
  }

  private static ObjectNode limits(RequestRateLimiter.Limits limits) {
    ObjectNode json = NODES.objectNode();
    json.put("limits_per_currency", false);
    rate(json.putObject("non_matching_engine"), limits.other());
    ObjectNode matching = json.putObject("matching_engine");
    rate(matching.putObject("trading").putObject("total"), limits.matchingEngine());
    for (String group :
        List.of("spot", "quotes", "max_quotes", "guaranteed_quotes", "cancel_all")) {
      rate(matching.putObject(group), limits.matchingEngine());
    }
    return json;
  }

  /** Requests per second and burst size, as Deribit's summary reports a credit budget. */
  private static void rate(ObjectNode json, RequestRateLimiter.Budget budget) {
    json.put("burst", budget.maxCredits() / budget.costPerRequest())
        .put("rate", budget.refillPerSecond() / budget.costPerRequest());
  }

  private static ObjectNode fees(String currency, FeeSchedule fees) {
    ObjectNode json = NODES.objectNode();
    ObjectNode index = json.putObject(indexName(currency));
    fee(index.putObject("option"), fees.optionRate(), fees.optionRate());
    fee(index.putObject("perpetual"), fees.futureTakerRate(), fees.futureMakerRate());
    fee(index.putObject("future"), fees.futureTakerRate(), fees.futureMakerRate());
    return json;
  }

  private static void fee(ObjectNode json, double taker, double maker) {
    json.putObject("default").put("type", "fixed").put("taker", taker).put("maker", maker);
    json.put("block_trade", taker);
  }

  /** The currency's price index, e.g. {@code btc_usd}: the key of Deribit's per-index maps. */
  private static String indexName(String currency) {
    return currency.toLowerCase(Locale.ROOT) + "_usd";
  }
}
