package io.gammastraddle.cli;

import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.registry.FileRegistry;
import io.gammastraddle.registry.ModelBundle;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gsb model list|promote VERSION|rollback [--publish]}: the model registry by hand; with
 * {@code --publish} the new current bundle also reaches the running job through {@code gsb.models}.
 */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description =
        "Lists the model registry, promotes a recorded bundle, or rolls back to the"
            + " previous current one.")
final class ModelCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "list, promote or rollback.")
  String action;

  @Parameters(index = "1", arity = "0..1", description = "The bundle version to promote.")
  String version;

  @Option(
      names = "--registry",
      description = "Model registry directory (default: ${DEFAULT-VALUE}).")
  Path registry = Path.of(".gsb", "registry");

  @Option(
      names = "--publish",
      description =
          "With promote or rollback: send the new current bundle to gsb.models, so the running"
              + " job swaps to it (Kafka from --config/--set).")
  boolean publish;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() {
    if (publish && action.equals("list")) {
      throw new IllegalArgumentException("--publish applies to promote and rollback");
    }
    FileRegistry models = new FileRegistry(registry);
    switch (action) {
      case "list" -> {
        Optional<String> current = models.current().map(ModelBundle::version);
        for (FileRegistry.Entry entry : models.list()) {
          System.out.printf(
              "%s %-8s %s %s%n",
              current.filter(entry.version()::equals).isPresent() ? "*" : " ",
              entry.status(),
              entry.version(),
              entry.reason());
        }
      }
      case "promote" -> {
        if (version == null) {
          throw new IllegalArgumentException("promote needs the bundle version");
        }
        current(models.promote(version));
      }
      case "rollback" -> current(models.rollback());
      default ->
          throw new IllegalArgumentException(
              "model action must be list, promote or rollback, got " + action);
    }
    return 0;
  }

  private void current(ModelBundle bundle) {
    System.out.println("current: " + bundle.version());
    if (publish) {
      GammaConfig settings = config.load();
      try (ModelPublisher publisher =
          new ModelPublisher(settings.kafkaBootstrap(), settings.modelsTopic())) {
        publisher.current(bundle);
      }
      System.out.println("published " + bundle.version() + " to " + settings.modelsTopic());
    }
  }
}
