/**
 * The account's private channels as they arrive on {@code deribit.user.raw} (DESIGN section 4):
 * {@link io.gammastraddle.deribit.user.UserDecoder} turns each value into our orders' states, our
 * fills, the account's margin state and, from the bridge's own {@code gsb.positions.*} records, the
 * positions the exchange holds for the account.
 */
package io.gammastraddle.deribit.user;
