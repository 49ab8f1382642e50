package io.gammastraddle.gamma.features;

import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.features.UnderlyingEvent;
import io.gammastraddle.features.UnderlyingFeatures;
import io.gammastraddle.gamma.ticks.TickFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Keyed by underlying: folds the perpetual's book tops, trades and ticker, the index and the
 * chain's at-the-money straddle into {@link UnderlyingFeatures}, and emits a {@link FeatureVector}
 * at each decision tick ({@link TickFunction}). State per underlying: one {@link
 * UnderlyingFeatures}, bounded by construction. Underlyings are a handful and live as long as the
 * job, so it is not cleared.
 */
public class FeatureFunction extends TickFunction<FeatureVector> {

  public static final ValueStateDescriptor<UnderlyingFeatures> STATE =
      new ValueStateDescriptor<>("underlying-features", UnderlyingFeatures.class);

  private transient ValueState<UnderlyingFeatures> state;
  private transient Counter vectors;

  public FeatureFunction(long decisionIntervalMillis) {
    super(decisionIntervalMillis);
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    super.open(openContext);
    state = getRuntimeContext().getState(STATE);
    vectors = getRuntimeContext().getMetricGroup().counter("featureVectors");
  }

  @Override
  protected void apply(UnderlyingEvent event) throws Exception {
    UnderlyingFeatures features = features();
    features.onEvent(event);
    state.update(features);
  }

  @Override
  protected void onTick(String underlying, long tick, Collector<FeatureVector> out)
      throws Exception {
    UnderlyingFeatures features = features();
    FeatureVector vector = features.tick(underlying, tick);
    state.update(features);
    out.collect(vector);
    vectors.inc();
  }

  private UnderlyingFeatures features() throws Exception {
    UnderlyingFeatures features = state.value();
    return features != null ? features : new UnderlyingFeatures();
  }
}
