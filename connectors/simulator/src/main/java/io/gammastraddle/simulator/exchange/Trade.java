package io.gammastraddle.simulator.exchange;

/**
 * One paper fill of an order. The order's state in the rendered trade is read when the trade is
 * rendered, after the whole matching of the request or step, as Deribit reports the order's state
 * after matching ({@code "state":"filled"} on every trade of a filled market order).
 *
 * @param maker whether the order provided liquidity ({@code liquidity} M) or took it (T)
 */
record Trade(
    String tradeId,
    long tradeSeq,
    int tickDirection,
    long timestamp,
    Order order,
    double price,
    double amount,
    double fee,
    boolean maker,
    double markPrice,
    double indexPrice) {}
