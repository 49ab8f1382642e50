package io.gammastraddle.deribit.user;

/**
 * The account's state in one currency, as {@code user.portfolio.(currency)} reports it: what the
 * risk manager needs for its kill switch (equity), its margin checks and its delta check. Amounts
 * are in {@code currency} (coin for BTC and ETH): the kill switch, which follows equity in USD,
 * multiplies by the index price.
 *
 * @param currency Deribit's {@code currency} ({@code BTC}, {@code USDT} on a cross-collateral
 *     account)
 * @param equity {@code equity}: balance plus the open positions' profit and loss
 * @param balance {@code balance}: cash, without open positions' profit and loss
 * @param marginBalance {@code margin_balance}: what margin is drawn from
 * @param availableFunds {@code available_funds}: margin balance minus initial margin, what new
 *     orders can use
 * @param initialMargin {@code initial_margin}, including open orders
 * @param maintenanceMargin {@code maintenance_margin}; liquidation starts when the margin balance
 *     falls to it
 * @param deltaTotal {@code delta_total}: the account's delta in coin, options and futures together
 * @param timestamp epoch ms: the portfolio's own {@code timestamp} when it has one (Deribit's
 *     examples have none), else when the bridge received it
 */
public record AccountSnapshot(
    String currency,
    double equity,
    double balance,
    double marginBalance,
    double availableFunds,
    double initialMargin,
    double maintenanceMargin,
    double deltaTotal,
    long timestamp) {

  public AccountSnapshot {
    if (currency == null || currency.isBlank()) {
      throw new IllegalArgumentException("an account snapshot needs its currency");
    }
    for (double value : new double[] {equity, balance, marginBalance, availableFunds, deltaTotal}) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException(currency + " account: every amount must be finite");
      }
    }
    if (!(initialMargin >= 0 && maintenanceMargin >= 0)
        || Double.isInfinite(initialMargin + maintenanceMargin)) {
      throw new IllegalArgumentException(
          currency
              + " account: margins must be >= 0 and finite: initial "
              + initialMargin
              + ", maintenance "
              + maintenanceMargin);
    }
    if (timestamp <= 0) {
      throw new IllegalArgumentException(
          currency + " account: timestamp must be positive: " + timestamp);
    }
  }
}
