package io.gammastraddle.gamma.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.gamma.alerts.Alert;
import io.gammastraddle.gamma.alerts.Signal;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.registry.ModelTopic;
import io.gammastraddle.registry.ReferenceRow;
import io.gammastraddle.scoring.BundleScorer;
import io.gammastraddle.scoring.Prediction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scoring operator on Flink's keyed broadcast harness, with bundles trained by the trainer. */
class ScoringFunctionTest {

  private static final long T0 = 1_800_000_000_000L;

  /** A vector a second, every one taken by the drift window. */
  private static final GammaConfig.Scoring SETTINGS =
      GammaConfig.from(Map.of("scoring.drift-interval", "1s")).scoring();

  private static ModelBundle first;
  private static ModelBundle second;

  private final SplittableRandom random = new SplittableRandom(7);
  private KeyedBroadcastOperatorTestHarness<String, ScoringInput, ModelUpdate, PredictionEvent>
      harness;
  private long clock = T0;

  @BeforeAll
  static void train() throws Exception {
    first = TrainedBundles.train(T0 - 60_000, 600, 1);
    second = TrainedBundles.train(T0, 600, 2);
  }

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  private static KeyedBroadcastOperatorTestHarness<
          String, ScoringInput, ModelUpdate, PredictionEvent>
      harness(GammaConfig.Scoring settings, OperatorSubtaskState state) throws Exception {
    var harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(
                new ScoringFunction(settings), List.of(ScoringFunction.MODELS)),
            ScoringInput::underlying,
            Types.STRING,
            128,
            1,
            0);
    harness.setup();
    if (state != null) {
      harness.initializeState(state);
    }
    harness.open();
    return harness;
  }

  private static ModelUpdate update(String role, ModelBundle bundle) {
    return new ModelUpdate(role, new String(ModelTopic.encode(bundle), StandardCharsets.UTF_8));
  }

  private FeatureVector vector(double shift) {
    clock += 1_000;
    return new FeatureVector(
        "BTC", clock, FeatureSchema.VERSION, TrainedBundles.vector(random, shift));
  }

  private PredictionEvent score(FeatureVector vector) throws Exception {
    int before = harness.extractOutputValues().size();
    harness.processElement(new StreamRecord<>(ScoringInput.of(vector), vector.timestamp()));
    List<PredictionEvent> out = harness.extractOutputValues();
    assertThat(out).hasSize(before + 1);
    return out.get(out.size() - 1);
  }

  private void broadcast(ModelUpdate update) throws Exception {
    harness.processBroadcastElement(new StreamRecord<>(update, clock));
  }

  private List<Alert> alerts() {
    return harness.getSideOutput(ScoringFunction.ALERTS) == null
        ? List.of()
        : harness.getSideOutput(ScoringFunction.ALERTS).stream()
            .map(record -> (Alert) ((StreamRecord<?>) record).getValue())
            .toList();
  }

  private List<Signal> signals() {
    return harness.getSideOutput(ScoringFunction.SIGNALS) == null
        ? List.of()
        : harness.getSideOutput(ScoringFunction.SIGNALS).stream()
            .map(record -> (Signal) ((StreamRecord<?>) record).getValue())
            .toList();
  }

  @Test
  void usesTheFallbackUntilABundleArrivesAndAlertsOnce() throws Exception {
    harness = harness(SETTINGS, null);

    PredictionEvent before = score(vector(0));
    score(vector(0));

    assertThat(before.fallback()).isTrue();
    assertThat(before.reason()).isEqualTo("no model yet");
    assertThat(before.size()).isEqualTo(0.02);
    assertThat(alerts()).extracting(Alert::type).containsExactly("model_fallback");

    broadcast(update(ModelTopic.CURRENT, first));
    FeatureVector vector = vector(0);
    PredictionEvent after = score(vector);

    Prediction expected =
        new BundleScorer(first)
            .score("BTC", vector.timestamp(), vector.schemaVersion(), vector.values());
    assertThat(after.fallback()).isFalse();
    assertThat(after.modelVersion()).isEqualTo(first.version());
    assertThat(after.takeProfit()).isEqualTo(expected.takeProfit());
    assertThat(after.stopLoss()).isEqualTo(expected.stopLoss());
    assertThat(after.modelSize()).isEqualTo(expected.size());
    assertThat(after.latencyNanos()).isPositive();
    assertThat(alerts())
        .extracting(Alert::type)
        .containsExactly("model_fallback", "model_recovered");
    assertThat(harness.getSideOutput(ScoringFunction.MODEL_STATUS)).hasSize(1);
    assertThat(signals())
        .as("every prediction is a signal for the fallback streak")
        .extracting(Signal::kind, Signal::subject, Signal::detail)
        .containsExactly(
            tuple(Signal.Kind.FALLBACK_PREDICTION, "BTC", "no model yet"),
            tuple(Signal.Kind.FALLBACK_PREDICTION, "BTC", "no model yet"),
            tuple(Signal.Kind.MODEL_PREDICTION, "BTC", first.version()));
    assertThat(signals().get(2).timestamp()).isEqualTo(vector.timestamp());
  }

  @Test
  void swapsToANewBundleAtTheNextVector() throws Exception {
    harness = harness(SETTINGS, null);
    broadcast(update(ModelTopic.CURRENT, first));
    assertThat(score(vector(0)).modelVersion()).isEqualTo(first.version());

    broadcast(update(ModelTopic.CURRENT, second));

    assertThat(score(vector(0)).modelVersion()).isEqualTo(second.version());
    var statuses = harness.getSideOutput(ScoringFunction.MODEL_STATUS);
    assertThat(statuses).hasSize(2);
  }

  @Test
  void refusesABundleWhoseReferencePredictionsDisagreeAndKeepsTheCurrentOne() throws Exception {
    harness = harness(SETTINGS, null);
    broadcast(update(ModelTopic.CURRENT, first));
    ReferenceRow row = second.referenceRows().get(0);
    ModelBundle tampered =
        second.withReferenceRows(
            List.of(
                new ReferenceRow(
                    row.features(), row.size() + 1e-6, row.takeProfit(), row.stopLoss())));

    broadcast(update(ModelTopic.CURRENT, tampered));
    broadcast(new ModelUpdate(ModelTopic.CURRENT, "{not json"));
    broadcast(update("champion", second));

    assertThat(score(vector(0)).modelVersion()).isEqualTo(first.version());
    assertThat(alerts())
        .filteredOn(alert -> alert.type().equals("bundle_refused"))
        .extracting(Alert::message)
        .satisfiesExactly(
            reference -> assertThat(reference).contains("where LightGBM predicted"),
            garbage -> assertThat(garbage).contains("Not a model bundle"),
            role -> assertThat(role).contains("'champion', not a role"));
    assertThat(signals())
        .filteredOn(signal -> signal.kind() == Signal.Kind.BUNDLE_REFUSED)
        .extracting(Signal::subject)
        .containsExactly(ModelTopic.CURRENT, ModelTopic.CURRENT, "champion");
  }

  @Test
  void fallsBackWhenAFeatureDriftsAndRecoversWhenItReturns() throws Exception {
    harness = harness(SETTINGS, null);
    broadcast(update(ModelTopic.CURRENT, first));
    for (int i = 0; i < SETTINGS.driftWindow(); i++) {
      assertThat(score(vector(0)).fallback()).as("vector %d from the training data", i).isFalse();
    }

    PredictionEvent drifted = null;
    for (int i = 0;
        i < SETTINGS.driftWindow() / 2 && (drifted == null || !drifted.fallback());
        i++) {
      drifted = score(vector(1.5));
    }

    assertThat(drifted.fallback()).isTrue();
    assertThat(drifted.reason()).contains("drifts: PSI");
    assertThat(drifted.modelVersion()).isEqualTo(first.version());
    assertThat(alerts()).extracting(Alert::type).containsExactly("model_fallback");
    Signal drift = signals().get(signals().size() - 2);
    assertThat(drift.kind()).isEqualTo(Signal.Kind.MODEL_DRIFTING);
    assertThat(drift.detail()).contains(first.version(), "drifts: PSI");
    assertThat(signals().get(signals().size() - 1).kind())
        .isEqualTo(Signal.Kind.FALLBACK_PREDICTION);

    PredictionEvent back = null;
    for (int i = 0; i < SETTINGS.driftWindow() && (back == null || back.fallback()); i++) {
      back = score(vector(0));
    }
    assertThat(back.fallback()).isFalse();
    assertThat(alerts())
        .extracting(Alert::type)
        .containsExactly("model_fallback", "model_recovered");
  }

  @Test
  void fallsBackWhenTheModelDoesWorseThanTheFallbackOnResolvedSamples() throws Exception {
    harness = harness(SETTINGS, null);
    broadcast(update(ModelTopic.CURRENT, first));
    for (int i = 0; i < SETTINGS.healthWindow(); i++) {
      FeatureVector vector = vector(0);
      harness.processElement(
          new StreamRecord<>(
              ScoringInput.of(TrainedBundles.sample("BTC", clock, vector.values(), false)), clock));
    }
    PredictionEvent healthy = score(vector(0));
    assertThat(healthy.fallback()).isFalse();
    assertThat(healthy.health().full()).isTrue();
    assertThat(healthy.health().r2()[1])
        .as("take-profit R² on learnable samples")
        .isGreaterThan(0.5);
    assertThat(healthy.positionScale()).isGreaterThan(1);

    for (int i = 0; i < SETTINGS.healthWindow(); i++) {
      FeatureVector vector = vector(0);
      harness.processElement(
          new StreamRecord<>(
              ScoringInput.of(TrainedBundles.sample("BTC", clock, vector.values(), true)), clock));
    }
    PredictionEvent unhealthy = score(vector(0));

    assertThat(unhealthy.fallback()).isTrue();
    assertThat(unhealthy.reason()).startsWith("unhealthy:");
    assertThat(signals())
        .filteredOn(signal -> signal.kind() == Signal.Kind.MODEL_UNHEALTHY)
        .singleElement()
        .satisfies(signal -> assertThat(signal.detail()).contains("unhealthy: "));
    assertThat(unhealthy.health().r2()[1]).isNegative();
  }

  @Test
  void fallsBackOnAnExpiredBundleAndOnATimeout() throws Exception {
    harness = harness(SETTINGS, null);
    broadcast(update(ModelTopic.CURRENT, first));
    clock = first.expiresAt();

    assertThat(score(vector(0)).reason()).contains("expired");

    harness.close();
    harness =
        harness(
            new GammaConfig.Scoring(
                Duration.ofNanos(1),
                100,
                0.1,
                500,
                Duration.ofSeconds(1),
                0.5,
                2.0,
                GammaConfig.Scoring.Engine.PURE_JAVA),
            null);
    clock = T0;
    broadcast(update(ModelTopic.CURRENT, first));
    PredictionEvent late = score(vector(0));
    assertThat(late.fallback()).isTrue();
    assertThat(late.reason()).contains("over the 0 ms timeout");
  }

  @Test
  void scoresTheShadowBundleBesideTheCurrentOneUntilItIsWithdrawn() throws Exception {
    harness = harness(SETTINGS, null);
    broadcast(update(ModelTopic.CURRENT, first));
    broadcast(update(ModelTopic.SHADOW, second));
    FeatureVector vector = vector(0);

    PredictionEvent event = score(vector);

    assertThat(event.modelVersion()).isEqualTo(first.version());
    assertThat(event.shadow().modelVersion()).isEqualTo(second.version());
    assertThat(event.shadow().takeProfit())
        .isEqualTo(
            new BundleScorer(second)
                .score("BTC", vector.timestamp(), vector.schemaVersion(), vector.values())
                .takeProfit());

    broadcast(new ModelUpdate(ModelTopic.SHADOW, ""));
    assertThat(score(vector(0)).shadow()).isNull();
  }

  @Test
  void aRestoredOperatorScoresWithItsBundleAndKeepsItsWindows() throws Exception {
    harness = harness(SETTINGS, null);
    broadcast(update(ModelTopic.CURRENT, first));
    for (int i = 0; i < 10; i++) {
      FeatureVector vector = vector(0);
      harness.processElement(
          new StreamRecord<>(
              ScoringInput.of(TrainedBundles.sample("BTC", clock, vector.values(), false)), clock));
      score(vector(0));
    }
    OperatorSubtaskState checkpoint = harness.snapshot(1, clock);
    FeatureVector next = vector(0);
    PredictionEvent uninterrupted = score(next);
    harness.close();

    harness = harness(SETTINGS, checkpoint);
    PredictionEvent restored = score(next);

    assertThat(restored)
        .usingRecursiveComparison()
        .ignoringFields("latencyNanos")
        .isEqualTo(uninterrupted);
    assertThat(restored.health().samples()).isEqualTo(10);
  }

  @Test
  void scoresThroughLightGbmsNativeLibraryWhenAsked() throws Exception {
    GammaConfig.Scoring nativeEngine =
        GammaConfig.from(Map.of("scoring.engine", "lightgbm4j")).scoring();
    harness = harness(nativeEngine, null);
    broadcast(update(ModelTopic.CURRENT, first));
    BundleScorer pureJava = new BundleScorer(first);

    for (int i = 0; i < 50; i++) {
      FeatureVector vector = vector(0);
      PredictionEvent event = score(vector);
      Prediction expected =
          pureJava.score("BTC", vector.timestamp(), vector.schemaVersion(), vector.values());
      assertThat(event.fallback()).isFalse();
      assertThat(event.modelSize()).isCloseTo(expected.size(), within(1e-9));
      assertThat(event.takeProfit()).isCloseTo(expected.takeProfit(), within(1e-9));
      assertThat(event.stopLoss()).isCloseTo(expected.stopLoss(), within(1e-9));
    }
    broadcast(update(ModelTopic.CURRENT, second));
    assertThat(score(vector(0)).modelVersion()).isEqualTo(second.version());
  }

  @Test
  void scalesTheSizeByConfidenceWithinItsBounds() throws Exception {
    var function = new ScoringFunction(SETTINGS);
    ModelHealth none = new ModelHealth("v", 0, false, new double[3], new double[3], new double[3]);
    ModelHealth good =
        new ModelHealth(
            "v", 100, true, new double[] {0.01, 0, 0}, new double[3], new double[] {0.03, 0, 0});
    ModelHealth modest =
        new ModelHealth(
            "v", 100, true, new double[] {0.02, 0, 0}, new double[3], new double[] {0.025, 0, 0});

    double crossValidated =
        first.metrics().get("size.fallback_mae") / first.metrics().get("size.mae");
    assertThat(function.positionScale(none, first))
        .as("before resolved samples: the bundle's cross-validation")
        .isEqualTo(Math.max(0.5, Math.min(2.0, crossValidated)));
    assertThat(function.positionScale(good, first)).as("bounded").isEqualTo(2.0);
    assertThat(function.positionScale(modest, first)).isEqualTo(1.25);
  }
}
