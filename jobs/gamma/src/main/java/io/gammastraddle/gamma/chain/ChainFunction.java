package io.gammastraddle.gamma.chain;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.GreeksDivergence;
import io.gammastraddle.chain.OptionQuote;
import io.gammastraddle.chain.StraddlePicker;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.ticks.TickFunction;
import io.gammastraddle.market.InstrumentKind;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by underlying: the option chain. Keeps each option's latest ticker and book liquidity
 * ({@link OptionQuote}) and emits the at-the-money straddle of the target expiry ({@link
 * StraddlePicker}) at each decision tick that had option events ({@link TickFunction}).
 *
 * <p>Every option ticker's Greeks are recomputed with the project's Black-76 and compared with
 * Deribit's ({@link GreeksDivergence}); metrics: gauges {@code greeksDeltaDivergence}, {@code
 * greeksGammaDivergence} and {@code greeksVegaDivergence} (the largest divergence among the tickers
 * of the last tick that had any, over every underlying of the subtask) and counter {@code
 * greeksDivergentTickers} (tickers beyond {@link #DELTA_TOLERANCE} or {@link #RELATIVE_TOLERANCE}).
 *
 * <p>State: one quote per listed option of the underlying (the chain the bridge follows, a few
 * hundred at most); options are removed once they expire.
 */
public class ChainFunction extends TickFunction<AtmStraddle> {

  public static final MapStateDescriptor<String, OptionQuote> QUOTES =
      new MapStateDescriptor<>(
          "option-quotes", Types.STRING, TypeInformation.of(OptionQuote.class));

  private static final Logger LOG = LoggerFactory.getLogger(ChainFunction.class);

  /** Only the first unreadable option names are logged; the counter has them all. */
  private static final int LOGGED_UNREADABLE_OPTIONS = 10;

  /** Deltas further apart than this count a ticker as divergent. */
  public static final double DELTA_TOLERANCE = 0.01;

  /** Gammas or vegas further apart than this fraction count a ticker as divergent. */
  public static final double RELATIVE_TOLERANCE = 0.05;

  private final StraddlePicker picker;
  private transient MapState<String, OptionQuote> quotes;
  private transient Counter divergentTickers;
  private transient Counter unreadableOptions;
  private transient Divergence lastTick;
  private transient Divergence thisTick;

  /** Largest divergences over the tickers of one tick, of every underlying of this subtask. */
  private static final class Divergence {
    long tick = Long.MIN_VALUE;
    double delta;
    double gamma;
    double vega;

    void include(GreeksDivergence divergence) {
      delta = Math.max(delta, divergence.delta());
      gamma = Math.max(gamma, nanAsZero(divergence.gamma()));
      vega = Math.max(vega, nanAsZero(divergence.vega()));
    }

    /** The tick's divergences, merged into this one when it is the same tick (another key's). */
    Divergence atTick(long tick, Divergence previous) {
      this.tick = tick;
      if (previous.tick == tick) {
        delta = Math.max(delta, previous.delta);
        gamma = Math.max(gamma, previous.gamma);
        vega = Math.max(vega, previous.vega);
      }
      return this;
    }

    private static double nanAsZero(double value) {
      return Double.isNaN(value) ? 0 : value;
    }
  }

  public ChainFunction(long decisionIntervalMillis, long minMillisToExpiry) {
    super(decisionIntervalMillis);
    this.picker = new StraddlePicker(minMillisToExpiry);
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    super.open(openContext);
    quotes = getRuntimeContext().getMapState(QUOTES);
    divergentTickers = getRuntimeContext().getMetricGroup().counter("greeksDivergentTickers");
    unreadableOptions = getRuntimeContext().getMetricGroup().counter("unreadableOptions");
    lastTick = new Divergence();
    thisTick = null;
    getRuntimeContext().getMetricGroup().gauge("greeksDeltaDivergence", () -> lastTick.delta);
    getRuntimeContext().getMetricGroup().gauge("greeksGammaDivergence", () -> lastTick.gamma);
    getRuntimeContext().getMetricGroup().gauge("greeksVegaDivergence", () -> lastTick.vega);
  }

  @Override
  protected void apply(UnderlyingEvent event) throws Exception {
    if (event.optionTicker() != null) {
      String name = event.optionTicker().instrument();
      OptionQuote quote = quote(name);
      if (quote != null) {
        quotes.put(name, quote.withTicker(event.optionTicker()));
        check(GreeksDivergence.of(event.optionTicker(), quote.contract()));
      }
    } else if (event.top() != null && event.top().kind() == InstrumentKind.OPTION) {
      String name = event.top().instrument();
      OptionQuote quote = quote(name);
      if (quote != null) {
        quotes.put(name, quote.withBook(event.top()));
      }
    }
  }

  /**
   * The option's quote so far, a new one for an option not seen yet, or null for a name whose terms
   * cannot be read: such an event is counted ({@code unreadableOptions}) and skipped, since failing
   * would restart the job into the same event forever.
   */
  private OptionQuote quote(String instrument) throws Exception {
    OptionQuote quote = quotes.get(instrument);
    if (quote != null) {
      return quote;
    }
    try {
      return OptionQuote.of(instrument);
    } catch (IllegalArgumentException e) {
      if (unreadableOptions.getCount() < LOGGED_UNREADABLE_OPTIONS) {
        LOG.warn("Skipping an event of {}: {}", instrument, e.getMessage());
      }
      unreadableOptions.inc();
      return null;
    }
  }

  private void check(GreeksDivergence divergence) {
    if (divergence == null) {
      return;
    }
    if (thisTick == null) {
      thisTick = new Divergence();
    }
    thisTick.include(divergence);
    if (divergence.delta() > DELTA_TOLERANCE
        || divergence.gamma() > RELATIVE_TOLERANCE
        || divergence.vega() > RELATIVE_TOLERANCE) {
      divergentTickers.inc();
    }
  }

  @Override
  protected void onTick(String underlying, long tick, Collector<AtmStraddle> out) throws Exception {
    if (thisTick != null) {
      lastTick = thisTick.atTick(tick, lastTick);
      thisTick = null;
    }
    Iterator<Map.Entry<String, OptionQuote>> entries = quotes.iterator();
    while (entries.hasNext()) {
      if (entries.next().getValue().expiryMillis() <= tick) {
        entries.remove();
      }
    }
    StraddlePicker.Legs legs = picker.pick(quotes.values(), tick);
    if (legs != null) {
      out.collect(AtmStraddle.of(underlying, tick, legs.call(), legs.put()));
    }
  }
}
