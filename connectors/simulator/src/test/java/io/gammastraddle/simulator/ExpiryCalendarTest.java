package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryCalendarTest {

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void firstExpiryIsTheFirstFridayAtLeastTwoDaysAway() {
    assertThat(ExpiryCalendar.firstExpiry(at("2024-01-01T00:00:00Z")))
        .isEqualTo(at("2024-01-05T08:00:00Z"));
    assertThat(ExpiryCalendar.firstExpiry(at("2024-01-03T08:00:00Z")))
        .isEqualTo(at("2024-01-05T08:00:00Z"));
    assertThat(ExpiryCalendar.firstExpiry(at("2024-01-03T08:00:01Z")))
        .isEqualTo(at("2024-01-12T08:00:00Z"));
    assertThat(ExpiryCalendar.firstExpiry(at("2024-01-05T09:00:00Z")))
        .isEqualTo(at("2024-01-12T08:00:00Z"));
  }

  @Test
  void secondExpiryIsFourWeeksAfterTheFirst() {
    assertThat(ExpiryCalendar.secondExpiry(at("2024-01-01T00:00:00Z")))
        .isEqualTo(at("2024-02-02T08:00:00Z"));
  }

  @Test
  void codesHaveNoLeadingZeroAndUpperCaseMonths() {
    assertThat(ExpiryCalendar.code(at("2024-01-05T08:00:00Z"))).isEqualTo("5JAN24");
    assertThat(ExpiryCalendar.code(at("2024-12-27T08:00:00Z"))).isEqualTo("27DEC24");
    assertThat(ExpiryCalendar.code(at("2030-09-06T08:00:00Z"))).isEqualTo("6SEP30");
  }

  @Test
  void lastFridayOfAMonthIsAMonthlyExpiry() {
    assertThat(ExpiryCalendar.settlementPeriod(at("2024-12-27T08:00:00Z"))).isEqualTo("month");
    assertThat(ExpiryCalendar.settlementPeriod(at("2024-12-20T08:00:00Z"))).isEqualTo("week");
  }

  @Test
  void dailySettlementIsCountedAtEightUtc() {
    assertThat(ExpiryCalendar.settlementsUpTo(at("2024-01-05T08:00:00Z")))
        .isEqualTo(ExpiryCalendar.settlementsUpTo(at("2024-01-05T07:59:59.999Z")) + 1)
        .isEqualTo(ExpiryCalendar.settlementsUpTo(at("2024-01-06T07:59:59.999Z")));
  }
}
