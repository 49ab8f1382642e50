/**
 * The risk manager (DESIGN section 9, issue 7): limits on the portfolio's Greeks, premium at risk
 * and open straddles, one-day VaR, the daily loss limit and the drawdown kill switch. Every
 * rejection is counted and explained.
 */
package io.gammastraddle.risk;
