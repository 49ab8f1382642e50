package io.gammastraddle.training;

import io.gammastraddle.registry.Fallback;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.scoring.LightGbmModel;
import io.gammastraddle.scoring.RegressionMetrics;
import io.gammastraddle.training.data.TrainingSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a freshly trained bundle replaces the current one (DESIGN section 8): for every
 * target, its out-of-fold MAE must beat the fallback parameters' and, when there is a current
 * model, the current model's MAE on the walk-forward window, the samples that entered after the
 * current model's training window (it has not seen them; the candidate's predictions there are
 * out-of-fold too). Too few such samples and the current model stays: nothing says the candidate is
 * better.
 */
public final class PromotionGate {

  /** The decision and its reason, recorded in the registry either way. */
  public record Decision(boolean promote, String reason) {}

  /** Fewer walk-forward samples than this cannot show the candidate is better. */
  public static final int MIN_WALK_FORWARD_SAMPLES = 100;

  private PromotionGate() {}

  public static Decision decide(
      Trainer.Result candidate, List<TrainingSample> samples, Optional<ModelBundle> current) {
    List<String> reasons = new ArrayList<>();
    boolean promote = true;
    for (Trainer.TargetReport report : candidate.reports().values()) {
      double fallbackMae = fallbackMae(report.target(), samples);
      if (!(report.outOfFoldMae() < fallbackMae)) {
        promote = false;
      }
      reasons.add(
          String.format(
              Locale.ROOT,
              "%s MAE %.5f vs fallback %.5f",
              report.target().key(),
              report.outOfFoldMae(),
              fallbackMae));
    }
    if (current.isPresent()) {
      ModelBundle model = current.get();
      List<Integer> window = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) {
        if (samples.get(i).entryTime() > model.trainedTo()) {
          window.add(i);
        }
      }
      if (window.size() < MIN_WALK_FORWARD_SAMPLES) {
        return new Decision(
            false,
            "rejected: only "
                + window.size()
                + " samples after the current model's training window, "
                + MIN_WALK_FORWARD_SAMPLES
                + " needed to compare; "
                + String.join(", ", reasons));
      }
      ModelBundle.Scorers scorers = model.load();
      for (Trainer.TargetReport report : candidate.reports().values()) {
        LightGbmModel currentModel = scorer(scorers, report.target());
        double candidateError = 0;
        double currentError = 0;
        for (int i : window) {
          double actual = report.target().of(samples.get(i));
          candidateError += Math.abs(report.outOfFold()[i] - actual);
          currentError += Math.abs(currentModel.predict(samples.get(i).features()) - actual);
        }
        if (!(candidateError <= currentError)) {
          promote = false;
        }
        reasons.add(
            String.format(
                Locale.ROOT,
                "%s walk-forward MAE %.5f vs current %s %.5f on %d samples",
                report.target().key(),
                candidateError / window.size(),
                model.version(),
                currentError / window.size(),
                window.size()));
      }
    }
    return new Decision(
        promote, (promote ? "promoted: " : "rejected: ") + String.join(", ", reasons));
  }

  static double fallback(Target target) {
    return switch (target) {
      case SIZE -> Fallback.SIZE;
      case TAKE_PROFIT -> Fallback.TAKE_PROFIT;
      case STOP_LOSS -> Fallback.STOP_LOSS;
    };
  }

  private static LightGbmModel scorer(ModelBundle.Scorers scorers, Target target) {
    return switch (target) {
      case SIZE -> scorers.size();
      case TAKE_PROFIT -> scorers.takeProfit();
      case STOP_LOSS -> scorers.stopLoss();
    };
  }

  /** The MAE of always predicting the fallback parameter for {@code target}. */
  static double fallbackMae(Target target, List<TrainingSample> samples) {
    double[] actual = new double[samples.size()];
    double[] predicted = new double[samples.size()];
    for (int i = 0; i < samples.size(); i++) {
      actual[i] = target.of(samples.get(i));
      predicted[i] = fallback(target);
    }
    return RegressionMetrics.mae(actual, predicted);
  }
}
