/** The delta hedger (issue 7): a band, a safety timer, and at most one hedge in flight. */
package io.gammastraddle.hedging;
