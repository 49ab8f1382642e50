package io.gammastraddle.gamma.alerts;

/**
 * A fact an operator reports for the alert patterns (docs/alerts.md): one small record on a side
 * output, cheap enough to emit whenever it happens; the patterns decide what deserves an {@link
 * Alert}.
 *
 * @param kind what happened
 * @param subject what it happened to, the key of the patterns: an underlying, or a model role for
 *     {@link Kind#BUNDLE_REFUSED}
 * @param timestamp epoch ms: the event time of what showed it; processing time for a {@link
 *     Kind#FEED_PULSE} and for a bundle refused on arrival
 * @param detail one line for a human, quoted in the alert; empty when there is nothing to add
 */
public record Signal(Kind kind, String subject, long timestamp, String detail) {

  /** What a signal reports, and which operator emits it. */
  public enum Kind {
    /** Market data for the underlying arrived (at most one a second; {@link FeedPulses}). */
    FEED_PULSE,
    /** A book change did not follow the last one ({@code books}). */
    BOOK_GAP,
    /** A prediction on the fallback parameters ({@code scoring}). */
    FALLBACK_PREDICTION,
    /** A prediction by the model ({@code scoring}): it ends a fallback streak. */
    MODEL_PREDICTION,
    /** The model fails its health check on the resolved samples ({@code scoring}). */
    MODEL_UNHEALTHY,
    /** A feature drifts from the model's training data ({@code scoring}). */
    MODEL_DRIFTING,
    /** A model bundle was refused ({@code scoring}); the subject is its role. */
    BUNDLE_REFUSED,
    /** The risk manager refused an entry or a hedge ({@code strategy}). */
    RISK_REJECTED,
    /** The kill switch went to REDUCING ({@code strategy}). */
    KILL_SWITCH_TRIPPED,
    /** The exchange rejected one of the strategy's orders ({@code strategy}). */
    ORDER_REJECTED
  }
}
