package io.gammastraddle.positions;

/**
 * The P&L of one currency's positions in coin, and in USD at one index price.
 *
 * <p>USD figures are the coin figures times the index given: what the coin P&L is worth now. They
 * are not Deribit's {@code floating_profit_loss_usd}, which values an option's entry at the index
 * of each entry trade.
 *
 * @param realized coin realized by closing fills, before fees
 * @param unrealized coin the open positions would realize at their marks
 * @param fees coin paid in fees
 * @param indexPrice USD per coin used for the USD figures
 */
public record PnlSummary(double realized, double unrealized, double fees, double indexPrice) {

  /** Realized plus unrealized, after fees, in coin. */
  public double net() {
    return realized + unrealized - fees;
  }

  public double netUsd() {
    return net() * indexPrice;
  }

  public double realizedUsd() {
    return realized * indexPrice;
  }

  public double unrealizedUsd() {
    return unrealized * indexPrice;
  }

  public double feesUsd() {
    return fees * indexPrice;
  }
}
