package io.gammastraddle.gamma.scoring;

import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.gamma.alerts.Alert;
import io.gammastraddle.gamma.alerts.Signal;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.registry.FeatureHistogram;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.registry.ModelTopic;
import io.gammastraddle.scoring.BundleScorer;
import io.gammastraddle.scoring.DriftMonitor;
import io.gammastraddle.scoring.OutputRanges;
import io.gammastraddle.scoring.Prediction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by underlying, with model bundles broadcast from {@code gsb.models} (DESIGN section 6, step
 * 6; docs/ml.md "Scoring in the job"): scores every feature vector with the current bundle and
 * emits a {@link PredictionEvent}.
 *
 * <p>Bundles: each record of {@code gsb.models} is parsed and checked on every task (the evaluator
 * against the bundle's reference predictions); a refused bundle changes nothing and raises an
 * alert, an accepted one is kept in broadcast state (checkpointed, so a restored job scores with
 * the bundle it had) and used from the next vector on: a hot swap without a restart. Each task
 * keeps the parsed models of the current and the shadow bundle only, so swaps do not accumulate.
 *
 * <p>The fallback parameters replace the model's, with the reason, when there is no bundle, the
 * bundle has expired, the vector is unfit (schema, length, infinite values), a feature drifts (PSI
 * over the last {@code driftWindow} vectors above {@code driftThreshold}), the model is unhealthy
 * on the latest resolved samples ({@link ModelHealth}), or the prediction took longer than {@code
 * predictionTimeout}. Each switch between the model and the fallback is an {@link Alert}.
 *
 * <p>For the alert patterns, every prediction is also a {@link Signal} on {@link #SIGNALS}
 * (fallback or model), as is every vector a drifting or unhealthy model met and every refused
 * bundle.
 *
 * <p>The size is scaled by the model's confidence, its size error against the fallback's on the
 * resolved samples (before the window fills: the bundle's cross-validated figures when it has
 * them), bounded by the position scale settings, then clipped into [0.02, 0.15]. A shadow bundle is
 * scored beside the current one and reported, never traded.
 */
public class ScoringFunction
    extends KeyedBroadcastProcessFunction<String, ScoringInput, ModelUpdate, PredictionEvent> {

  public static final MapStateDescriptor<String, String> MODELS =
      new MapStateDescriptor<>("models", Types.STRING, Types.STRING);
  public static final OutputTag<Alert> ALERTS =
      new OutputTag<>("alerts", TypeInformation.of(Alert.class));
  public static final OutputTag<Signal> SIGNALS =
      new OutputTag<>("scoring-signals", TypeInformation.of(Signal.class));
  public static final OutputTag<ModelStatus> MODEL_STATUS =
      new OutputTag<>("model-status", TypeInformation.of(ModelStatus.class));

  static final ValueStateDescriptor<HealthWindow> HEALTH =
      new ValueStateDescriptor<>("health", HealthWindow.class);
  public static final ValueStateDescriptor<DriftWindow> DRIFT =
      new ValueStateDescriptor<>("drift", DriftWindow.class);
  static final ValueStateDescriptor<Boolean> ON_FALLBACK =
      new ValueStateDescriptor<>("on-fallback", Types.BOOLEAN);

  private static final Logger LOG = LoggerFactory.getLogger(ScoringFunction.class);

  private final GammaConfig.Scoring settings;
  private transient LoadedBundle current;
  private transient LoadedBundle shadow;
  private transient Map<String, KeyDrift> drift;
  private transient ValueState<HealthWindow> health;
  private transient ValueState<DriftWindow> driftWindow;
  private transient ValueState<Boolean> onFallback;
  private transient Counter predictions;
  private transient Counter fallbacks;
  private transient Counter clippedOutputs;
  private transient Counter timeouts;
  private transient Counter loadedBundles;
  private transient Counter refusedBundles;
  private transient Histogram latency;
  private transient double maxPsi;

  /** A bundle parsed on this task, and the JSON it came from (the broadcast state's value). */
  private record LoadedBundle(String json, BundleScorer scorer) {}

  /** A key's drift monitor, for one bundle version. */
  private record KeyDrift(String version, DriftMonitor monitor) {}

  public ScoringFunction(GammaConfig.Scoring settings) {
    if (settings.driftWindow() < DriftMonitor.MIN_WINDOW) {
      throw new IllegalArgumentException(
          "scoring.drift-window must be at least "
              + DriftMonitor.MIN_WINDOW
              + " vectors, got "
              + settings.driftWindow());
    }
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    health = getRuntimeContext().getState(HEALTH);
    driftWindow = getRuntimeContext().getState(DRIFT);
    onFallback = getRuntimeContext().getState(ON_FALLBACK);
    drift = new HashMap<>();
    var metrics = getRuntimeContext().getMetricGroup();
    predictions = metrics.counter("predictions");
    fallbacks = metrics.counter("fallbacks");
    clippedOutputs = metrics.counter("clippedOutputs");
    timeouts = metrics.counter("predictionTimeouts");
    loadedBundles = metrics.counter("loadedBundles");
    refusedBundles = metrics.counter("refusedBundles");
    latency = metrics.histogram("scoringLatencyNanos", new DescriptiveStatisticsHistogram(1_000));
    metrics.gauge("maxFeaturePsi", () -> maxPsi);
    metrics.gauge(
        "modelCreatedAt", () -> current == null ? 0L : current.scorer().bundle().createdAt());
  }

  @Override
  public void processBroadcastElement(
      ModelUpdate update, Context ctx, Collector<PredictionEvent> out) throws Exception {
    String role = update.role();
    boolean reporter = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    long now = ctx.currentProcessingTime();
    if (!ModelTopic.CURRENT.equals(role) && !ModelTopic.SHADOW.equals(role)) {
      refuse(ctx, reporter, now, role, "a gsb.models record with key '" + role + "', not a role");
      return;
    }
    BroadcastState<String, String> models = ctx.getBroadcastState(MODELS);
    if (update.bundleJson().isEmpty()) {
      models.remove(role);
      setLoaded(role, null);
      LOG.info("The {} model was withdrawn", role);
      return;
    }
    LoadedBundle loaded;
    try {
      loaded = load(update.bundleJson());
    } catch (IllegalArgumentException e) {
      refuse(ctx, reporter, now, role, e.getMessage());
      return;
    }
    models.put(role, update.bundleJson());
    setLoaded(role, loaded);
    loadedBundles.inc();
    ModelBundle bundle = loaded.scorer().bundle();
    LOG.info("Scoring with {} as the {} model", bundle.version(), role);
    if (reporter && ModelTopic.CURRENT.equals(role)) {
      ctx.output(MODEL_STATUS, status(bundle));
    }
  }

  private void refuse(Context ctx, boolean reporter, long now, String role, String reason) {
    refusedBundles.inc();
    LOG.warn("Refused a {} model bundle: {}", role, reason);
    if (reporter) {
      ctx.output(ALERTS, new Alert("bundle_refused", role, now, reason));
      ctx.output(SIGNALS, new Signal(Signal.Kind.BUNDLE_REFUSED, role, now, reason));
    }
  }

  @Override
  public void processElement(
      ScoringInput input, ReadOnlyContext ctx, Collector<PredictionEvent> out) throws Exception {
    if (input.sample() != null) {
      HealthWindow window = healthWindow();
      window.add(input.sample());
      health.update(window);
      return;
    }
    FeatureVector vector = input.vector();
    DriftWindow vectors = driftWindow();
    boolean taken =
        vectors.add(vector.values(), vector.timestamp(), settings.driftInterval().toMillis());
    if (taken) {
      driftWindow.update(vectors);
    }

    ReadOnlyBroadcastState<String, String> models = ctx.getBroadcastState(MODELS);
    BundleScorer scorer = scorer(models, ModelTopic.CURRENT, ctx, vector);
    PredictionEvent event =
        scorer == null
            ? fallbackEvent(vector, "no model yet", null)
            : score(vector, scorer, vectors, taken, models, ctx);
    predictions.inc();
    if (event.fallback()) {
      fallbacks.inc();
    }
    clippedOutputs.inc(event.clipped());
    ctx.output(
        SIGNALS,
        event.fallback()
            ? new Signal(
                Signal.Kind.FALLBACK_PREDICTION,
                event.underlying(),
                event.timestamp(),
                event.reason())
            : new Signal(
                Signal.Kind.MODEL_PREDICTION,
                event.underlying(),
                event.timestamp(),
                event.modelVersion()));
    alertOnSwitch(event, ctx);
    out.collect(event);
  }

  private PredictionEvent score(
      FeatureVector vector,
      BundleScorer scorer,
      DriftWindow vectors,
      boolean taken,
      ReadOnlyBroadcastState<String, String> models,
      ReadOnlyContext ctx)
      throws Exception {
    HealthWindow window = healthWindow();
    ModelHealth modelHealth = window.health(scorer, false);
    BundleScorer shadowScorer = scorer(models, ModelTopic.SHADOW, ctx, vector);
    Prediction shadowPrediction = null;
    ModelHealth shadowHealth = null;
    if (shadowScorer != null) {
      shadowPrediction =
          shadowScorer.score(
              vector.underlying(), vector.timestamp(), vector.schemaVersion(), vector.values());
      shadowHealth = window.health(shadowScorer, true);
    }
    health.update(window);

    String problem = drifting(vector, scorer, vectors, taken);
    Signal.Kind verdict = Signal.Kind.MODEL_DRIFTING;
    if (problem == null) {
      problem = modelHealth.problem();
      verdict = Signal.Kind.MODEL_UNHEALTHY;
    }
    if (problem != null) {
      ctx.output(
          SIGNALS,
          new Signal(
              verdict,
              vector.underlying(),
              vector.timestamp(),
              "model " + scorer.version() + ": " + problem));
      return fallbackEvent(
          vector, problem, scorer.version(), modelHealth, shadowPrediction, shadowHealth);
    }
    long started = System.nanoTime();
    Prediction prediction =
        scorer.score(
            vector.underlying(), vector.timestamp(), vector.schemaVersion(), vector.values());
    long took = System.nanoTime() - started;
    latency.update(took);
    if (took > settings.predictionTimeout().toNanos()) {
      timeouts.inc();
      return fallbackEvent(
          vector,
          String.format(
              Locale.ROOT,
              "the prediction took %.1f ms, over the %d ms timeout",
              took / 1e6,
              settings.predictionTimeout().toMillis()),
          scorer.version(),
          modelHealth,
          shadowPrediction,
          shadowHealth);
    }
    if (prediction.fallback()) {
      return fallbackEvent(
          vector,
          prediction.reason(),
          scorer.version(),
          modelHealth,
          shadowPrediction,
          shadowHealth);
    }
    double scale = positionScale(modelHealth, scorer.bundle());
    return new PredictionEvent(
        vector.underlying(),
        vector.timestamp(),
        OutputRanges.clip(prediction.size() * scale, OutputRanges.MIN_SIZE, OutputRanges.MAX_SIZE),
        prediction.takeProfit(),
        prediction.stopLoss(),
        prediction.size(),
        scale,
        scorer.version(),
        false,
        "",
        prediction.clipped(),
        took,
        modelHealth,
        shadowPrediction,
        shadowHealth);
  }

  /** Why the vector's features have drifted from the model's training data, or null. */
  private String drifting(
      FeatureVector vector, BundleScorer scorer, DriftWindow vectors, boolean taken) {
    ModelBundle bundle = scorer.bundle();
    List<FeatureHistogram> reference = bundle.driftReference(vector.underlying());
    if (vector.schemaVersion() != bundle.schemaVersion()
        || vector.values().length != reference.size()) {
      return null; // the scorer refuses such a vector itself, with its own reason
    }
    KeyDrift keyDrift = drift.get(vector.underlying());
    if (keyDrift == null || !keyDrift.version().equals(bundle.version())) {
      keyDrift =
          new KeyDrift(
              bundle.version(), vectors.replay(reference, settings.driftInterval().toMillis()));
      drift.put(vector.underlying(), keyDrift);
    } else if (taken) {
      keyDrift.monitor().add(vector.values());
    }
    DriftMonitor monitor = keyDrift.monitor();
    if (!monitor.ready()) {
      return null;
    }
    maxPsi = monitor.maxPsi();
    return monitor.drifting(settings.driftThreshold());
  }

  /**
   * The model's size error against the fallback's, bounded: from the resolved samples once the
   * health window is full, from the bundle's cross-validation before that, 1 when neither says.
   */
  double positionScale(ModelHealth modelHealth, ModelBundle bundle) {
    double confidence = modelHealth.full() ? modelHealth.sizeConfidence() : Double.NaN;
    if (Double.isNaN(confidence)) {
      Double modelMae = bundle.metrics().get("size.mae");
      Double fallbackMae = bundle.metrics().get("size.fallback_mae");
      confidence =
          modelMae != null && fallbackMae != null && modelMae > 0 ? fallbackMae / modelMae : 1;
    }
    return OutputRanges.clip(confidence, settings.minPositionScale(), settings.maxPositionScale());
  }

  private PredictionEvent fallbackEvent(FeatureVector vector, String reason, String version) {
    return fallbackEvent(vector, reason, version, null, null, null);
  }

  private static PredictionEvent fallbackEvent(
      FeatureVector vector,
      String reason,
      String version,
      ModelHealth modelHealth,
      Prediction shadowPrediction,
      ModelHealth shadowHealth) {
    Prediction fallback =
        BundleScorer.fallback(vector.underlying(), vector.timestamp(), version, reason);
    return new PredictionEvent(
        vector.underlying(),
        vector.timestamp(),
        fallback.size(),
        fallback.takeProfit(),
        fallback.stopLoss(),
        fallback.size(),
        1,
        version == null ? "" : version,
        true,
        reason,
        0,
        0,
        modelHealth,
        shadowPrediction,
        shadowHealth);
  }

  private void alertOnSwitch(PredictionEvent event, ReadOnlyContext ctx) throws Exception {
    Boolean wasOnFallback = onFallback.value();
    if (wasOnFallback != null && wasOnFallback == event.fallback()) {
      return;
    }
    onFallback.update(event.fallback());
    if (event.fallback()) {
      ctx.output(
          ALERTS,
          new Alert(
              "model_fallback",
              event.underlying(),
              event.timestamp(),
              "fallback parameters for " + event.underlying() + ": " + event.reason()));
    } else if (wasOnFallback != null) {
      ctx.output(
          ALERTS,
          new Alert(
              "model_recovered",
              event.underlying(),
              event.timestamp(),
              "model " + event.modelVersion() + " scores " + event.underlying() + " again"));
    }
  }

  /** The parsed bundle of {@code role}, parsing the broadcast state's JSON once per version. */
  private BundleScorer scorer(
      ReadOnlyBroadcastState<String, String> models,
      String role,
      ReadOnlyContext ctx,
      FeatureVector vector)
      throws Exception {
    String json = models.get(role);
    LoadedBundle loaded = ModelTopic.CURRENT.equals(role) ? current : shadow;
    if (json == null) {
      return null;
    }
    if (loaded != null && loaded.json() == json) {
      return loaded.scorer();
    }
    try {
      loaded = load(json);
    } catch (IllegalArgumentException e) {
      // A bundle accepted before a restore but refused by this build's evaluator.
      ctx.output(ALERTS, new Alert("bundle_refused", role, vector.timestamp(), e.getMessage()));
      ctx.output(
          SIGNALS,
          new Signal(Signal.Kind.BUNDLE_REFUSED, role, vector.timestamp(), e.getMessage()));
      return null;
    }
    setLoaded(role, loaded);
    return loaded.scorer();
  }

  private LoadedBundle load(String json) {
    ModelBundle bundle = ModelTopic.decode(json.getBytes(StandardCharsets.UTF_8));
    BundleScorer scorer =
        settings.engine() == GammaConfig.Scoring.Engine.LIGHTGBM4J
            ? new BundleScorer(bundle, NativePredictor::load)
            : new BundleScorer(bundle);
    return new LoadedBundle(json, scorer);
  }

  /** Replaces the bundle of {@code role}, freeing the one it replaces. */
  private void setLoaded(String role, LoadedBundle loaded) {
    LoadedBundle replaced = ModelTopic.CURRENT.equals(role) ? current : shadow;
    if (ModelTopic.CURRENT.equals(role)) {
      current = loaded;
    } else {
      shadow = loaded;
    }
    if (replaced != null && replaced != loaded) {
      replaced.scorer().close();
    }
  }

  @Override
  public void close() throws Exception {
    setLoaded(ModelTopic.CURRENT, null);
    setLoaded(ModelTopic.SHADOW, null);
    super.close();
  }

  private HealthWindow healthWindow() throws Exception {
    HealthWindow window = health.value();
    return window != null && window.getCapacity() == settings.healthWindow()
        ? window
        : new HealthWindow(settings.healthWindow());
  }

  private DriftWindow driftWindow() throws Exception {
    DriftWindow window = driftWindow.value();
    return window != null && window.getCapacity() == settings.driftWindow()
        ? window
        : new DriftWindow(settings.driftWindow());
  }

  private static ModelStatus status(ModelBundle bundle) {
    String[] names = bundle.metrics().keySet().stream().sorted().toArray(String[]::new);
    double[] values = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      values[i] = bundle.metrics().get(names[i]);
    }
    return new ModelStatus(
        bundle.version(),
        bundle.createdAt(),
        bundle.expiresAt(),
        bundle.trainedFrom(),
        bundle.trainedTo(),
        names,
        values);
  }
}
