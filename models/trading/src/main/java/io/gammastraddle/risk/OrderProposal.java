package io.gammastraddle.risk;

import java.util.Objects;

/**
 * An order the strategy wants to send, as the risk manager sees it: what it is for, what it adds to
 * the portfolio's exposure, and the market it was priced on.
 *
 * @param increment the exposure the order adds when filled. An exit should carry everything it
 *     removes, the unwinding of its hedge included, so that it reduces every measure; it may not
 *     add straddles or premium. A hedge is a perpetual trade and may change delta only ({@link
 *     Exposure#ofHedge}).
 */
public record OrderProposal(Kind kind, Exposure increment, MarketSnapshot market) {

  /** What the order is for; only entries add new risk. */
  public enum Kind {
    /** Buys a new straddle. */
    ENTRY,
    /** Closes (part of) an open straddle. */
    EXIT,
    /** Trades the perpetual against the options' delta. */
    HEDGE
  }

  public OrderProposal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(increment, "increment");
    Objects.requireNonNull(market, "market");
    if (kind == Kind.HEDGE && !increment.isDeltaOnly()) {
      throw new IllegalArgumentException(
          "a hedge trades the perpetual and may change delta only, not " + increment);
    }
    if (kind == Kind.EXIT && (increment.openStraddles() > 0 || increment.premiumAtRiskUsd() > 0)) {
      throw new IllegalArgumentException(
          "an exit may not add straddles or premium at risk, not " + increment);
    }
  }
}
