package io.gammastraddle.risk;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts rejected proposals, in total and per reason (a proposal failing three checks counts once
 * in the total and once under each reason). Metrics, not checkpointed state: like Flink's own
 * counters they start from zero after a restart.
 */
public final class RejectionCounters {

  private final long[] byReason = new long[RejectReason.values().length];
  private long rejected;

  /** Counts {@code decision} if it is a rejection. */
  public void record(RiskDecision decision) {
    if (decision.isApproved()) {
      return;
    }
    rejected++;
    decision.reasons().forEach(reason -> byReason[reason.ordinal()]++);
  }

  /** Rejected proposals so far. */
  public long rejected() {
    return rejected;
  }

  public long count(RejectReason reason) {
    return byReason[reason.ordinal()];
  }

  /** Every reason with its count, zeros included, as of now. */
  public Map<RejectReason, Long> snapshot() {
    Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
    for (RejectReason reason : RejectReason.values()) {
      counts.put(reason, byReason[reason.ordinal()]);
    }
    return Collections.unmodifiableMap(counts);
  }
}
