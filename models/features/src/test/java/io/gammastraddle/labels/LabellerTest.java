package io.gammastraddle.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.chain.OptionTicker;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LabellerTest {

  private static final long T0 = 1_800_000_000_000L - 1_800_000_000_000L % 300_000;
  private static final long HOUR = 3_600_000;
  private static final String CALL = "BTC-9JAN27-60000-C";
  private static final String PUT = "BTC-9JAN27-60000-P";
  private static final TradingCosts COSTS = TradingCosts.deribit();

  private static FeatureVector vector(long timestamp, double value) {
    double[] values = new double[FeatureSchema.NAMES.size()];
    java.util.Arrays.fill(values, value);
    return new FeatureVector("BTC", timestamp, FeatureSchema.VERSION, values);
  }

  /** Both legs at 0.03 coin bid, 0.031 ask (the straddle 0.06 / 0.062), forward 60,000. */
  private static AtmStraddle straddle(long timestamp) {
    return new AtmStraddle(
        "BTC",
        timestamp,
        T0 + 200 * HOUR,
        60_000,
        CALL,
        PUT,
        60_000,
        0.55,
        0.06,
        0.062,
        0.061,
        0.1,
        0.0001,
        120,
        -80,
        1e6,
        150,
        timestamp);
  }

  private static OptionTicker ticker(
      String leg, long timestamp, double forward, double bid, double delta) {
    return new OptionTicker(
        leg, "BTC", timestamp, forward, bid + 0.0005, 55, bid, bid + 0.001, delta, 0.00005, 60, 0);
  }

  /** Feeds {@code events} by tick like the operator: each tick's events, then the tick. */
  private static List<LabelledSample> run(
      Labeller labeller, long[] ticks, List<Consumer<Labeller>> events) {
    List<LabelledSample> samples = new ArrayList<>();
    for (int i = 0; i < ticks.length; i++) {
      events.get(i).accept(labeller);
      samples.addAll(labeller.tick("BTC", ticks[i], COSTS));
    }
    return samples;
  }

  @Test
  void marksTheHedgedStraddleAtTheBidsAfterFees() {
    Labeller labeller = new Labeller(HOUR, 300_000);
    labeller.onVector(vector(T0, 0.5));
    labeller.onStraddle(straddle(T0));
    assertThat(labeller.tick("BTC", T0, COSTS)).isEmpty();
    assertThat(labeller.getOpen()).hasSize(1);

    labeller.onTicker(ticker(CALL, T0 + 400, 60_100, 0.031, 0.55));
    labeller.onTicker(ticker(PUT, T0 + 500, 60_100, 0.029, -0.45));
    labeller.tick("BTC", T0 + 1_000, COSTS);
    labeller.onTicker(ticker(CALL, T0 + HOUR - 10, 60_200, 0.033, 0.6));
    List<LabelledSample> samples = labeller.tick("BTC", T0 + HOUR, COSTS);

    // Entry: premium 0.062 x 60,000 = 3,720; each leg's fee 0.0003 x 60,000 = 18; hedge -0.1 coin
    // costs 0.1 x 60,000 x 0.0005 = 3. First mark: hedge -0.1 x (60,100 - 60,000) = -10; bids
    // 0.06 x 60,100 = 3,606; exit fees 2 x 0.0003 x 60,100 = 36.06. The hedge stays at -0.1.
    double first = 3_606 - 3_720 - 36 - 36.06 - 10 - 3;
    // Second mark: hedge -0.1 x 100 more; bids (0.033 + 0.029) x 60,200 = 3,732.4; exit fees
    // 36.12; then the hedge goes to -(0.6 - 0.45) = -0.15 (0.05 coin traded: 1.505 of fees).
    double second = 3_732.4 - 3_720 - 36 - 36.12 - 20 - 3;
    assertThat(samples).hasSize(1);
    LabelledSample sample = samples.get(0);
    assertThat(sample.entryTime()).isEqualTo(T0);
    assertThat(sample.endTime()).isEqualTo(T0 + HOUR);
    assertThat(sample.call()).isEqualTo(CALL);
    assertThat(sample.put()).isEqualTo(PUT);
    assertThat(sample.premiumUsd()).isCloseTo(3_720, within(1e-9));
    assertThat(sample.marks()).isEqualTo(2);
    assertThat(sample.hedgedPnl()).isCloseTo(second / 3_720, within(1e-12));
    assertThat(sample.maxFavourable()).as("never positive").isZero();
    assertThat(sample.maxAdverse()).isCloseTo(-Math.min(first, second) / 3_720, within(1e-12));
    assertThat(sample.features()).containsOnly(0.5);
  }

  @Test
  void nothingAfterTheHorizonChangesTheSampleAndNothingAfterEntryChangesItsFeatures() {
    long[] ticks = {T0, T0 + 1_000, T0 + 60_000, T0 + HOUR, T0 + HOUR + 1_000};
    List<Consumer<Labeller>> quiet = events(false);
    List<Consumer<Labeller>> busy = events(true);

    List<LabelledSample> fromQuiet = run(new Labeller(HOUR, 300_000), ticks, quiet);
    List<LabelledSample> fromBusy = run(new Labeller(HOUR, 300_000), ticks, busy);

    assertThat(fromQuiet).hasSize(1);
    assertThat(fromBusy).containsExactlyElementsOf(fromQuiet);
    assertThat(fromQuiet.get(0).features()).containsOnly(0.25);
  }

  /**
   * Leg tickers within the horizon; with {@code busy}, also a new vector after entry, a ticker
   * stamped at the entry tick, and wild tickers after the horizon.
   */
  private static List<Consumer<Labeller>> events(boolean busy) {
    List<Consumer<Labeller>> events = new ArrayList<>();
    events.add(
        labeller -> {
          labeller.onVector(vector(T0, 0.25));
          labeller.onStraddle(straddle(T0));
          if (busy) {
            labeller.onTicker(ticker(CALL, T0, 50_000, 0.5, 0.9));
          }
        });
    events.add(
        labeller -> {
          labeller.onTicker(ticker(CALL, T0 + 300, 60_050, 0.0305, 0.52));
          labeller.onTicker(ticker(PUT, T0 + 310, 60_050, 0.0298, -0.48));
          if (busy) {
            labeller.onVector(vector(T0 + 1_000, 9));
          }
        });
    events.add(labeller -> labeller.onTicker(ticker(PUT, T0 + 59_000, 59_900, 0.0302, -0.5)));
    events.add(labeller -> {});
    events.add(
        labeller -> {
          if (busy) {
            labeller.onTicker(ticker(CALL, T0 + HOUR + 500, 90_000, 0.4, 1));
          }
        });
    return events;
  }

  @Test
  void entersOncePerCandidateIntervalAndOnlyWithAFreshStraddleAndThisTicksVector() {
    Labeller labeller = new Labeller(HOUR, 300_000);
    labeller.onStraddle(straddle(T0 - 31_000));
    labeller.onVector(vector(T0, 1));
    labeller.tick("BTC", T0, COSTS);
    assertThat(labeller.getOpen()).as("the straddle is 31 s old").isEmpty();

    labeller.onStraddle(straddle(T0 + 1_000));
    labeller.tick("BTC", T0 + 1_000, COSTS);
    assertThat(labeller.getOpen()).as("the vector is not this tick's").isEmpty();

    labeller.onVector(vector(T0 + 2_000, 1));
    labeller.tick("BTC", T0 + 2_000, COSTS);
    labeller.onVector(vector(T0 + 3_000, 1));
    labeller.tick("BTC", T0 + 3_000, COSTS);
    assertThat(labeller.getOpen()).hasSize(1);

    labeller.onStraddle(straddle(T0 + 300_000));
    labeller.onVector(vector(T0 + 300_000, 1));
    labeller.tick("BTC", T0 + 300_000, COSTS);
    assertThat(labeller.getOpen()).as("the next interval").hasSize(2);
  }

  @Test
  void aCandidateNeverMarkedGivesNoSampleAndIsCounted() {
    Labeller labeller = new Labeller(HOUR, 300_000);
    labeller.onVector(vector(T0, 1));
    labeller.onStraddle(straddle(T0));
    labeller.tick("BTC", T0, COSTS);
    labeller.onTicker(ticker(CALL, T0 + 100, 60_000, 0.03, 0.5));

    assertThat(labeller.tick("BTC", T0 + HOUR, COSTS)).isEmpty();
    assertThat(labeller.getOpen()).isEmpty();
    assertThat(labeller.getUnmarked()).isOne();
  }
}
