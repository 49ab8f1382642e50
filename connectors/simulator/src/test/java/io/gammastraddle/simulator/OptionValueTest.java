package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionValueTest {
  private static final DateTimeFormatter EXPIRY =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("dMMMyy")
          .toFormatter(Locale.ENGLISH);

  /** Recomputes the real ticker's greeks and mark price from its own inputs (DESIGN 15). */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void reproducesDeribitTickerGreeks(int line) {
    JsonNode data = Fixtures.lines("ws_ticker_option_100ms.json").get(line).at("/params/data");
    String[] name = data.get("instrument_name").asText().split("-");
    long expiry =
        LocalDate.parse(name[1], EXPIRY).atTime(8, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    double forward = data.get("underlying_price").asDouble();
    double years = UnderlyingState.yearsBetween(data.get("timestamp").asLong(), expiry);

    OptionValue value =
        OptionValue.black76(
            forward,
            Double.parseDouble(name[2]),
            years,
            data.get("mark_iv").asDouble() / 100,
            name[3].equals("C"));

    JsonNode greeks = data.get("greeks");
    assertThat(value.delta()).isCloseTo(greeks.get("delta").asDouble(), within(1e-4));
    assertThat(value.gamma()).isCloseTo(greeks.get("gamma").asDouble(), within(1e-5));
    assertThat(value.vega()).isCloseTo(greeks.get("vega").asDouble(), relative(greeks, "vega"));
    assertThat(value.theta()).isCloseTo(greeks.get("theta").asDouble(), relative(greeks, "theta"));
    assertThat(value.rho()).isCloseTo(greeks.get("rho").asDouble(), relative(greeks, "rho"));
    // mark_price is rounded to 4 places, and the agg2 line (2) averages over its interval
    assertThat(value.priceUsd() / forward)
        .isCloseTo(data.get("mark_price").asDouble(), within(0.0002));
  }

  private static Offset<Double> relative(JsonNode greeks, String name) {
    return within(Math.abs(greeks.get(name).asDouble()) * 1e-3);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 0.9, 1.0, 1.1, 2.0})
  void putCallParityHolds(double moneyness) {
    double forward = 60_000;
    double strike = forward * moneyness;
    OptionValue call = OptionValue.black76(forward, strike, 0.1, 0.6, true);
    OptionValue put = OptionValue.black76(forward, strike, 0.1, 0.6, false);

    assertThat(call.priceUsd() - put.priceUsd()).isCloseTo(forward - strike, within(0.05));
    assertThat(call.delta() - put.delta()).isCloseTo(1, within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({
    "-5, 2.866515718791939e-7",
    "-1.5, 0.0668072012688581",
    "-0.3, 0.382088577811047",
    "0, 0.5",
    "0.7, 0.758036347776927",
    "2.2, 0.986096552486501",
    "6, 0.999999999013412"
  })
  void normalCdfMatchesReferenceValues(double x, double expected) {
    assertThat(OptionValue.normalCdf(x)).isCloseTo(expected, within(1e-7));
  }
}
