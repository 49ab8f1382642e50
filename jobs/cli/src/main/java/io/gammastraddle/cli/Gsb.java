package io.gammastraddle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gsb} command line. Exit codes: 0 success, 1 runtime failure, 2 bad usage or
 * configuration, each failure with a one-line reason.
 */
@Command(
    name = "gsb",
    mixinStandardHelpOptions = true,
    version = "gsb 0.1.0",
    description = "Gamma Straddle: real-time Deribit options trading on Apache Flink.",
    subcommands = {
      DemoCommand.class,
      SimCommand.class,
      IngestCommand.class,
      RecordCommand.class,
      ReplayCommand.class,
      BenchCommand.class,
      TrainCommand.class,
      TrainerCommand.class,
      ModelCommand.class,
      KillSwitchCommand.class,
      BacktestCommand.class,
      ClusterCommand.class,
      SubmitCommand.class,
      FlinkCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Gsb {

  public static final int RUNTIME_FAILURE = 1;
  public static final int BAD_USAGE = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Gsb())
        .setExitCodeExceptionMapper(Gsb::exitCode)
        .setExecutionExceptionHandler(
            (exception, commandLine, parseResult) -> {
              commandLine.getErr().println("gsb: " + oneLine(exception));
              return exitCode(exception);
            });
  }

  private static int exitCode(Throwable exception) {
    return exception instanceof CommandLine.ParameterException
            || exception instanceof IllegalArgumentException
            || exception instanceof java.net.BindException
        ? BAD_USAGE
        : RUNTIME_FAILURE;
  }

  private static String oneLine(Throwable exception) {
    String message = exception.getMessage();
    if (message == null || message.isBlank()) {
      message = exception.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse(message);
  }
}
