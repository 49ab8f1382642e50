package io.gammastraddle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gsb submit}: {@code flink run -d} of the shaded job jar on the local cluster, through
 * Flink's own command line, optionally from a savepoint ({@code -s}). The job's settings go to the
 * job as {@code --config}/{@code --set} arguments, read by {@code GammaJob.main} in the client;
 * {@code GSB_*} environment variables of this shell apply too.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = "Submit the Gamma Straddle job to the local Flink cluster (flink run -d).")
final class SubmitCommand implements Callable<Integer> {

  @Option(
      names = "--jar",
      description = "The job jar (default: jobs/gamma/target/gamma-straddle-job.jar).")
  Path jar;

  @Option(
      names = {"-s", "--from-savepoint"},
      paramLabel = "PATH",
      description = "Restore the job's state from this savepoint (or retained checkpoint).")
  String savepoint;

  @Option(
      names = "--allow-non-restored-state",
      description = "Skip savepoint state no operator of this job claims (removed operators).")
  boolean allowNonRestoredState;

  @Option(
      names = {"-p", "--parallelism"},
      description =
          "The job's parallelism (default: the cluster's parallelism.default); with a"
              + " savepoint, this rescales the job.")
  Integer parallelism;

  /** Passed to the job as they are: GammaJob.main layers them as ConfigOptions does. */
  @Mixin ConfigOptions job;

  @Override
  public Integer call() throws Exception {
    Path jobJar =
        jar != null
            ? jar
            : ClusterCommand.home().resolve("jobs/gamma/target/gamma-straddle-job.jar");
    if (!Files.isRegularFile(jobJar)) {
      throw new IllegalArgumentException(
          "No job jar at " + jobJar + ": build it with ./mvnw -DskipTests package");
    }
    return FlinkCommand.run(flinkArguments(jobJar));
  }

  List<String> flinkArguments(Path jobJar) {
    List<String> arguments = new ArrayList<>(List.of("run", "--detached"));
    if (parallelism != null) {
      arguments.add("--parallelism");
      arguments.add(parallelism.toString());
    }
    if (savepoint != null) {
      arguments.add("--fromSavepoint");
      arguments.add(savepoint);
      if (allowNonRestoredState) {
        arguments.add("--allowNonRestoredState");
      }
    } else if (allowNonRestoredState) {
      throw new IllegalArgumentException("--allow-non-restored-state needs --from-savepoint");
    }
    arguments.add(jobJar.toAbsolutePath().toString());
    if (job.file != null) {
      arguments.add("--config");
      arguments.add(job.file.toAbsolutePath().toString());
    }
    job.overrides.forEach(
        (name, value) -> {
          arguments.add("--set");
          arguments.add(name + "=" + value);
        });
    return arguments;
  }
}
