package io.gammastraddle.risk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The drawdown and daily-loss kill switch of one account (DESIGN section 9).
 *
 * <p>It follows the account's equity in USD. It trips from ACTIVE to REDUCING when equity falls
 * more than {@link RiskLimits#maxDrawdown()} below its high-water mark (the highest equity seen
 * since the start or the last reset), or when the day's loss, the UTC day's opening equity minus
 * the current equity, exceeds {@link RiskLimits#dailyLossLimitUsd()}. A day opens at UTC midnight
 * with the last equity seen before it, so a loss while no equity arrived (a restart over midnight)
 * counts on the new day. A new day does not leave REDUCING.
 *
 * <p>Only a manual {@link #reset} returns to ACTIVE. It re-bases the high-water mark to the current
 * equity: the operator accepts the drawdown as the new start, which is what clears that breach. It
 * is refused while the day's loss still exceeds the limit, since the next equity would trip the
 * switch again at once; the operator waits for the next UTC day or raises the limit. Every
 * transition, and every refused reset, is returned as a {@link KillSwitchEvent}.
 *
 * <p>Limits are passed on each call rather than kept, so a configuration change applies at once
 * after a restart. A Flink POJO (public no-argument constructor, getters and setters) so it can
 * live in keyed state.
 */
public class KillSwitch {

  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  private KillSwitchMode mode = KillSwitchMode.ACTIVE;
  private double highWaterMark = Double.NaN;
  private double equity = Double.NaN;
  private long day = Long.MIN_VALUE;
  private double dayOpenEquity = Double.NaN;

  public KillSwitch() {}

  /**
   * Takes the account's equity at {@code now} (USD, positive).
   *
   * @return the trip to REDUCING if this equity breaches a limit while ACTIVE
   */
  public Optional<KillSwitchEvent> onEquity(double equityUsd, long now, RiskLimits limits) {
    if (!(equityUsd > 0 && Double.isFinite(equityUsd))) {
      throw new IllegalArgumentException("equity must be positive and finite, was " + equityUsd);
    }
    rollDay(now, isEquityKnown() ? equity : equityUsd);
    equity = equityUsd;
    highWaterMark = Double.isNaN(highWaterMark) ? equityUsd : Math.max(highWaterMark, equityUsd);
    if (mode == KillSwitchMode.REDUCING) {
      return Optional.empty();
    }
    List<String> breaches = breaches(limits);
    if (breaches.isEmpty()) {
      return Optional.empty();
    }
    mode = KillSwitchMode.REDUCING;
    return Optional.of(
        new KillSwitchEvent(
            KillSwitchMode.ACTIVE, KillSwitchMode.REDUCING, String.join("; ", breaches), now));
  }

  /**
   * Asks to return to ACTIVE, re-basing the high-water mark to the last equity.
   *
   * @param operator who asks (a user name)
   * @param why the operator's reason, kept in the event
   * @return the transition to ACTIVE, or a refusal ({@code from == to}) while ACTIVE already or
   *     while the day's loss exceeds the limit
   */
  public KillSwitchEvent reset(String operator, String why, long now, RiskLimits limits) {
    requireText(operator, "operator");
    requireText(why, "why");
    String request = "reset by " + operator + " (" + why + ")";
    if (mode == KillSwitchMode.ACTIVE) {
      return new KillSwitchEvent(mode, mode, request + " refused: already ACTIVE", now);
    }
    rollDay(now, equity);
    double loss = dailyLoss();
    if (loss > limits.dailyLossLimitUsd()) {
      return new KillSwitchEvent(
          mode,
          mode,
          request
              + " refused: daily loss %s USD still exceeds %s USD until the next UTC day"
                  .formatted(usd(loss), usd(limits.dailyLossLimitUsd())),
          now);
    }
    String rebase =
        "; high-water mark re-based from %s to %s USD".formatted(usd(highWaterMark), usd(equity));
    highWaterMark = equity;
    mode = KillSwitchMode.ACTIVE;
    return new KillSwitchEvent(
        KillSwitchMode.REDUCING, KillSwitchMode.ACTIVE, request + rebase, now);
  }

  /** Whether any equity arrived: before it, drawdown and daily loss are unknown. */
  public boolean isEquityKnown() {
    return !Double.isNaN(equity);
  }

  /** The day's loss so far in USD (negative for a gain); NaN before any equity. */
  public double dailyLoss() {
    return dayOpenEquity - equity;
  }

  /** How far equity is below the high-water mark, as a fraction of the mark; NaN before equity. */
  public double drawdown() {
    return 1 - equity / highWaterMark;
  }

  /** Opens a new day at {@code openEquity} when {@code now} is past the day's UTC midnight. */
  private void rollDay(long now, double openEquity) {
    long today = Math.floorDiv(now, DAY_MILLIS);
    if (today > day) {
      day = today;
      dayOpenEquity = openEquity;
    }
  }

  private List<String> breaches(RiskLimits limits) {
    List<String> breaches = new ArrayList<>();
    if (drawdown() > limits.maxDrawdown()) {
      breaches.add(
          "drawdown %s%% below the high-water mark %s USD exceeds %s%%"
              .formatted(percent(drawdown()), usd(highWaterMark), percent(limits.maxDrawdown())));
    }
    if (dailyLoss() > limits.dailyLossLimitUsd()) {
      breaches.add(
          "daily loss %s USD exceeds %s USD"
              .formatted(usd(dailyLoss()), usd(limits.dailyLossLimitUsd())));
    }
    return breaches;
  }

  private static String usd(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f", fraction * 100);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be given");
    }
  }

  public KillSwitchMode getMode() {
    return mode;
  }

  public void setMode(KillSwitchMode mode) {
    this.mode = mode;
  }

  /** The highest equity since the start or the last reset, USD; NaN before any equity. */
  public double getHighWaterMark() {
    return highWaterMark;
  }

  public void setHighWaterMark(double highWaterMark) {
    this.highWaterMark = highWaterMark;
  }

  /** The last equity, USD; NaN before any. */
  public double getEquity() {
    return equity;
  }

  public void setEquity(double equity) {
    this.equity = equity;
  }

  /** The UTC day (days since the epoch) of the last equity or reset. */
  public long getDay() {
    return day;
  }

  public void setDay(long day) {
    this.day = day;
  }

  /** The equity the current UTC day opened with, USD. */
  public double getDayOpenEquity() {
    return dayOpenEquity;
  }

  public void setDayOpenEquity(double dayOpenEquity) {
    this.dayOpenEquity = dayOpenEquity;
  }
}
