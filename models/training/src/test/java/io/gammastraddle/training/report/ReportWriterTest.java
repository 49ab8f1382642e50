package io.gammastraddle.training.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.training.HyperparameterSearch;
import io.gammastraddle.training.PromotionGate;
import io.gammastraddle.training.SyntheticSamples;
import io.gammastraddle.training.Trainer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir Path directory;

  @Test
  void writesAParseableReportAndValidPlots() throws Exception {
    Trainer.Result result =
        SyntheticSamples.TRAINER.train(
            SyntheticSamples.learnable(1_000, false),
            SyntheticSamples.NAMES,
            2,
            SyntheticSamples.FAST,
            SyntheticSamples.T0,
            Optional.empty());
    TrainingReport report =
        TrainingReport.of(
            result,
            1_000,
            SyntheticSamples.FAST,
            new PromotionGate.Decision(true, "promoted: better"),
            Optional.<HyperparameterSearch.Outcome>empty(),
            0.01);

    ReportWriter.write(directory, report, result);

    JsonNode json = new ObjectMapper().readTree(directory.resolve("report.json").toFile());
    assertThat(json.get("version").asText()).isEqualTo(result.bundle().version());
    assertThat(json.get("samples").asInt()).isEqualTo(1_000);
    assertThat(json.get("trained_from").asLong()).isEqualTo(SyntheticSamples.T0);
    assertThat(json.get("hyperparameters").get("learning_rate").asDouble()).isEqualTo(0.1);
    assertThat(json.get("decision").get("promoted").asBoolean()).isTrue();
    assertThat(json.get("decision").get("reason").asText()).isEqualTo("promoted: better");
    assertThat(json.get("stability").isNull()).isTrue();
    assertThat(json.get("wall_time_seconds").get("cross_validation").asDouble()).isPositive();
    assertThat(json.get("wall_time_seconds").get("fit").asDouble()).isPositive();
    assertThat(json.get("wall_time_seconds").get("search").isNull()).isTrue();
    JsonNode takeProfit = json.get("targets").get("take_profit");
    assertThat(takeProfit.get("fold_mae")).hasSize(5);
    assertThat(takeProfit.get("fold_r2")).hasSize(5);
    assertThat(takeProfit.get("out_of_fold_r2").asDouble()).isGreaterThan(0.6);
    assertThat(takeProfit.get("out_of_fold_mae").asDouble()).isPositive();
    assertThat(takeProfit.get("clip_rate").asDouble()).isBetween(0.0, 1.0);
    assertThat(takeProfit.get("rounds").asInt()).isPositive();
    assertThat(takeProfit.get("importance").fieldNames().next()).isEqualTo("f0");
    assertThat(takeProfit.get("importance")).hasSize(SyntheticSamples.NAMES.size());
    assertThat(takeProfit.get("weak_features").isArray()).isTrue();
    assertThat(takeProfit.get("weak_features").size()).isPositive();

    assertImage("importance.png", ReportCharts.IMPORTANCE_WIDTH, ReportCharts.IMPORTANCE_HEIGHT);
    assertImage("cv-folds.png", ReportCharts.FOLDS_WIDTH, ReportCharts.FOLDS_HEIGHT);
    for (String target : List.of("size", "take_profit", "stop_loss")) {
      assertImage(
          "predicted-vs-realized-" + target + ".png",
          ReportCharts.SCATTER_SIZE,
          ReportCharts.SCATTER_SIZE);
    }
  }

  private void assertImage(String name, int width, int height) throws Exception {
    Path file = directory.resolve(name);
    assertThat(Files.size(file)).as(name).isGreaterThan(1_000);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as(name).isNotNull();
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }
}
