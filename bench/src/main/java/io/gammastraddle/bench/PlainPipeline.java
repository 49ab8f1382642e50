package io.gammastraddle.bench;

import io.gammastraddle.book.BookMeasure;
import io.gammastraddle.book.BookState;
import io.gammastraddle.book.BookTop;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionQuote;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.chain.StraddlePicker;
import io.gammastraddle.deribit.market.MalformedMessageException;
import io.gammastraddle.deribit.market.MarketDecoder;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.features.UnderlyingFeatures;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.labels.Labeller;
import io.gammastraddle.labels.TradingCosts;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.MarketEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's decode, book, chain and feature work as a plain single-thread loop over messages in
 * event-time order: the benchmark's baseline, and a check that the job computes the same vectors.
 *
 * <p>Ticks follow the job's rule (TickFunction): an event belongs to the first tick at or after its
 * timestamp, and a tick is emitted once an event of a later tick arrives, or at the end of the
 * input. At a tick that had option events the chain's at-the-money straddle goes to the features
 * before their vector, as the chain operator's output at tick T reaches the features operator in
 * its own tick T.
 *
 * <p>With {@link Labels} it also does the labels operator's work ({@link Labeller}): at every tick
 * that had a vector, a straddle or an option ticker, after them, as the labels operator ticks. The
 * benchmark runs without.
 */
public final class PlainPipeline {

  private final MarketDecoder decoder = new MarketDecoder();
  private final BookMeasure measure;
  private final StraddlePicker picker;
  private final long interval;
  private final Map<String, BookState> books = new HashMap<>();
  private final Labels labels;
  private final Map<String, Underlying> underlyings = new HashMap<>();
  private final List<FeatureVector> vectors = new ArrayList<>();
  private final List<AtmStraddle> straddles = new ArrayList<>();
  private final List<LabelledSample> samples = new ArrayList<>();
  private long deadLetters;

  /**
   * How the labels are made, as the job's {@code labels.horizon} and {@code
   * labels.candidate-interval} settings and its trading costs say.
   */
  public record Labels(long horizonMillis, long candidateIntervalMillis, TradingCosts costs) {}

  private final class Underlying {
    final UnderlyingFeatures features = new UnderlyingFeatures();
    final Map<String, OptionQuote> chain = new HashMap<>();
    final Labeller labeller =
        labels == null
            ? null
            : new Labeller(labels.horizonMillis(), labels.candidateIntervalMillis());
    boolean chainChanged;
    boolean featureEvents;
    boolean optionTickers;
    long pendingTick = Long.MIN_VALUE;
    long lastTick = Long.MIN_VALUE;
  }

  public PlainPipeline(BookMeasure measure, long decisionIntervalMillis, long minMillisToExpiry) {
    this(measure, decisionIntervalMillis, minMillisToExpiry, null);
  }

  private PlainPipeline(
      BookMeasure measure, long decisionIntervalMillis, long minMillisToExpiry, Labels labels) {
    this.measure = measure;
    this.picker = new StraddlePicker(minMillisToExpiry);
    this.interval = decisionIntervalMillis;
    this.labels = labels;
  }

  /** The loop with the job's settings. */
  public static PlainPipeline of(GammaConfig config) {
    return new PlainPipeline(
        BookMeasure.of(config.bookDepthLevels(), config.impactAmount()),
        config.decisionInterval().toMillis(),
        config.minTimeToExpiry().toMillis());
  }

  /** The loop with the job's settings, labelling as {@code labels} says. */
  public static PlainPipeline labelling(GammaConfig config, Labels labels) {
    return new PlainPipeline(
        BookMeasure.of(config.bookDepthLevels(), config.impactAmount()),
        config.decisionInterval().toMillis(),
        config.minTimeToExpiry().toMillis(),
        labels);
  }

  public void accept(String value) {
    try {
      decoder.decode(value, this::onEvent);
    } catch (MalformedMessageException e) {
      deadLetters++;
    }
  }

