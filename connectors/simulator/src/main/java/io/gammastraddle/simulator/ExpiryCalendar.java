package io.gammastraddle.simulator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.Locale;

/**
 * Deribit's option calendar as the simulator lists it: every expiry is at 08:00 UTC, named like
 * {@code 5JAN24}, and belongs to one of three {@link Series}. Each currency lists one expiry of
 * each series at a time; when one settles, the next of its series lists.
 *
 * <p>Deribit itself lists more (2 dailies, 3 weeklies, 3 monthlies and 4 quarterlies; its
 * "Introduction Policy" page), which would multiply the instruments and the message rate of the
 * demo. Three series keep the chain small while still rolling every day.
 */
final class ExpiryCalendar {
  static final int SETTLEMENT_HOUR_UTC = 8;
  static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  private static final long SETTLEMENT_OFFSET_MILLIS =
      Duration.ofHours(SETTLEMENT_HOUR_UTC).toMillis();

  /**
   * The kinds of expiry listed at any time, each with how far away it lists and how many strikes it
   * has on each side of the at-the-money one. An expiry another series holds is skipped, so the
   * three are always distinct.
   */
  enum Series {
    /** The next 08:00 UTC at least 2 hours away: 3 strikes. */
    DAILY(Duration.ofHours(2), 1),
    /** The next Friday 08:00 UTC at least 2 days away: 5 strikes. */
    WEEKLY(Duration.ofDays(2), 2),
    /** The next last Friday of a month at least 4 weeks away: 3 strikes. */
    MONTHLY(Duration.ofDays(28), 1);

    final Duration minimumLead;
    final int strikesEachSide;

    Series(Duration minimumLead, int strikesEachSide) {
      this.minimumLead = minimumLead;
      this.strikesEachSide = strikesEachSide;
    }

    private boolean accepts(LocalDate date) {
      return switch (this) {
        case DAILY -> true;
        case WEEKLY -> date.getDayOfWeek() == DayOfWeek.FRIDAY;
        case MONTHLY -> isLastFridayOfMonth(date);
      };
    }
  }

  private ExpiryCalendar() {}

  /**
   * The expiry {@code series} lists at {@code nowMillis}: its first date at least its minimum lead
   * away that no other listed expiry ({@code taken}) already has.
   */
  static long nextExpiry(Series series, long nowMillis, Collection<Long> taken) {
    long earliest = nowMillis + series.minimumLead.toMillis();
    LocalDate date = utcDate(settlementAtOrAfter(earliest));
    while (!series.accepts(date) || taken.contains(settlementMillis(date))) {
      date =
          series == Series.DAILY
              ? date.plusDays(1)
              : date.plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
    }
    return settlementMillis(date);
  }

  /** The first daily 08:00 UTC settlement strictly after {@code millis}. */
  static long settlementAfter(long millis) {
    return settlementAtOrAfter(millis + 1);
  }

  /** Deribit's date code: day without leading zero, upper-case month, two-digit year. */
  static String code(long expiryMillis) {
    LocalDate date = utcDate(expiryMillis);
    String month =
        date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT);
    return date.getDayOfMonth() + month + String.format("%02d", date.getYear() % 100);
  }

  /**
   * Deribit's {@code settlement_period}: {@code month} for the last Friday of a month, {@code week}
   * for other Fridays, {@code day} for other days.
   */
  static String settlementPeriod(long expiryMillis) {
    LocalDate date = utcDate(expiryMillis);
    if (isLastFridayOfMonth(date)) {
      return "month";
    }
    return date.getDayOfWeek() == DayOfWeek.FRIDAY ? "week" : "day";
  }

  private static long settlementAtOrAfter(long millis) {
    long days = Math.floorDiv(millis - SETTLEMENT_OFFSET_MILLIS - 1, DAY_MILLIS) + 1;
    return days * DAY_MILLIS + SETTLEMENT_OFFSET_MILLIS;
  }

  private static boolean isLastFridayOfMonth(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.FRIDAY
        && date.plusWeeks(1).getMonth() != date.getMonth();
  }

  private static LocalDate utcDate(long millis) {
    return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static long settlementMillis(LocalDate date) {
    return date.atTime(SETTLEMENT_HOUR_UTC, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
