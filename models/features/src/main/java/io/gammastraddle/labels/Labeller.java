package io.gammastraddle.labels;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns one underlying's feature vectors, ATM straddles and option tickers into training samples
 * (docs/ml.md): at the first decision tick of every candidate interval that has a vector and a
 * fresh straddle, a {@link Candidate} buys the straddle; every tick marks and re-hedges each open
 * candidate; at t0 + horizon the candidate becomes a {@link LabelledSample}.
 *
 * <p>State is bounded: at most horizon / interval candidates are open (72 with the defaults), each
 * a few dozen numbers and its entry vector. A Flink POJO so it can live in keyed state.
 */
public class Labeller {

  private long horizonMillis;
  private long intervalMillis;
  private Candidate[] open = new Candidate[0];
  private long lastEntry = Long.MIN_VALUE;
  private FeatureVector vector;
  private AtmStraddle straddle;
  private long unmarked;

  public Labeller() {}

  public Labeller(long horizonMillis, long intervalMillis) {
    if (horizonMillis <= 0 || intervalMillis <= 0) {
      throw new IllegalArgumentException("horizon and candidate interval must be positive");
    }
    this.horizonMillis = horizonMillis;
    this.intervalMillis = intervalMillis;
  }

  public void onVector(FeatureVector vector) {
    this.vector = vector;
  }

  public void onStraddle(AtmStraddle straddle) {
    this.straddle = straddle;
  }

  public void onTicker(OptionTicker ticker) {
    for (Candidate candidate : open) {
      candidate.onTicker(ticker);
    }
  }

  /**
   * The tick {@code now}, after its events: marks every open candidate, closes those whose horizon
   * has passed, and enters a new one when this tick starts a candidate interval.
   *
   * @return the samples of the candidates closed at this tick
   */
  public List<LabelledSample> tick(String underlying, long now, TradingCosts costs) {
    List<LabelledSample> samples = new ArrayList<>();
    int kept = 0;
    for (Candidate candidate : open) {
      candidate.mark(now, costs);
      if (now < candidate.getEntryTime() + horizonMillis) {
        open[kept++] = candidate;
        continue;
      }
      LabelledSample sample = candidate.sample(underlying);
      if (sample != null) {
        samples.add(sample);
      } else {
        unmarked++;
      }
    }
    if (kept < open.length) {
      open = Arrays.copyOf(open, kept);
    }
    if (startsCandidateInterval(now) && canEnter(now)) {
      open = Arrays.copyOf(open, open.length + 1);
      open[open.length - 1] = Candidate.enter(vector, straddle, costs);
      lastEntry = now;
    }
    return samples;
  }

  private boolean startsCandidateInterval(long now) {
    return lastEntry == Long.MIN_VALUE
        || Math.floorDiv(now, intervalMillis) > Math.floorDiv(lastEntry, intervalMillis);
  }

  /** An entry needs this tick's vector and a straddle the features would still use. */
  private boolean canEnter(long now) {
    return vector != null
        && vector.timestamp() == now
        && straddle != null
        && now - straddle.timestamp() <= UnderlyingFeatures.STRADDLE_SILENT_AFTER_MILLIS
        && straddle.ask() > 0
        && straddle.forward() > 0
        && Double.isFinite(straddle.delta());
  }

  public long getHorizonMillis() {
    return horizonMillis;
  }

  public void setHorizonMillis(long horizonMillis) {
    this.horizonMillis = horizonMillis;
  }

  public long getIntervalMillis() {
    return intervalMillis;
  }

  public void setIntervalMillis(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  public Candidate[] getOpen() {
    return open;
  }

  public void setOpen(Candidate[] open) {
    this.open = open;
  }

  public long getLastEntry() {
    return lastEntry;
  }

  public void setLastEntry(long lastEntry) {
    this.lastEntry = lastEntry;
  }

  public FeatureVector getVector() {
    return vector;
  }

  public void setVector(FeatureVector vector) {
    this.vector = vector;
  }

  public AtmStraddle getStraddle() {
    return straddle;
  }

  public void setStraddle(AtmStraddle straddle) {
    this.straddle = straddle;
  }

  /** Candidates closed without a single mark (no leg ticker after entry), so without a sample. */
  public long getUnmarked() {
    return unmarked;
  }

  public void setUnmarked(long unmarked) {
    this.unmarked = unmarked;
  }
}
