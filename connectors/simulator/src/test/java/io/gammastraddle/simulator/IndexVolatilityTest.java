package io.gammastraddle.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generated index realizes the configured volatility. */
class IndexVolatilityTest {
  private static final long STEPS_PER_DAY = 86_400_000 / SimulatedMarket.STEP_MILLIS;
  private static final double STEPS_PER_YEAR = 365 * STEPS_PER_DAY;

  static UnderlyingParameters[] underlyings() {
    return new UnderlyingParameters[] {UnderlyingParameters.btc(), UnderlyingParameters.eth()};
  }

  @ParameterizedTest
  @MethodSource("underlyings")
  void indexProcessRealizesItsVolatilityOverOneDay(UnderlyingParameters parameters) {
    UnderlyingState underlying =
        new UnderlyingState(parameters, SimulatedMarket.STEP_MILLIS, new SplittableRandom(17));
    RealizedVolatility realized = new RealizedVolatility();
    realized.add(underlying.index());
    for (long i = 0; i < STEPS_PER_DAY; i++) {
      underlying.advance();
      realized.add(underlying.index());
    }

    assertThat(realized.annualized())
        .isCloseTo(parameters.annualVolatility(), within(0.05 * parameters.annualVolatility()));
  }

  /** Ten simulated minutes of the published, rounded index: a looser bound for fewer samples. */
  @ParameterizedTest
  @MethodSource("underlyings")
  void publishedIndexRealizesTheConfiguredVolatility(UnderlyingParameters parameters) {
    SimulatedMarket market =
        new SimulatedMarket(
            23, Instant.parse("2024-06-03T00:00:00Z").toEpochMilli(), List.of(parameters));
    String channel = "\"channel\":\"deribit_price_index." + parameters.indexName() + "\"";
    RealizedVolatility realized = new RealizedVolatility();
    for (int i = 0; i < 6_000; i++) {
      for (String frame : market.step()) {
        if (frame.contains(channel)) {
          JsonNode data = Fixtures.parse(frame).at("/params/data");
          realized.add(data.get("price").asDouble());
        }
      }
    }

    assertThat(realized.count).as("returns between 6,000 prices").isEqualTo(5_999);
    assertThat(realized.annualized())
        .isCloseTo(parameters.annualVolatility(), within(0.10 * parameters.annualVolatility()));
  }

  /** Annualized volatility of log returns between consecutive 100 ms prices. */
  private static final class RealizedVolatility {
    private double previous = Double.NaN;
    private double sumOfSquares;
    private long count;

    void add(double price) {
      if (!Double.isNaN(previous)) {
        double logReturn = Math.log(price / previous);
        sumOfSquares += logReturn * logReturn;
        count++;
      }
      previous = price;
    }

    double annualized() {
      return Math.sqrt(sumOfSquares / count * STEPS_PER_YEAR);
    }
  }
}
