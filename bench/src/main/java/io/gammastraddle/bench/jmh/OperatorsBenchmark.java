package io.gammastraddle.bench.jmh;

import io.gammastraddle.bench.MarketMessages;
import io.gammastraddle.bench.PlainPipeline;
import io.gammastraddle.book.BookMeasure;
import io.gammastraddle.book.BookState;
import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.market.MarketDecoder;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.chain.ChainFunction;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.features.FeatureFunction;
import io.gammastraddle.gamma.ticks.TickFunction;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.MarketEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per input event of the job's two per-underlying operators, {@code chain} and {@code
 * features}, inside Flink's operator test harness: keyed state on the heap backend, timers,
 * watermarks and the tick buffering included, network and serialization between operators not
 * ({@code ./gsb bench --jmh Operators}). The input is what each operator receives in the job from
 * {@value #MESSAGES} simulator messages (BTC and ETH, their perpetuals and option chains), with a
 * watermark 200 ms behind the events, the job's watermark bound. One invocation runs the whole
 * input through a fresh operator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OperatorsBenchmark {

  static final int MESSAGES = 100_000;
  private static final GammaConfig CONFIG = GammaConfig.defaultConfig();
  private static final long INTERVAL_MILLIS = CONFIG.decisionInterval().toMillis();
  private static final long WATERMARK_LAG_MILLIS = CONFIG.maxOutOfOrderness().toMillis();

  /** The inputs of one operator, and a harness around a fresh instance of it. */
  @State(Scope.Thread)
  public abstract static class OperatorInput<OUT> {
    List<UnderlyingEvent> events;
    KeyedOneInputStreamOperatorTestHarness<String, UnderlyingEvent, OUT> harness;

    abstract TickFunction<OUT> function();

    @Setup(Level.Invocation)
    public void open() throws Exception {
      harness =
          new KeyedOneInputStreamOperatorTestHarness<>(
              new KeyedProcessOperator<>(function()), UnderlyingEvent::underlying, Types.STRING);
      harness.open();
    }

    @TearDown(Level.Invocation)
    public void close() throws Exception {
      harness.close();
    }

    /** Runs every event through the operator; returns the number of outputs. */
    int run() throws Exception {
      long watermark = Long.MIN_VALUE;
      for (UnderlyingEvent event : events) {
        harness.processElement(event, event.timestamp());
        long next = event.timestamp() - WATERMARK_LAG_MILLIS;
        if (next >= watermark + INTERVAL_MILLIS) {
          watermark = next;
          harness.processWatermark(new Watermark(watermark));
        }
      }
      harness.processWatermark(new Watermark(Long.MAX_VALUE));
      int outputs = harness.getOutput().size();
      harness.getOutput().clear();
      return outputs;
    }
  }

  /** The chain's input: option book tops and option tickers. */
  public static class ChainInput extends OperatorInput<AtmStraddle> {
    @Setup(Level.Trial)
    public void events() {
      events = Inputs.INSTANCE.chain;
    }

    @Override
    TickFunction<AtmStraddle> function() {
      return new ChainFunction(INTERVAL_MILLIS, CONFIG.minTimeToExpiry().toMillis());
    }
  }

  /** The features' input: perpetual tops, trades, tickers, the index, and the chain's straddles. */
  public static class FeaturesInput extends OperatorInput<io.gammastraddle.features.FeatureVector> {
    @Setup(Level.Trial)
    public void events() {
      events = Inputs.INSTANCE.features;
    }

    @Override
    TickFunction<io.gammastraddle.features.FeatureVector> function() {
      return new FeatureFunction(INTERVAL_MILLIS);
    }
  }

  /** Decodes the messages once and splits them as the job's router and books operator do. */
  private static final class Inputs {
    static final Inputs INSTANCE = new Inputs();

    final List<UnderlyingEvent> chain = new ArrayList<>();
    final List<UnderlyingEvent> features = new ArrayList<>();

    private Inputs() {
      MarketMessages messages = MarketMessages.generate(MESSAGES, 7, 1_700_000_000_000L);
      BookMeasure measure = BookMeasure.of(CONFIG.bookDepthLevels(), CONFIG.impactAmount());
      Map<String, BookState> books = new HashMap<>();
      MarketDecoder decoder = new MarketDecoder();
      PlainPipeline pipeline = PlainPipeline.of(CONFIG);
      for (String value : messages.values()) {
        pipeline.accept(value);
        try {
          decoder.decode(value, event -> split(event, books, measure));
        } catch (MalformedMessageException e) {
          throw new IllegalStateException("the simulator wrote a bad message: " + value, e);
        }
      }
      pipeline.finish();
      pipeline.straddles().forEach(straddle -> features.add(UnderlyingEvent.of(straddle)));
      features.sort(Comparator.comparingLong(UnderlyingEvent::timestamp));
      // Time per invocation divided by these counts is the cost per event.
      System.out.printf(
          "%nInputs: chain %,d events, features %,d events%n", chain.size(), features.size());
    }

    private void split(MarketEvent event, Map<String, BookState> books, BookMeasure measure) {
      if (event.book() != null) {
        BookState.Step step = BookState.next(books.get(event.book().instrument()), event.book());
        books.put(event.book().instrument(), step.state());
        BookTop top = BookState.topAfter(step, event.book(), measure);
        if (top != null) {
          (top.kind() == InstrumentKind.OPTION ? chain : features).add(UnderlyingEvent.of(top));
        }
      } else if (event.ticker() != null && event.ticker().kind() == InstrumentKind.OPTION) {
        chain.add(UnderlyingEvent.of(OptionTicker.of(event.ticker())));
      } else if (event.ticker() != null) {
        features.add(UnderlyingEvent.of(event.ticker()));
      } else if (event.trade() != null) {
        features.add(UnderlyingEvent.of(event.trade()));
      } else if (event.index() != null) {
        features.add(UnderlyingEvent.of(event.index()));
      }
    }
  }

  @Benchmark
  public int chain(ChainInput input) throws Exception {
    return input.run();
  }

  @Benchmark
  public int features(FeaturesInput input) throws Exception {
    return input.run();
  }
}
