package io.gammastraddle.orders;

import io.gammastraddle.book.BookState;
import io.gammastraddle.book.OrderBook;
import java.time.Duration;
import java.util.Objects;

/**
 * Limit prices from the book under a slippage cap.
 *
 * <p>The cap is {@code reference * (1 + maxSlippage)} for a buy and {@code reference * (1 -
 * maxSlippage)} for a sell, rounded to the tick on the side that costs less ({@link
 * InstrumentRules#roundPassive}). Then:
 *
 * <ul>
 *   <li>{@link OrderPolicy#POST_ONLY}: a buy joins the best bid, or rests at the cap when the best
 *       bid is above it; a sell joins the best ask or rests at the cap. Both stay at or behind the
 *       best price on their side, so on an uncrossed book they never cross.
 *   <li>{@link OrderPolicy#IOC}: the limit is the cap itself, so the order takes every level up to
 *       the cap and fills at the resting prices; refused when even the best opposite price is
 *       beyond the cap.
 * </ul>
 *
 * A book that is missing, stale (updates missed), older than {@code maxBookAge}, empty or crossed
 * gives no price, and neither does a missing reference.
 *
 * @param maxSlippage how far from the reference the cap lies, a fraction in [0, 1)
 * @param maxBookAge the oldest book (by its last update's exchange time) still priced from
 */
public record LimitPricer(
    OrderPolicy policy, PriceReference reference, double maxSlippage, Duration maxBookAge) {

  public LimitPricer {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(maxBookAge, "maxBookAge");
    if (!(maxSlippage >= 0 && maxSlippage < 1)) {
      throw new IllegalArgumentException("Slippage cap must be in [0, 1): " + maxSlippage);
    }
    if (maxBookAge.isNegative() || maxBookAge.isZero()) {
      throw new IllegalArgumentException("Maximum book age must be positive: " + maxBookAge);
    }
  }

  /**
   * The limit price of a {@code side} order on {@code rules.instrument()}.
   *
   * @param state the instrument's book as rebuilt; null before its first update
   * @param markPrice the instrument's mark price, used when the reference is {@link
   *     PriceReference#MARK}
   * @param now the decision time, epoch milliseconds
   */
  public LimitPrice price(
      InstrumentRules rules, Side side, BookState state, double markPrice, long now) {
    if (state == null || state.book() == null) {
      return LimitPrice.refused("no book yet for " + rules.instrument());
    }
    if (state.stale()) {
      return LimitPrice.refused("book of " + rules.instrument() + " is stale: updates were missed");
    }
    OrderBook book = state.book();
    long age = now - book.timestamp();
    if (age > maxBookAge.toMillis()) {
      return LimitPrice.refused(
          "book of "
              + rules.instrument()
              + " is "
              + age
              + " ms old, more than "
              + maxBookAge.toMillis());
    }
    double bestBid = book.bids().size() > 0 ? book.bids().prices()[0] : Double.NaN;
    double bestAsk = book.asks().size() > 0 ? book.asks().prices()[0] : Double.NaN;
    if (Double.isNaN(bestBid) && Double.isNaN(bestAsk)) {
      return LimitPrice.refused("book of " + rules.instrument() + " is empty");
    }
    if (bestBid >= bestAsk) {
      return LimitPrice.refused(
          "book of " + rules.instrument() + " is crossed: bid " + bestBid + ", ask " + bestAsk);
    }
    double referencePrice = reference == PriceReference.MID ? (bestBid + bestAsk) / 2 : markPrice;
    if (!(referencePrice > 0 && Double.isFinite(referencePrice))) {
      return LimitPrice.refused(
          "no " + reference + " price for " + rules.instrument() + ": " + referencePrice);
    }
    double slippage = side == Side.BUY ? maxSlippage : -maxSlippage;
    double cap = rules.roundPassive(side, referencePrice * (1 + slippage));
    if (!(cap > 0)) {
      return LimitPrice.refused("cap of " + referencePrice + " rounds to zero");
    }
    return policy == OrderPolicy.POST_ONLY
        ? postOnly(rules, side, bestBid, bestAsk, cap)
        : immediateOrCancel(rules, side, bestBid, bestAsk, cap);
  }

  private static LimitPrice postOnly(
      InstrumentRules rules, Side side, double bestBid, double bestAsk, double cap) {
    double best = side == Side.BUY ? bestBid : bestAsk;
    if (Double.isNaN(best)) {
      return LimitPrice.refused(
          "no " + (side == Side.BUY ? "bid" : "ask") + " to join on " + rules.instrument());
    }
    double price =
        side == Side.BUY
            ? rules.roundDown(Math.min(best, cap))
            : rules.roundUp(Math.max(best, cap));
    if (!(price > 0)) {
      return LimitPrice.refused("post-only price of " + rules.instrument() + " rounds to zero");
    }
    return LimitPrice.of(price, cap);
  }

  private static LimitPrice immediateOrCancel(
      InstrumentRules rules, Side side, double bestBid, double bestAsk, double cap) {
    double best = side == Side.BUY ? bestAsk : bestBid;
    if (Double.isNaN(best)) {
      return LimitPrice.refused(
          "no " + (side == Side.BUY ? "ask" : "bid") + " to take on " + rules.instrument());
    }
    boolean beyondCap = side == Side.BUY ? best > cap : best < cap;
    if (beyondCap) {
      return LimitPrice.refused(
          (side == Side.BUY ? "best ask " : "best bid ")
              + best
              + " of "
              + rules.instrument()
              + " is beyond the cap "
              + cap);
    }
    return LimitPrice.of(cap, cap);
  }
}
