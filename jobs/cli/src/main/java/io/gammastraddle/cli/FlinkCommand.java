package io.gammastraddle.cli;

import io.gammastraddle.cluster.StandaloneCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code gsb flink ...}: Flink's own command line ({@code bin/flink}: run, list, stop, cancel,
 * savepoint, ...) on the configuration of the cluster {@code gsb cluster start} runs, for machines
 * without a Flink distribution.
 */
@Command(
    name = "flink",
    description = {
      "Flink's command line on the local cluster's configuration, e.g.",
      "  ./gsb flink list",
      "  ./gsb flink stop --savepointPath /tmp/gamma-straddle/savepoints JOB_ID",
      "Every argument goes to Flink's CliFrontend; ./gsb flink --help lists its actions."
    })
final class FlinkCommand implements Callable<Integer> {

  @Unmatched List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return run(arguments);
  }

  /** Runs Flink's command line with {@code arguments}; returns its exit code. */
  static int run(List<String> arguments) throws Exception {
    StandaloneCluster cluster = StandaloneCluster.of(ClusterCommand.home());
    if (!cluster.confDirectory().toFile().isDirectory()) {
      throw new IllegalStateException(
          "No cluster configuration in " + cluster.confDirectory() + ": run ./gsb cluster start");
    }
    return cluster.flinkCli(arguments).start().waitFor();
  }
}
