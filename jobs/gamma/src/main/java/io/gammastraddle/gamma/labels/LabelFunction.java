package io.gammastraddle.gamma.labels;

import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.gamma.ticks.TickFunction;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.labels.Labeller;
import io.gammastraddle.labels.TradingCosts;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Keyed by underlying: follows candidate straddle entries over the horizon ({@link Labeller}) and
 * emits one {@link LabelledSample} per candidate when its horizon has passed, at the decision ticks
 * of {@link TickFunction}. Inputs: the feature vectors, the chain's ATM straddles and the option
 * tickers. Metrics: {@code samples}, {@code unmarkedCandidates}.
 */
public class LabelFunction extends TickFunction<LabelledSample> {

  public static final ValueStateDescriptor<Labeller> STATE =
      new ValueStateDescriptor<>("labeller", Labeller.class);

  private final long horizonMillis;
  private final long candidateIntervalMillis;
  private final TradingCosts costs;
  private transient ValueState<Labeller> state;
  private transient Counter samples;
  private transient Counter unmarked;

  public LabelFunction(
      long decisionIntervalMillis,
      long horizonMillis,
      long candidateIntervalMillis,
      TradingCosts costs) {
    super(decisionIntervalMillis);
    this.horizonMillis = horizonMillis;
    this.candidateIntervalMillis = candidateIntervalMillis;
    this.costs = costs;
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    super.open(openContext);
    state = getRuntimeContext().getState(STATE);
    samples = getRuntimeContext().getMetricGroup().counter("samples");
    unmarked = getRuntimeContext().getMetricGroup().counter("unmarkedCandidates");
  }

  @Override
  protected void apply(UnderlyingEvent event) throws Exception {
    Labeller labeller = labeller();
    if (event.vector() != null) {
      labeller.onVector(event.vector());
    } else if (event.straddle() != null) {
      labeller.onStraddle(event.straddle());
    } else if (event.optionTicker() != null) {
      labeller.onTicker(event.optionTicker());
    }
    state.update(labeller);
  }

  @Override
  protected void onTick(String underlying, long tick, Collector<LabelledSample> out)
      throws Exception {
    Labeller labeller = labeller();
    long unmarkedBefore = labeller.getUnmarked();
    for (LabelledSample sample : labeller.tick(underlying, tick, costs)) {
      out.collect(sample);
      samples.inc();
    }
    unmarked.inc(labeller.getUnmarked() - unmarkedBefore);
    state.update(labeller);
  }

  private Labeller labeller() throws Exception {
    Labeller labeller = state.value();
    return labeller != null ? labeller : new Labeller(horizonMillis, candidateIntervalMillis);
  }
}
