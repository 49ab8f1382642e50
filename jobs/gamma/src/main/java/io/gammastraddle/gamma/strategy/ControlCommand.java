package io.gammastraddle.gamma.strategy;

/**
 * An operator's command to the strategy of one underlying, from {@code gsb.control} ({@link
 * ControlJson}).
 *
 * @param command what to do; {@link #RESET_KILL_SWITCH} is the only one
 * @param operator who asks, kept in the kill switch's event and the alert
 * @param why the operator's reason
 * @param timestamp when the operator asked, epoch ms
 */
public record ControlCommand(
    String underlying, String command, String operator, String why, long timestamp) {

  /** Back to ACTIVE from REDUCING (refused while the day's loss exceeds its limit). */
  public static final String RESET_KILL_SWITCH = "reset-kill-switch";

  public ControlCommand {
    for (String text : new String[] {underlying, command, operator, why}) {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException(
            "a control command needs its underlying, command, operator and reason");
      }
    }
    if (!command.equals(RESET_KILL_SWITCH)) {
      throw new IllegalArgumentException(
          "unknown control command '" + command + "'; known: " + RESET_KILL_SWITCH);
    }
    if (timestamp <= 0) {
      throw new IllegalArgumentException("a control command needs its time: " + timestamp);
    }
  }
}
