package io.gammastraddle.pricing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * The terms of one European option: call or put, strike in USD, expiry instant.
 *
 * <p>{@link #parse} reads them from a Deribit instrument name, {@code BTC-30SEP22-60000-C}: Deribit
 * options expire at 08:00 UTC of the named day, and strikes with a fraction write the point as
 * {@code d} ({@code 2d2} is 2.2, on linear XRP options).
 *
 * @param type call or put
 * @param strike strike price in USD, positive
 * @param expiryMillis expiry in epoch milliseconds
 */
public record OptionContract(OptionType type, double strike, long expiryMillis) {

  /** Deribit's year: time to expiry in days over 365 (DESIGN section 15). */
  public static final double MILLIS_PER_YEAR = 365 * 24 * 3600 * 1000.0;

  private static final DateTimeFormatter EXPIRY_DATE =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("dMMMuu")
          .toFormatter(Locale.ENGLISH)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final int EXPIRY_HOUR_UTC = 8;

  public OptionContract {
    Objects.requireNonNull(type, "type");
    if (!(strike > 0 && strike < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("strike must be positive and finite: " + strike);
    }
  }

  /**
   * Reads a Deribit option name, {@code {CURRENCY}-{dMMMyy}-{strike}-{C|P}}.
   *
   * @throws IllegalArgumentException if the name is not an option's
   */
  public static OptionContract parse(String instrumentName) {
    String[] parts = instrumentName.split("-");
    if (parts.length != 4 || !(parts[3].equals("C") || parts[3].equals("P"))) {
      throw new IllegalArgumentException("not a Deribit option name: " + instrumentName);
    }
    try {
      long expiry =
          LocalDate.parse(parts[1], EXPIRY_DATE)
              .atTime(EXPIRY_HOUR_UTC, 0)
              .toInstant(ZoneOffset.UTC)
              .toEpochMilli();
      double strike = Double.parseDouble(parts[2].replace('d', '.'));
      return new OptionContract(
          parts[3].equals("C") ? OptionType.CALL : OptionType.PUT, strike, expiry);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a Deribit option name: " + instrumentName, e);
    }
  }

  /** Years from {@code fromMillis} to {@code toMillis} in Deribit's convention (365-day years). */
  public static double yearsBetween(long fromMillis, long toMillis) {
    return (toMillis - fromMillis) / MILLIS_PER_YEAR;
  }

  /** Years left until expiry at {@code nowMillis}; negative once expired. */
  public double yearsToExpiry(long nowMillis) {
    return yearsBetween(nowMillis, expiryMillis);
  }
}
