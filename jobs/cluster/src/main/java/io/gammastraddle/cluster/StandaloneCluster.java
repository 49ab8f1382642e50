package io.gammastraddle.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A Flink standalone session cluster on this machine: one JobManager and one TaskManager process,
 * started from Flink's Maven jars (the classpath jobs/cluster lists) the way a Flink distribution's
 * {@code bin/start-cluster.sh} starts them, for machines without a distribution.
 *
 * <p>Its directory holds what the processes need and leave: {@code conf/} (the effective
 * configuration: the given {@code config.yaml} with overrides, and the log4j files), {@code log/}
 * and the processes' pid files. Flink's own command line ({@link #flinkCli}) reads the same {@code
 * conf/}, so it finds the cluster's REST address.
 */
public final class StandaloneCluster {

  /** The two kinds of process, with their Flink entry points. */
  public enum Role {
    JOBMANAGER("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"),
    TASKMANAGER("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");

    private final String entryPoint;

    Role(String entryPoint) {
      this.entryPoint = entryPoint;
    }

    String fileName() {
      return name().toLowerCase();
    }
  }

  private static final String PROMETHEUS_PORT = "metrics.reporter.prom.port";
  private static final String CLI_ENTRY_POINT = "org.apache.flink.client.cli.CliFrontend";

  private final Path directory;
  private final String classpath;

  /**
   * @param directory where the cluster keeps its configuration, logs and pid files
   * @param classpath Flink's jars, as a classpath string
   */
  public StandaloneCluster(Path directory, String classpath) {
    this.directory = directory;
    this.classpath = classpath;
  }

  /**
   * The cluster of a Gamma Straddle checkout: {@code .gsb/cluster} under {@code home}, on the
   * classpath {@code jobs/cluster} built.
   */
  public static StandaloneCluster of(Path home) {
    return new StandaloneCluster(home.resolve(".gsb/cluster"), flinkClasspath(home));
  }

  /**
   * The classpath of Flink's jars that {@code jobs/cluster} lists in a checkout at {@code home}.
   */
  public static String flinkClasspath(Path home) {
    Path classpathFile = home.resolve("jobs/cluster/target/flink-classpath.txt");
    if (!Files.isRegularFile(classpathFile)) {
      throw new IllegalStateException(
          "Flink's classpath is not built yet ("
              + classpathFile
              + "): run ./mvnw -DskipTests package first");
    }
    try {
      return Files.readString(classpathFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The configuration directory the processes and Flink's command line read. */
  public Path confDirectory() {
    return directory.resolve("conf");
  }

  public Path logDirectory() {
    return directory.resolve("log");
  }

  /**
   * Writes {@code conf/} from {@code sourceConf} ({@code config.yaml}, {@code log4j*.properties})
   * with {@code overrides} over its settings, then starts the JobManager and the TaskManager. Does
   * not wait for them: see {@link ClusterRest#awaitTaskManagers}.
   *
   * @throws IllegalStateException if a process of this cluster still runs
   */
  public void start(Path sourceConf, Map<String, String> overrides) throws IOException {
    for (Role role : Role.values()) {
      Optional<ProcessHandle> running = process(role);
      if (running.isPresent()) {
        throw new IllegalStateException(
            "The cluster's "
                + role.fileName()
                + " already runs (pid "
                + running.get().pid()
                + "); stop it first: ./gsb cluster stop");
      }
    }
    Configuration configuration = configuration(sourceConf, overrides);
    // The processes would only log it, and the wait for them would time out.
    requireFree(RestOptions.PORT.key(), configuration.get(RestOptions.PORT));
    requireFree(JobManagerOptions.PORT.key(), configuration.get(JobManagerOptions.PORT));
    writeConf(sourceConf, configuration);
    Files.createDirectories(logDirectory());
    start(Role.JOBMANAGER, configuration, jobManagerMemory(configuration));
    try {
      start(Role.TASKMANAGER, configuration, taskManagerMemory(configuration));
    } catch (IOException | RuntimeException e) {
      stop(Duration.ofSeconds(30));
      throw e;
    }
  }

  /**
   * Stops both processes (SIGTERM, then SIGKILL after {@code timeout}); returns whether any ran.
   */
  public boolean stop(Duration timeout) throws IOException {
    boolean anyRan = false;
    // The TaskManager first, as Flink's stop-cluster.sh does: its tasks fail, and the JobManager
    // keeps the jobs' latest checkpoints (retained) for a restart from them.
    for (Role role : List.of(Role.TASKMANAGER, Role.JOBMANAGER)) {
      Optional<ProcessHandle> process = process(role);
      if (process.isPresent()) {
        anyRan = true;
        ProcessHandle handle = process.get();
        handle.destroy();
        try {
          handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          handle.destroyForcibly();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while stopping the " + role.fileName(), e);
        } catch (ExecutionException e) {
          throw new IOException(e.getCause());
        }
      }
      Files.deleteIfExists(pidFile(role));
    }
    return anyRan;
  }

  /**
   * The live process of {@code role}, if its pid file names one that still runs: the same pid,
   * started at the same time (a pid can be reused by another program after a crash).
   */
  public Optional<ProcessHandle> process(Role role) throws IOException {
    Path pidFile = pidFile(role);
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    String[] recorded = Files.readString(pidFile).strip().split(" ");
    if (recorded.length != 2) {
      return Optional.empty();
    }
    // The pid and the process's start: a pid reused by another program has another start. (Its
    // arguments cannot tell: Java reads only a command line's first 4 KB, inside the classpath.)
    return ProcessHandle.of(Long.parseLong(recorded[0]))
        .filter(ProcessHandle::isAlive)
        .filter(handle -> recorded[1].equals(startOf(handle)));
  }

  private static String startOf(ProcessHandle process) {
    return process
        .info()
        .startInstant()
        .map(start -> Long.toString(start.toEpochMilli()))
        .orElse("?");
  }

  /** The REST endpoint (and web dashboard) the written configuration names. */
  public URI restAddress() {
    Configuration configuration = GlobalConfiguration.loadConfiguration(confDirectory().toString());
    return URI.create(
        "http://"
            + configuration.get(RestOptions.ADDRESS, "localhost")
            + ":"
            + configuration.get(RestOptions.PORT));
  }

  /**
   * Flink's own command line ({@code bin/flink}) with {@code arguments}, on this cluster's
   * configuration, in a child process with this process's standard streams.
   */
  public ProcessBuilder flinkCli(List<String> arguments) {
    Configuration configuration = GlobalConfiguration.loadConfiguration(confDirectory().toString());
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(words(configuration.get(CoreOptions.FLINK_DEFAULT_JVM_OPTIONS)));
    command.addAll(words(configuration.get(CoreOptions.FLINK_JVM_OPTIONS)));
    command.addAll(words(configuration.get(CoreOptions.FLINK_CLI_JVM_OPTIONS)));
    command.add("-Dlog.file=" + logDirectory().resolve("flink-client.log"));
    command.add(
        "-Dlog4j.configurationFile=" + confDirectory().resolve("log4j-cli.properties").toUri());
    command.add("-cp");
    command.add(classpath);
    command.add(CLI_ENTRY_POINT);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("FLINK_CONF_DIR", confDirectory().toString());
    return builder;
  }

  /** {@code sourceConf}'s {@code config.yaml} with {@code overrides} over its settings. */
  private static Configuration configuration(Path sourceConf, Map<String, String> overrides) {
    if (!Files.isRegularFile(sourceConf.resolve(GlobalConfiguration.FLINK_CONF_FILENAME))) {
      throw new IllegalArgumentException("No config.yaml in Flink conf directory " + sourceConf);
    }
    Configuration configuration = GlobalConfiguration.loadConfiguration(sourceConf.toString());
    overrides.forEach(configuration::setString);
    return configuration;
  }

  private void writeConf(Path sourceConf, Configuration configuration) throws IOException {
    Path conf = confDirectory();
    Files.createDirectories(conf);
    Files.write(
        conf.resolve(GlobalConfiguration.FLINK_CONF_FILENAME),
        ConfigurationUtils.convertConfigToWritableLines(configuration, true));
    for (String log4j : List.of("log4j.properties", "log4j-cli.properties")) {
      Path source = sourceConf.resolve(log4j);
      if (!Files.isRegularFile(source)) {
        throw new IllegalArgumentException(
            "No " + log4j + " in Flink conf directory " + sourceConf);
      }
      Files.copy(source, conf.resolve(log4j), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void start(Role role, Configuration configuration, Memory memory) throws IOException {
    List<String> command = new ArrayList<>();
    // Its own session, so closing the terminal that started the cluster does not stop it.
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid");
    }
    command.add(javaExecutable());
    command.addAll(memory.jvmParameters());
    command.addAll(words(configuration.get(CoreOptions.FLINK_DEFAULT_JVM_OPTIONS)));
    command.addAll(words(configuration.get(CoreOptions.FLINK_JVM_OPTIONS)));
    command.addAll(
        words(
            configuration.get(
                role == Role.JOBMANAGER
                    ? CoreOptions.FLINK_JM_JVM_OPTIONS
                    : CoreOptions.FLINK_TM_JVM_OPTIONS)));
    Path log = logDirectory().resolve(role.fileName() + ".log");
    command.add("-Dlog.file=" + log);
    command.add("-Dlog4j.configurationFile=" + confDirectory().resolve("log4j.properties").toUri());
    command.add("-cp");
    command.add(classpath);
    command.add(role.entryPoint);
    command.add("--configDir");
    command.add(confDirectory().toString());
    command.addAll(memory.dynamicConfigs());
    command.addAll(reporterPort(role, configuration));
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(logDirectory().resolve(role.fileName() + ".out").toFile())
            .redirectErrorStream(true)
            .start();
    Files.writeString(pidFile(role), process.pid() + " " + startOf(process.toHandle()));
  }

  /**
   * With a Prometheus port range {@code a-b} (flink-conf's 9249-9250), the TaskManager, where the
   * job's metrics are, takes {@code a} and the JobManager {@code a + 1}: known ports rather than
   * whichever process binds first.
   */
  private static List<String> reporterPort(Role role, Configuration configuration) {
    String ports = configuration.toMap().get(PROMETHEUS_PORT);
    if (ports == null || !ports.strip().matches("\\d+-\\d+")) {
      return List.of();
    }
    int first = Integer.parseInt(ports.strip().split("-")[0]);
    return List.of("-D", PROMETHEUS_PORT + "=" + (role == Role.TASKMANAGER ? first : first + 1));
  }

  /** What Flink's start scripts compute with BashJavaUtils: heap, direct memory, metaspace. */
  private record Memory(List<String> jvmParameters, List<String> dynamicConfigs) {}

  private static Memory jobManagerMemory(Configuration config) {
    JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(config);
    return new Memory(
        words(JobManagerProcessUtils.generateJvmParametersStr(spec, config)),
        words(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
  }

  private static Memory taskManagerMemory(Configuration config) {
    TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
    return new Memory(
        words(ProcessMemoryUtils.generateJvmParametersStr(spec)),
        words(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
  }

  private static void requireFree(String setting, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Port " + port + " (" + setting + ") is already in use; choose another with --set");
    }
  }

  private Path pidFile(Role role) {
    return directory.resolve(role.fileName() + ".pid");
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<String> words(String options) {
    String trimmed = options == null ? "" : options.strip();
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
  }
}
