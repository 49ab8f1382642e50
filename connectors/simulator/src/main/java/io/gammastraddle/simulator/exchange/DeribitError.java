package io.gammastraddle.simulator.exchange;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC error as Deribit sends it: {@code {"code":...,"message":...,"data":{"reason":...,
 * "param":...}}}, {@code data} only when there is a reason or a parameter to name.
 *
 * <p>The exchange's whole code table is here. Codes and messages: Deribit API v2.1.1 "RPC Error
 * Codes" (docs.deribit.com; mirrored in rosssaunders/coincise {@code docs/deribit/general.md}).
 * Where Deribit's docs leave the choice of code open, the choice is stated beside the factory.
 */
public record DeribitError(int code, String message, String reason, String param) {

  /** The amount is below the instrument's {@code min_trade_amount} (0 included). */
  static DeribitError qtyTooLow() {
    return new DeribitError(10002, "qty_too_low", null, null);
  }

  /** No order with that id or label in this account. */
  static DeribitError orderNotFound() {
    return new DeribitError(10004, "order_not_found", null, null);
  }

  static DeribitError notEnoughFunds() {
    return new DeribitError(10009, "not_enough_funds", null, null);
  }

  /** The instrument has expired or settled. */
  static DeribitError bookClosed() {
    return new DeribitError(10012, "book_closed", null, null);
  }

  static DeribitError unknownInstrument() {
    return new DeribitError(10020, "invalid_or_unsupported_instrument", null, null);
  }

  /** A negative amount, or an edit below what already filled. */
  static DeribitError invalidAmount(String reason) {
    return new DeribitError(10021, "invalid_amount", reason, null);
  }

  static DeribitError priceWrongTick() {
    return new DeribitError(10043, "price_wrong_tick", null, null);
  }

  /**
   * A reduce-only order with nothing to reduce. Deribit clips reduce-only amounts to the position
   * (insights.deribit.com, "Introduction to reduce-only on Deribit"); its code for "no position at
   * all" was not found, so this uses the table's generic reject.
   */
  static DeribitError nothingToReduce() {
    return new DeribitError(11030, "other_reject", "reduce_only: no position to reduce", null);
  }

  /** Cancel or edit of an order that is filled or cancelled. */
  static DeribitError notOpenOrder() {
    return new DeribitError(11044, "not_open_order", null, null);
  }

  /** A post-only order with {@code reject_post_only} would have taken liquidity. */
  static DeribitError postOnlyReject() {
    return new DeribitError(11054, "post_only_reject", null, null);
  }

  /**
   * Post-only on a market order, or with a time in force other than good-til-cancelled/day (the
   * docs allow it "only in combination with time_in_force=good_til_cancelled").
   */
  static DeribitError postOnlyNotAllowed() {
    return new DeribitError(11055, "post_only_not_allowed", null, null);
  }

  static DeribitError methodNotFound() {
    return new DeribitError(-32601, "Method not found", null, null);
  }

  /**
   * A missing or malformed parameter. Deribit answers an amount that is not a multiple of the
   * contract size this way: {@code -32602 Invalid params, {"reason":"must be a multiple of contract
   * size","param":"amount"}} (a testnet log quoted in a public project).
   */
  static DeribitError invalidParams(String param, String reason) {
    return new DeribitError(-32602, "Invalid params", reason, param);
  }

  /** The JSON-RPC {@code error} member. */
  public String json() {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("code", code).put("message", message);
    if (reason != null || param != null) {
      ObjectNode data = error.putObject("data");
      if (reason != null) {
        data.put("reason", reason);
      }
      if (param != null) {
        data.put("param", param);
      }
    }
    return error.toString();
  }
}