  private void onEvent(MarketEvent event) {
    if (event.book() != null) {
      BookUpdate update = event.book();
      BookState.Step step = BookState.next(books.get(update.instrument()), update);
      books.put(update.instrument(), step.state());
      BookTop top = BookState.topAfter(step, update, measure);
      if (top == null) {
        return;
      }
      Underlying underlying = advance(top.underlying(), top.timestamp());
      if (top.kind() == InstrumentKind.OPTION) {
        underlying.chain.put(top.instrument(), quote(underlying, top.instrument()).withBook(top));
        underlying.chainChanged = true;
      } else {
        feature(underlying, UnderlyingEvent.of(top));
      }
    } else if (event.ticker() != null && event.ticker().kind() == InstrumentKind.OPTION) {
      OptionTicker ticker = OptionTicker.of(event.ticker());
      Underlying underlying = advance(ticker.underlying(), ticker.timestamp());
      underlying.chain.put(
          ticker.instrument(), quote(underlying, ticker.instrument()).withTicker(ticker));
      underlying.chainChanged = true;
      if (underlying.labeller != null) {
        underlying.labeller.onTicker(ticker);
        underlying.optionTickers = true;
      }
    } else if (event.ticker() != null) {
      feature(advance(event.underlying(), event.timestamp()), UnderlyingEvent.of(event.ticker()));
    } else if (event.trade() != null) {
      feature(advance(event.underlying(), event.timestamp()), UnderlyingEvent.of(event.trade()));
    } else if (event.index() != null) {
      feature(advance(event.underlying(), event.timestamp()), UnderlyingEvent.of(event.index()));
    }
  }

  private static void feature(Underlying underlying, UnderlyingEvent event) {
    underlying.features.onEvent(event);
    underlying.featureEvents = true;
  }

  private static OptionQuote quote(Underlying underlying, String instrument) {
    OptionQuote quote = underlying.chain.get(instrument);
    return quote != null ? quote : OptionQuote.of(instrument);
  }

  /** Emits the pending tick if this event is past it; returns the underlying's state. */
  private Underlying advance(String name, long timestamp) {
    Underlying underlying = underlyings.computeIfAbsent(name, n -> new Underlying());
    if (underlying.pendingTick != Long.MIN_VALUE && timestamp > underlying.pendingTick) {
      emit(name, underlying);
    }
    if (underlying.pendingTick == Long.MIN_VALUE) {
      long tick = -Math.floorDiv(-timestamp, interval) * interval;
      if (underlying.lastTick != Long.MIN_VALUE) {
        tick = Math.max(tick, underlying.lastTick + interval);
      }
      underlying.pendingTick = tick;
    }
    return underlying;
  }

  /**
   * Emits the pending tick: the chain's straddle first, then the vector, which the job has only
   * when the features operator got an event in the tick (its own, or the chain's straddle).
   */
  private void emit(String name, Underlying underlying) {
    long tick = underlying.pendingTick;
    boolean featureTick = underlying.featureEvents;
    boolean labelTick = underlying.optionTickers;
    if (underlying.chainChanged) {
      underlying.chain.values().removeIf(quote -> quote.expiryMillis() <= tick);
      StraddlePicker.Legs legs = picker.pick(underlying.chain.values(), tick);
      if (legs != null) {
        AtmStraddle straddle = AtmStraddle.of(name, tick, legs.call(), legs.put());
        straddles.add(straddle);
        underlying.features.onEvent(UnderlyingEvent.of(straddle));
        featureTick = true;
        if (underlying.labeller != null) {
          underlying.labeller.onStraddle(straddle);
          labelTick = true;
        }
      }
      underlying.chainChanged = false;
    }
    if (featureTick) {
      FeatureVector vector = underlying.features.tick(name, tick);
      vectors.add(vector);
      if (underlying.labeller != null) {
        underlying.labeller.onVector(vector);
        labelTick = true;
      }
    }
    if (labelTick && underlying.labeller != null) {
      samples.addAll(underlying.labeller.tick(name, tick, labels.costs()));
    }
    underlying.featureEvents = false;
    underlying.optionTickers = false;
    underlying.lastTick = tick;
    underlying.pendingTick = Long.MIN_VALUE;
  }

  /** Ends the input: every pending tick is emitted, as the job does at the final watermark. */
  public List<FeatureVector> finish() {
    underlyings.forEach(
        (name, underlying) -> {
          if (underlying.pendingTick != Long.MIN_VALUE) {
            emit(name, underlying);
          }
        });
    return vectors;
  }

  /** The straddles the chain emitted, in the order of their ticks per underlying. */
  public List<AtmStraddle> straddles() {
    return straddles;
  }

  /**
   * The samples of the candidates closed so far, in the order of their ticks per underlying; none
   * without {@link Labels}. Candidates still open at {@link #finish} give none.
   */
  public List<LabelledSample> samples() {
    return samples;
  }

  /** Candidates closed without a single mark, so without a sample (the job's metric). */
  public long unmarkedCandidates() {
    return underlyings.values().stream()
        .filter(underlying -> underlying.labeller != null)
        .mapToLong(underlying -> underlying.labeller.getUnmarked())
        .sum();
  }

  public long deadLetters() {
    return deadLetters;
  }
}
