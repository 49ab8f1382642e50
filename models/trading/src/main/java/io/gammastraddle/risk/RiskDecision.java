package io.gammastraddle.risk;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The risk manager's answer to a proposal: approved when nothing failed. */
public record RiskDecision(List<Rejection> rejections) {

  /**
   * One failed check.
   *
   * @param message the check with its numbers, for example "delta 1.42 would exceed 1 coin"
   */
  public record Rejection(RejectReason reason, String message) {
    public Rejection {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  public RiskDecision {
    rejections = List.copyOf(rejections);
  }

  public boolean isApproved() {
    return rejections.isEmpty();
  }

  public Set<RejectReason> reasons() {
    Set<RejectReason> reasons = EnumSet.noneOf(RejectReason.class);
    rejections.forEach(rejection -> reasons.add(rejection.reason()));
    return reasons;
  }

  /** Every failed check's message, joined by "; "; empty when approved. */
  public String message() {
    return rejections.stream().map(Rejection::message).collect(Collectors.joining("; "));
  }
}
