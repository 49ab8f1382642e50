/**
 * Positions from fills (issue 7): Deribit's inverse options and perpetual, P&L in coin and USD
 * after fees, and the portfolio's Greeks.
 */
package io.gammastraddle.positions;
