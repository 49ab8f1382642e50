package io.gammastraddle.cli;

import io.gammastraddle.cluster.ClusterRest;
import io.gammastraddle.cluster.StandaloneCluster;
import io.gammastraddle.cluster.StandaloneCluster.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gsb cluster start|stop|status}: a Flink standalone session cluster from Flink's Maven jars
 * (one JobManager and one TaskManager process on this machine, with the web dashboard), for
 * machines without a Flink distribution. Jobs go to it with {@code gsb submit} or {@code gsb flink
 * run}, as to any session cluster.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Start, stop or inspect a local Flink standalone cluster (JobManager + TaskManager).")
final class ClusterCommand {

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Start the JobManager and TaskManager and wait for the TaskManager to register.")
  int start(
      @Option(
              names = "--conf",
              paramLabel = "DIR",
              description = "Flink configuration directory (default: the project's flink-conf).")
          Path conf,
      @Option(
              names = "--set",
              paramLabel = "KEY=VALUE",
              description = "A Flink setting over config.yaml's, e.g. rest.port=8082.")
          Map<String, String> settings,
      @Option(
              names = "--timeout",
              description = "How long to wait for the cluster (default: ${DEFAULT-VALUE}).",
              defaultValue = "PT90S")
          Duration timeout)
      throws Exception {
    StandaloneCluster cluster = StandaloneCluster.of(home());
    cluster.start(
        conf == null ? LocalFlink.defaultConfDir() : conf,
        settings == null ? Map.of() : new LinkedHashMap<>(settings));
    ClusterRest rest = new ClusterRest(cluster.restAddress());
    ClusterRest.Overview overview;
    try {
      overview = rest.awaitTaskManagers(1, timeout, cluster.logDirectory().toString());
    } catch (IllegalStateException e) {
      cluster.stop(Duration.ofSeconds(30));
      throw new IllegalStateException(e.getMessage() + " (stopped what had started)", e);
    }
    System.out.printf(
        "Flink %s standalone cluster up: %d TaskManager, %d slots%n",
        overview.flinkVersion(), overview.taskManagers(), overview.slotsTotal());
    System.out.println("  web dashboard  " + rest.address());
    System.out.println("  configuration  " + cluster.confDirectory());
    System.out.println("  logs           " + cluster.logDirectory());
    System.out.println(
        "Submit the job with ./gsb submit; stop the cluster with ./gsb cluster stop");
    return 0;
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description =
          "Stop the TaskManager and the JobManager. Running jobs stop where they are; take a"
              + " savepoint first (./gsb flink stop --savepointPath DIR JOB_ID) to resume them.")
  int stop() throws Exception {
    StandaloneCluster cluster = StandaloneCluster.of(home());
    boolean ran = cluster.stop(Duration.ofSeconds(30));
    System.out.println(ran ? "Flink cluster stopped" : "No Flink cluster was running");
    return 0;
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "The processes, TaskManagers, slots and jobs of the cluster.")
  int status() throws Exception {
    StandaloneCluster cluster = StandaloneCluster.of(home());
    boolean anyProcess = false;
    for (Role role : Role.values()) {
      Optional<ProcessHandle> process = cluster.process(role);
      anyProcess |= process.isPresent();
      System.out.printf(
          "%-12s %s%n",
          role.name().toLowerCase(),
          process.map(p -> "running, pid " + p.pid()).orElse("not running"));
    }
    if (!anyProcess) {
      return Gsb.RUNTIME_FAILURE;
    }
    ClusterRest rest = new ClusterRest(cluster.restAddress());
    Optional<ClusterRest.Overview> overview = rest.overview();
    if (overview.isEmpty()) {
      System.out.println("REST API     no answer at " + rest.address() + " (starting?)");
      return Gsb.RUNTIME_FAILURE;
    }
    ClusterRest.Overview o = overview.get();
    System.out.printf(
        "dashboard    %s (Flink %s): %d TaskManager, %d of %d slots free%n",
        rest.address(), o.flinkVersion(), o.taskManagers(), o.slotsAvailable(), o.slotsTotal());
    List<ClusterRest.Job> jobs = rest.jobs();
    if (jobs.isEmpty()) {
      System.out.println("jobs         none");
    }
    for (ClusterRest.Job job : jobs) {
      System.out.printf("job          %s  %-10s %s%n", job.id(), job.state(), job.name());
    }
    return 0;
  }

  static Path home() {
    return Path.of(System.getProperty("gsb.home", "."));
  }
}
