package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.simulator.ExpiryCalendar.Series;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpiryCalendarTest {

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void dailyIsTheNextEightUtcAtLeastTwoHoursAway() {
    assertThat(ExpiryCalendar.nextExpiry(Series.DAILY, at("2024-01-01T06:00:00Z"), List.of()))
        .isEqualTo(at("2024-01-01T08:00:00Z"));
    assertThat(ExpiryCalendar.nextExpiry(Series.DAILY, at("2024-01-01T06:00:01Z"), List.of()))
        .isEqualTo(at("2024-01-02T08:00:00Z"));
    assertThat(ExpiryCalendar.nextExpiry(Series.DAILY, at("2024-01-01T08:00:00Z"), List.of()))
        .isEqualTo(at("2024-01-02T08:00:00Z"));
  }

  @Test
  void weeklyIsTheFirstFridayAtLeastTwoDaysAway() {
    assertThat(ExpiryCalendar.nextExpiry(Series.WEEKLY, at("2024-01-01T00:00:00Z"), List.of()))
        .isEqualTo(at("2024-01-05T08:00:00Z"));
    assertThat(ExpiryCalendar.nextExpiry(Series.WEEKLY, at("2024-01-03T08:00:00Z"), List.of()))
        .isEqualTo(at("2024-01-05T08:00:00Z"));
    assertThat(ExpiryCalendar.nextExpiry(Series.WEEKLY, at("2024-01-03T08:00:01Z"), List.of()))
        .isEqualTo(at("2024-01-12T08:00:00Z"));
    assertThat(ExpiryCalendar.nextExpiry(Series.WEEKLY, at("2024-01-05T08:00:00Z"), List.of()))
        .isEqualTo(at("2024-01-12T08:00:00Z"));
  }

  @Test
  void monthlyIsTheFirstLastFridayOfAMonthAtLeastFourWeeksAway() {
    assertThat(ExpiryCalendar.nextExpiry(Series.MONTHLY, at("2024-01-01T00:00:00Z"), List.of()))
        .isEqualTo(at("2024-02-23T08:00:00Z"));
    assertThat(ExpiryCalendar.nextExpiry(Series.MONTHLY, at("2024-01-26T08:00:00Z"), List.of()))
        .isEqualTo(at("2024-02-23T08:00:00Z"));
    assertThat(ExpiryCalendar.nextExpiry(Series.MONTHLY, at("2024-11-29T08:00:00Z"), List.of()))
        .isEqualTo(at("2024-12-27T08:00:00Z"));
  }

  @Test
  void aDateAnotherSeriesHoldsIsSkipped() {
    long friday = at("2024-01-26T08:00:00Z");

    assertThat(
            ExpiryCalendar.nextExpiry(Series.WEEKLY, at("2024-01-19T08:00:00Z"), List.of(friday)))
        .isEqualTo(at("2024-02-02T08:00:00Z"));
    assertThat(ExpiryCalendar.nextExpiry(Series.DAILY, at("2024-01-25T08:00:00Z"), List.of(friday)))
        .isEqualTo(at("2024-01-27T08:00:00Z"));
  }

  @Test
  void codesHaveNoLeadingZeroAndUpperCaseMonths() {
    assertThat(ExpiryCalendar.code(at("2024-01-05T08:00:00Z"))).isEqualTo("5JAN24");
    assertThat(ExpiryCalendar.code(at("2024-12-27T08:00:00Z"))).isEqualTo("27DEC24");
    assertThat(ExpiryCalendar.code(at("2030-09-06T08:00:00Z"))).isEqualTo("6SEP30");
  }

  @Test
  void settlementPeriodFollowsTheDate() {
    assertThat(ExpiryCalendar.settlementPeriod(at("2024-12-27T08:00:00Z"))).isEqualTo("month");
    assertThat(ExpiryCalendar.settlementPeriod(at("2024-12-20T08:00:00Z"))).isEqualTo("week");
    assertThat(ExpiryCalendar.settlementPeriod(at("2024-12-19T08:00:00Z"))).isEqualTo("day");
  }

  @Test
  void settlementAfterIsTheNextEightUtcStrictlyLater() {
    assertThat(ExpiryCalendar.settlementAfter(at("2024-01-05T07:59:59.999Z")))
        .isEqualTo(at("2024-01-05T08:00:00Z"));
    assertThat(ExpiryCalendar.settlementAfter(at("2024-01-05T08:00:00Z")))
        .isEqualTo(at("2024-01-06T08:00:00Z"));
  }
}
