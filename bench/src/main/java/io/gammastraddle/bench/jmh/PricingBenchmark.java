package io.gammastraddle.bench.jmh;

import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.ImpliedVolatility;
import io.gammastraddle.pricing.ImpliedVolatilitySolver;
import io.gammastraddle.pricing.OptionType;
import io.gammastraddle.pricing.OptionValuation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of pricing one option with its Greeks, and of solving its implied volatility, as the job
 * will do for every option of a chain on each ticker: {@code ./gsb bench --jmh Pricing}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PricingBenchmark {
  private static final double FORWARD = 60_000;
  private static final double YEARS = 14 / 365.0;
  private static final double VOLATILITY = 0.55;

  /** Strike over forward: at the money, and 20% out of the money. */
  @Param({"1.0", "1.2"})
  double moneyness;

  private double strike;
  private double priceCoin;

  @Setup
  public void price() {
    strike = FORWARD * moneyness;
    priceCoin = Black76.value(OptionType.CALL, FORWARD, strike, YEARS, VOLATILITY).priceCoin();
  }

  @Benchmark
  public OptionValuation priceAndGreeks() {
    return Black76.value(OptionType.CALL, FORWARD, strike, YEARS, VOLATILITY);
  }

  @Benchmark
  public ImpliedVolatility impliedVolatility() {
    return ImpliedVolatilitySolver.DEFAULT.fromCoinPrice(
        OptionType.CALL, FORWARD, strike, YEARS, priceCoin);
  }
}
