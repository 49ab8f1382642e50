package io.gammastraddle.cli;

import io.gammastraddle.registry.FileRegistry;
import io.gammastraddle.registry.ModelBundle;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gsb model list|promote VERSION|rollback}: the model registry by hand. */
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

  @Override
  public Integer call() {
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
        System.out.println("current: " + models.promote(version).version());
      }
      case "rollback" -> System.out.println("current: " + models.rollback().version());
      default ->
          throw new IllegalArgumentException(
              "model action must be list, promote or rollback, got " + action);
    }
    return 0;
  }
}
