package io.gammastraddle.cli;

import io.gammastraddle.gamma.config.GammaConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gsb trainer}: the long-running trainer ({@link TrainerLoop}, docs/ml.md). */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    description =
        "Keeps gsb.samples in a rolling dataset, retrains on schedule and publishes the models to"
            + " gsb.models.")
final class TrainerCommand implements Callable<Integer> {

  @Mixin ConfigOptions config;

  @Option(
      names = "--data",
      description = "Directory of the rolling sample dataset (default: ${DEFAULT-VALUE}).")
  Path data = Path.of(".gsb", "trainer");

  @Option(
      names = "--registry",
      description = "Model registry directory (default: ${DEFAULT-VALUE}).")
  Path registry = Path.of(".gsb", "registry");

  @Option(
      names = "--once",
      description =
          "Read gsb.samples up to its end, train once (a search too when one is due) and exit:"
              + " for cron and tests.")
  boolean once;

  @Option(
      names = "--seed",
      description = "Seed of the search and of LightGBM (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Override
  public Integer call() throws Exception {
    GammaConfig settings = config.load();
    System.out.println("trainer: registry " + registry);
    try (StopSignal stop = StopSignal.install("gsb-trainer-stop");
        TrainerLoop loop = new TrainerLoop(settings, data, registry, seed, System.out::println)) {
      if (once) {
        loop.once();
      } else {
        loop.run(stop::requested);
        System.out.println("Stopping.");
      }
    }
    return 0;
  }
}
