package io.gammastraddle.simulator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** Deribit's option calendar: Friday 08:00 UTC expiries and their names ({@code 5JAN24}). */
final class ExpiryCalendar {
  static final Duration MIN_TIME_TO_FIRST_EXPIRY = Duration.ofDays(2);
  static final Duration SECOND_EXPIRY_AFTER_FIRST = Duration.ofDays(28);
  static final int SETTLEMENT_HOUR_UTC = 8;

  private ExpiryCalendar() {}

  /** The first Friday 08:00 UTC at least two days after {@code startMillis}. */
  static long firstExpiry(long startMillis) {
    long earliest = startMillis + MIN_TIME_TO_FIRST_EXPIRY.toMillis();
    LocalDate friday = utcDate(earliest).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
    long expiry = settlementMillis(friday);
    return expiry >= earliest ? expiry : settlementMillis(friday.plusWeeks(1));
  }

  static long secondExpiry(long startMillis) {
    return firstExpiry(startMillis) + SECOND_EXPIRY_AFTER_FIRST.toMillis();
  }

  /** Deribit's date code: day without leading zero, upper-case month, two-digit year. */
  static String code(long expiryMillis) {
    LocalDate date = utcDate(expiryMillis);
    String month =
        date.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT);
    return date.getDayOfMonth() + month + String.format("%02d", date.getYear() % 100);
  }

  /**
   * {@code month} for the last Friday of a month, {@code week} otherwise, as Deribit labels them.
   */
  static String settlementPeriod(long expiryMillis) {
    LocalDate date = utcDate(expiryMillis);
    return date.plusWeeks(1).getMonth() == date.getMonth() ? "week" : "month";
  }

  /** Number of daily 08:00 UTC settlements since the epoch, up to and including {@code millis}. */
  static long settlementsUpTo(long millis) {
    return Math.floorDiv(
        millis - Duration.ofHours(SETTLEMENT_HOUR_UTC).toMillis(), Duration.ofDays(1).toMillis());
  }

  private static LocalDate utcDate(long millis) {
    return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static long settlementMillis(LocalDate date) {
    return ZonedDateTime.of(date.atTime(SETTLEMENT_HOUR_UTC, 0), ZoneOffset.UTC)
        .toInstant()
        .toEpochMilli();
  }
}
