package io.gammastraddle.risk;

import java.util.Objects;

/**
 * A change of the kill switch's mode, or a refused reset ({@code from == to}), for the operator's
 * alerts and audit trail.
 *
 * @param reason what happened, with the numbers, and for a reset who asked and why
 * @param time event time (ms) of the equity or reset that caused it
 */
public record KillSwitchEvent(KillSwitchMode from, KillSwitchMode to, String reason, long time) {

  public KillSwitchEvent {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether the mode changed; false only for a refused reset. */
  public boolean isTransition() {
    return from != to;
  }
}
