package io.gammastraddle.bench.jmh;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.features.UnderlyingFeatures;
import io.gammastraddle.market.IndexPrice;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.Trade;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the features operator's own work per event, without Flink around it: folding a book top,
 * a trade or an index price into an underlying's state, and building the vector at a decision tick
 * ({@code ./gsb bench --jmh Features}). Each call makes its event record, as the job's decoder
 * makes one per message, and moves event time on by 100 ms, so the windows keep rolling. The
 * end-to-end benchmark measures the same work inside the job.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FeaturesBenchmark {
  private static final int PRICES = 1 << 12;
  private static final long STEP_MILLIS = 100;

  private final UnderlyingFeatures features = new UnderlyingFeatures();
  private final double[] prices = new double[PRICES];
  private long now = 1_700_000_000_000L;
  private int next;

  @Setup
  public void prices() {
    SplittableRandom random = new SplittableRandom(7);
    double price = 60_000;
    for (int i = 0; i < PRICES; i++) {
      price *= Math.exp(0.0005 * random.nextGaussian());
      prices[i] = price;
    }
  }

  @Benchmark
  public UnderlyingFeatures bookTop() {
    double price = advance();
    features.onEvent(
        UnderlyingEvent.of(
            new BookTop(
                "BTC-PERPETUAL",
                "BTC",
                InstrumentKind.PERPETUAL,
                now,
                price - 0.5,
                20_000,
                price + 0.5,
                30_000,
                400_000,
                600_000,
                false,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0)));
    return features;
  }

  @Benchmark
  public UnderlyingFeatures trade() {
    double price = advance();
    features.onEvent(
        UnderlyingEvent.of(
            new Trade(
                "BTC-PERPETUAL",
                "BTC",
                InstrumentKind.PERPETUAL,
                now,
                "t",
                next,
                price,
                1_000,
                (next & 1) == 0,
                price,
                0)));
    return features;
  }

  @Benchmark
  public UnderlyingFeatures indexPrice() {
    features.onEvent(UnderlyingEvent.of(new IndexPrice("btc_usd", "BTC", now, advance(), 0)));
    return features;
  }

  @Benchmark
  public FeatureVector vectorAtTick() {
    features.onEvent(UnderlyingEvent.of(new IndexPrice("btc_usd", "BTC", now, advance(), 0)));
    return features.tick("BTC", now);
  }

  private double advance() {
    now += STEP_MILLIS;
    return prices[next++ & (PRICES - 1)];
  }
}
