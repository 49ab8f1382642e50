package io.gammastraddle.training.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gammastraddle.training.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's report into a directory of its own ({@code {registry}/reports/{version}/}):
 *
 * <pre>
 * report.json                          the {@link TrainingReport}
 * importance.png                       each feature's share of the gain, per target
 * predicted-vs-realized-{target}.png   out-of-fold predictions against the realized target
 * cv-folds.png                         MAE and R² of each fold, per target
 * </pre>
 */
public final class ReportWriter {

  /** The JSON file's name in the report directory. */
  public static final String REPORT_JSON = "report.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /**
   * Writes the report and its plots into {@code directory}, creating it.
   *
   * @param result the run the report is about, for the plots' data
   */
  public static void write(Path directory, TrainingReport report, Trainer.Result result) {
    try {
      Files.createDirectories(directory);
      JSON.writeValue(directory.resolve(REPORT_JSON).toFile(), report);
      ReportCharts.importance(
          result.reports(), report.importanceThreshold(), directory.resolve("importance.png"));
      for (Trainer.TargetReport target : result.reports().values()) {
        ReportCharts.predictedVsRealized(
            target, directory.resolve("predicted-vs-realized-" + target.target().key() + ".png"));
      }
      ReportCharts.folds(result.reports(), directory.resolve("cv-folds.png"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the training report in " + directory, e);
    }
  }
}
