/**
 * The order engine (DESIGN section 9, issue 7): deterministic labels, limit prices from the book
 * with a slippage cap, splitting by visible depth, post-only or IOC, timeout and re-price, and the
 * legging of a straddle's two options.
 */
package io.gammastraddle.orders;
