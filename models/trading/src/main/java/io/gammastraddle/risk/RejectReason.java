package io.gammastraddle.risk;

/** Why the risk manager refused a proposal; one proposal can fail for several reasons. */
public enum RejectReason {
  /** An entry while the kill switch is REDUCING. */
  KILL_SWITCH,
  /** An entry before any equity was observed, so drawdown and daily loss cannot be checked. */
  EQUITY_UNKNOWN,
  /** An entry priced on data older than {@link RiskLimits#maxDataAge()}. */
  STALE_DATA,
  /** An entry priced on a book or feed that is being resynchronized. */
  RESYNCING,
  /** Absolute portfolio delta above {@link RiskLimits#maxDeltaCoin()}. */
  DELTA,
  /** Absolute portfolio gamma above {@link RiskLimits#maxGamma()}. */
  GAMMA,
  /** Absolute portfolio vega above {@link RiskLimits#maxVegaUsd()}. */
  VEGA,
  /** Premium at risk above {@link RiskLimits#maxPremiumAtRiskUsd()}. */
  PREMIUM_AT_RISK,
  /** More open straddles than {@link RiskLimits#maxOpenStraddles()}. */
  OPEN_STRADDLES,
  /** One-day VaR above {@link RiskLimits#maxValueAtRiskUsd()}. */
  VALUE_AT_RISK
}
