package io.gammastraddle.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ModelBundleTest {

  private static final long NOW = 1_800_000_000_000L;

  @Test
  void loadsModelsThatAgreeWithLightGbm() throws Exception {
    ModelBundle bundle = Bundles.trained("v1", NOW);

    ModelBundle.Scorers scorers = bundle.load();

    ReferenceRow row = bundle.referenceRows().get(3);
    assertThat(scorers.size().predict(row.features())).isEqualTo(row.size());
    assertThat(scorers.stopLoss().predict(row.features())).isEqualTo(row.stopLoss());
  }

  @Test
  void takesAnUnderlyingsOwnDriftReferenceWhenEveryFeatureHasOne() throws Exception {
    ModelBundle trained = Bundles.trained("v1", NOW);
    List<FeatureHistogram> histograms = new ArrayList<>();
    for (String feature : Bundles.FEATURES) {
      histograms.add(histogram(feature, ""));
      histograms.add(histogram(feature, "BTC"));
    }
    histograms.add(histogram("a", "ETH"));
    ModelBundle bundle = trained.withHistograms(histograms);

    assertThat(bundle.driftReference("BTC"))
        .extracting(FeatureHistogram::feature, FeatureHistogram::underlying)
        .containsExactly(Tuple.tuple("a", "BTC"), Tuple.tuple("b", "BTC"), Tuple.tuple("c", "BTC"));
    assertThat(bundle.driftReference("ETH"))
        .as("ETH lacks features of its own")
        .extracting(FeatureHistogram::underlying)
        .containsOnly("");
    assertThat(ModelTopic.decode(ModelTopic.encode(bundle)).driftReference("BTC"))
        .as("through JSON")
        .hasSize(3);
  }

  @Test
  void readsTheHistogramsOfABundleWrittenBeforeTheyHadARange() throws Exception {
    ModelBundle bundle =
        Bundles.trained("v1", NOW)
            .withHistograms(
                List.of(
                    new FeatureHistogram(
                        "a",
                        "",
                        new double[] {0},
                        new double[] {0.5, 0.5},
                        0,
                        new double[] {-2, 3})));
    String json = new String(ModelTopic.encode(bundle), StandardCharsets.UTF_8);
    assertThat(json).contains("\"range\":[-2.0,3.0]");

    String older = json.replace(",\"range\":[-2.0,3.0]", "");
    FeatureHistogram read =
        ModelTopic.decode(older.getBytes(StandardCharsets.UTF_8)).histograms().get(0);

    assertThat(read.range()).isEmpty();
    assertThat(read.outsideRange(1e9)).isFalse();
  }

  private static FeatureHistogram histogram(String feature, String underlying) {
    return new FeatureHistogram(
        feature, underlying, new double[] {0}, new double[] {0.5, 0.5}, 0, new double[0]);
  }

  @Test
  void refusesABundleWhoseModelDisagreesWithLightGbm() throws Exception {
    ModelBundle bundle = Bundles.trained("v1", NOW);
    List<ReferenceRow> rows = new ArrayList<>(bundle.referenceRows());
    ReferenceRow first = rows.get(0);
    rows.set(
        0,
        new ReferenceRow(
            first.features(), first.size(), first.takeProfit() + 1e-6, first.stopLoss()));

    assertThatThrownBy(() -> bundle.withReferenceRows(rows).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v1")
        .hasMessageContaining("take-profit")
        .hasMessageContaining("where LightGBM predicted");
  }

  @Test
  void refusesABundleWithoutReferencesOrWithAnotherFeatureCount() throws Exception {
    ModelBundle bundle = Bundles.trained("v1", NOW);

    assertThatThrownBy(() -> bundle.withReferenceRows(List.of()).load())
        .hasMessageContaining("no reference predictions");
    ModelBundle fewerFeatures =
        new ModelBundle(
            bundle.version(),
            bundle.schemaVersion(),
            List.of("a", "b"),
            bundle.sizeModel(),
            bundle.takeProfitModel(),
            bundle.stopLossModel(),
            bundle.histograms(),
            bundle.referenceRows(),
            bundle.trainedFrom(),
            bundle.trainedTo(),
            bundle.metrics(),
            bundle.createdAt(),
            bundle.expiresAt());
    assertThatThrownBy(fewerFeatures::load).hasMessageContaining("takes 3 features");
  }
}
