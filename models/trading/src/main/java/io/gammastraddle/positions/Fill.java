package io.gammastraddle.positions;

import io.gammastraddle.orders.Side;
import java.util.Objects;

/**
 * One of our trades as Deribit reports it on {@code user.trades} (docs.deribit.com, {@code
 * user.trades.(instrument_name).(interval)}): each order fill, partial or not, is one trade.
 *
 * @param instrument Deribit instrument name, an inverse option or perpetual ({@link ContractType})
 * @param amount positive; coin for options, USD for the perpetual
 * @param price positive; coin per contract for options, USD for the perpetual
 * @param fee in the underlying coin (Deribit's {@code fee}, {@code fee_currency} the coin);
 *     negative for a maker rebate
 * @param indexPrice the index in USD at the fill ({@code index_price})
 * @param timestamp the fill's time, epoch ms
 * @param label the order's label ({@code gsb-BTC-42-call}); empty for orders we did not place
 * @param tradeId Deribit's {@code trade_id}, unique per trade: a fill seen twice has the same id
 */
public record Fill(
    String instrument,
    Side side,
    double amount,
    double price,
    double fee,
    double indexPrice,
    long timestamp,
    String label,
    String tradeId) {

  public Fill {
    ContractType.of(instrument);
    Objects.requireNonNull(side, "side");
    if (!isPositiveFinite(amount) || !isPositiveFinite(price) || !isPositiveFinite(indexPrice)) {
      throw new IllegalArgumentException(
          "amount, price and index price must be positive and finite: amount="
              + amount
              + " price="
              + price
              + " indexPrice="
              + indexPrice
              + " trade "
              + tradeId);
    }
    if (!Double.isFinite(fee)) {
      throw new IllegalArgumentException("fee must be finite: " + fee + " trade " + tradeId);
    }
    if (tradeId == null || tradeId.isBlank()) {
      throw new IllegalArgumentException("a fill needs its trade id: " + instrument);
    }
    label = label == null ? "" : label;
  }

  public ContractType contractType() {
    return ContractType.of(instrument);
  }

  /** The position change: + amount for a buy, - amount for a sell. */
  public double signedAmount() {
    return side.sign() * amount;
  }

  static boolean isPositiveFinite(double x) {
    return x > 0 && x < Double.POSITIVE_INFINITY;
  }
}
