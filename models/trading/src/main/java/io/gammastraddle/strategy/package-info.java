/**
 * The gamma straddle's decisions (issue 7): when to enter an at-the-money straddle, and when to
 * leave it (take-profit, stop-loss, time).
 */
package io.gammastraddle.strategy;
