/**
 * The account's private channels as they arrive on {@code deribit.user.raw} (DESIGN section 4):
 * {@link io.gammastraddle.deribit.user.UserDecoder} turns each value into our orders' states, our
 * fills and the account's margin state.
 */
package io.gammastraddle.deribit.user;
