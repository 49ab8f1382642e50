package io.gammastraddle.simulator;

/** What {@link Faults} counts: each constant is one occurrence of an injected fault. */
public enum Fault {
  /** A client connection closed by {@link Faults#dropConnections()}. */
  DROPPED_CONNECTION,
  /** A WebSocket upgrade refused during {@link Faults#refuseConnections}. */
  REFUSED_CONNECTION,
  /** A frame held back by {@link Faults#delay}. */
  DELAYED_FRAME,
  /** A notification sent twice by {@link Faults#duplicate}. */
  DUPLICATED_NOTIFICATION,
  /** A notification sent after the connection's next frame by {@link Faults#reorder}. */
  REORDERED_NOTIFICATION,
  /** A book change withheld from every subscriber by {@link Faults#skipChangeIds}. */
  SKIPPED_CHANGE,
  /** A heartbeat test_request not sent while heartbeats are stopped or the server is silenced. */
  WITHHELD_HEARTBEAT,
  /** A {@code public/test} request left unanswered while heartbeats are stopped. */
  UNANSWERED_TEST,
  /** A frame discarded while the server is silenced. */
  SILENCED_FRAME,
  /** A request answered with the error armed by {@link Faults#rejectNext}. */
  REJECTED_REQUEST
}
