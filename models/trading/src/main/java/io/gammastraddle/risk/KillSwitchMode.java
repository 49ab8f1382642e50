package io.gammastraddle.risk;

/** What the {@link KillSwitch} lets the strategy do. */
public enum KillSwitchMode {
  /** Normal trading. */
  ACTIVE,
  /** Only hedges and exits: entered on a drawdown or daily-loss breach, left by a manual reset. */
  REDUCING
}
