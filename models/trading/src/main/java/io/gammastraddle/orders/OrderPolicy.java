package io.gammastraddle.orders;

/**
 * How an order meets the book. On Deribit ({@code private/buy}, {@code private/sell}):
 *
 * <ul>
 *   <li>{@link #POST_ONLY}: {@code post_only=true} with {@code reject_post_only=true}, good till
 *       cancelled. Without {@code reject_post_only} Deribit would move a crossing order "just below
 *       or above the spread" instead of refusing it; we would rather see the refusal and re-price.
 *   <li>{@link #IOC}: {@code time_in_force=immediate_or_cancel}: takes what rests up to the limit,
 *       the rest is cancelled at once.
 * </ul>
 */
public enum OrderPolicy {
  /** Rest at or behind the best price on our side; never take liquidity. */
  POST_ONLY,
  /** Take liquidity up to the limit; never rest. */
  IOC
}
