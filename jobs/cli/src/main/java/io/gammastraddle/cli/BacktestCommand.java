package io.gammastraddle.cli;

import io.gammastraddle.backtest.Backtest;
import io.gammastraddle.backtest.BacktestReport;
import io.gammastraddle.backtest.BacktestSummary;
import io.gammastraddle.backtest.SimulatedRecording;
import io.gammastraddle.gamma.backtest.SimulatedVenue;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.registry.FileRegistry;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.registry.ModelTopic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gsb backtest}: the job on a recording (or a generated simulation) with a report. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description =
        "Runs the job on a recording, or on a generated simulation, trading on a simulated venue"
            + " that fills from the rebuilt books; writes report.html and summary.json to --out.")
final class BacktestCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = "Recording directory or file (omit with --simulate).")
  Path recording;

  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Option(
      names = "--simulate",
      paramLabel = "DURATION",
      description =
          "Generate this much simulated market (e.g. PT2H) into OUT/recording and run on it.")
  Duration simulate;

  @Option(
      names = "--seed",
      description = "Seed of the generated simulation (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--start",
      description = "Start of the generated simulation (default: ${DEFAULT-VALUE}).")
  Instant start = Instant.parse("2026-01-05T00:00:00Z");

  @Option(
      names = "--latency-ms",
      description =
          "Event time from a decision to its order reaching the venue (default: ${DEFAULT-VALUE}).")
  long latencyMillis = 20;

  @Option(
      names = "--registry",
      description = "Model registry directory (default: ${DEFAULT-VALUE}).")
  Path registry = Path.of(".gsb", "registry");

  @Option(
      names = "--model",
      description =
          "Model version from the registry; 'current' (the default) is the registry's current"
              + " model, or the fallback parameters when it has none; 'none' forces the fallback.")
  String model = "current";

  @Mixin ConfigOptions settings;

  @Override
  public Integer call() throws Exception {
    if ((recording == null) == (simulate == null)) {
      throw new IllegalArgumentException("Give a recording PATH or --simulate DURATION, not both");
    }
    if (simulate != null && (simulate.isNegative() || simulate.isZero())) {
      throw new IllegalArgumentException("--simulate must be positive, got " + simulate);
    }
    if (recording != null && !Files.exists(recording)) {
      throw new IllegalArgumentException("No recording at " + recording);
    }
    SimulatedVenue.Settings venue = new SimulatedVenue.Settings(latencyMillis);
    GammaConfig config = settings.load();
    Optional<ModelBundle> bundle = bundle();
    Map<String, String> parameters = new LinkedHashMap<>();
    Path source = recording;
    if (simulate != null) {
      source = out.resolve("recording");
      long frames = SimulatedRecording.write(source, seed, start, simulate);
      System.out.printf(
          "Generated %s of simulated market (seed %d): %,d frames%n", simulate, seed, frames);
      parameters.put("simulation", simulate + " from " + start + ", seed " + seed);
    }
    parameters.put("recording", source.toAbsolutePath().toString());
    parameters.put("model", bundle.map(ModelBundle::version).orElse("none (fallback parameters)"));
    parameters.put("venue latency", latencyMillis + " ms");
    settings.overrides.forEach((name, value) -> parameters.put("--set " + name, value));
    String bundleJson =
        bundle.map(b -> new String(ModelTopic.encode(b), StandardCharsets.UTF_8)).orElse(null);
    new Backtest(source, out, config, venue, bundleJson).run();
    BacktestSummary summary = BacktestReport.write(out, parameters);
    System.out.printf(
        "Backtest done: %s%n  P&L %,.2f USD (%.4f%%), max drawdown %.4f%%, Sharpe %.2f,"
            + " %d straddles (%d closed), %d fills, fees %,.2f USD, fallback rate %.3f%n",
        out.resolve(BacktestReport.HTML_FILE),
        summary.pnlUsd(),
        summary.returnPct(),
        summary.maxDrawdownPct(),
        summary.sharpe(),
        summary.trades(),
        summary.closedTrades(),
        summary.fills(),
        summary.feesUsd(),
        summary.fallbackRate());
    return 0;
  }

  private Optional<ModelBundle> bundle() {
    if (model.equals("none")) {
      return Optional.empty();
    }
    if (!Files.isDirectory(registry)) {
      if (model.equals("current")) {
        return Optional.empty();
      }
      throw new IllegalArgumentException("No model registry at " + registry);
    }
    FileRegistry models = new FileRegistry(registry);
    return model.equals("current") ? models.current() : Optional.of(models.bundle(model));
  }
}
