package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.gammastraddle.gamma.GammaJob;
import io.gammastraddle.gamma.alerts.WebhookSink;
import io.gammastraddle.gamma.config.ConfigLayers;
import io.gammastraddle.gamma.config.GammaConfig;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml cannot run here (no container engine), so its structure is checked against the
 * code and the other deployment files: services and images, ports, the shared Flink configuration
 * and checkpoint volume, mounts, Prometheus targets, topics and the job's settings.
 */
class ComposeFileTest {

  private static final Map<String, Object> COMPOSE = RepositoryFiles.yaml("docker-compose.yml");
  private static final String FLINK_CONF_MOUNT = "./flink-conf:/opt/gsb/flink-conf:ro";
  private static final String CHECKPOINT_VOLUME = "flink-data";

  @Test
  void runsEveryPartOfTheStackOnOfficialImages() {
    assertThat(services().keySet())
        .containsExactlyInAnyOrder(
            "kafka",
            "kafka-topics",
            "redis",
            "flink-data-owner",
            "jobmanager",
            "taskmanager",
            "job-submitter",
            "sim",
            "bridge",
            "trainer",
            "prometheus",
            "grafana");
    Map<String, String> images = new TreeMap<>();
    services().forEach((name, service) -> images.put(name, (String) service.get("image")));
    assertThat(images)
        .containsEntry("kafka", "apache/kafka:4.2.0")
        .containsEntry("kafka-topics", "apache/kafka:4.2.0")
        .containsEntry("redis", "redis:7.4")
        .containsEntry("flink-data-owner", "flink:2.2-java17")
        .containsEntry("jobmanager", "flink:2.2-java17")
        .containsEntry("taskmanager", "flink:2.2-java17")
        .containsEntry("job-submitter", "flink:2.2-java17")
        .containsEntry("sim", "eclipse-temurin:17-jre")
        .containsEntry("bridge", "eclipse-temurin:17-jre");
    assertThat(images.get("prometheus")).startsWith("prom/prometheus:v3.");
    assertThat(images.get("grafana")).startsWith("grafana/grafana:");
    // the trainer's image is the official one plus the OpenMP runtime LightGBM needs
    assertThat(service("trainer").get("build")).isEqualTo("deploy/trainer");
    assertThat(RepositoryFiles.read("deploy/trainer/Dockerfile"))
        .contains("FROM eclipse-temurin:17-jre\n")
        .contains("libgomp1");
  }

  @Test
  void publishesTheDocumentedPortsOnLoopbackOnly() {
    Map<String, String> published = new TreeMap<>();
    services()
        .forEach(
            (name, service) ->
                strings(service.get("ports")).forEach(port -> published.put(port, name)));
    assertThat(published)
        .containsOnly(
            Map.entry("127.0.0.1:9092:9092", "kafka"),
            Map.entry("127.0.0.1:6379:6379", "redis"),
            Map.entry("127.0.0.1:8081:8081", "jobmanager"),
            Map.entry("127.0.0.1:8765:8765", "sim"),
            Map.entry("127.0.0.1:9090:9090", "prometheus"),
            Map.entry("127.0.0.1:3000:3000", "grafana"));
  }

  @Test
  void jobManagerAndTaskManagerShareTheProjectsFlinkConfigAndTheCheckpointVolume() {
    Map<String, Object> jobManager = service("jobmanager");
    Map<String, Object> taskManager = service("taskmanager");
    for (Map<String, Object> manager : List.of(jobManager, taskManager)) {
      assertThat(strings(manager.get("volumes")))
          .contains(FLINK_CONF_MOUNT, CHECKPOINT_VOLUME + ":/flink-data");
    }
    assertThat(taskManager.get("entrypoint")).isEqualTo(jobManager.get("entrypoint"));
    assertThat(environment("taskmanager").get("FLINK_PROPERTIES"))
        .isEqualTo(environment("jobmanager").get("FLINK_PROPERTIES"));
    assertThat(COMPOSE.get("volumes")).asInstanceOf(MAP).containsKey(CHECKPOINT_VOLUME);

    // the entry point puts the mounted file where the image's entry point merges FLINK_PROPERTIES
    assertThat(strings(jobManager.get("entrypoint")))
        .containsExactly("bash", "/opt/gsb/deploy/with-project-config.sh");
    assertThat(RepositoryFiles.read("deploy/flink/with-project-config.sh"))
        .contains("cp /opt/gsb/flink-conf/config.yaml \"$FLINK_HOME/conf/config.yaml\"")
        .contains("exec /docker-entrypoint.sh \"$@\"");

    Map<String, String> properties = flinkProperties();
    assertThat(properties)
        .containsEntry("jobmanager.rpc.address", "jobmanager")
        .containsEntry("rest.address", "jobmanager")
        .containsEntry("rest.bind-address", "0.0.0.0")
        .containsEntry("execution.checkpointing.dir", "file:///flink-data/checkpoints")
        .containsEntry("execution.checkpointing.savepoint-dir", "file:///flink-data/savepoints")
        // flink-conf binds loopback only: the managers would not see each other
        .containsEntry("jobmanager.bind-host", "0.0.0.0")
        .containsEntry("taskmanager.bind-host", "0.0.0.0");
    // a standalone JobManager refuses to start without a memory size
    assertThat(
            properties.getOrDefault(
                "jobmanager.memory.process.size",
                RepositoryFiles.flatten(RepositoryFiles.yaml("flink-conf/config.yaml"))
                    .get("jobmanager.memory.process.size")))
        .isNotNull();
  }

  @Test
  void mountsOnlyRepositoryFilesAndTheBuildOutputsTheDocsName() {
    String docs = RepositoryFiles.read("docs/docker.md");
    List<String> missing = new ArrayList<>();
    services()
        .forEach(
            (name, service) -> {
              for (String volume : strings(service.get("volumes"))) {
                String source = volume.split(":")[0];
                if (!source.startsWith("./")) {
                  assertThat(COMPOSE.get("volumes")).asInstanceOf(MAP).containsKey(source);
                  continue;
                }
                String path = source.substring(2);
                boolean buildOutput = path.endsWith("/target") && docs.contains(path + "/");
                if (!buildOutput && !Files.exists(RepositoryFiles.ROOT.resolve(path))) {
                  missing.add(name + ": " + volume);
                }
              }
            });
    assertThat(missing).isEmpty();
  }

  @Test
  void prometheusScrapesTheFlinkReportersOnTheirConfiguredPort() {
    String port =
        flinkProperties()
            .getOrDefault(
                "metrics.reporter.prom.port",
                RepositoryFiles.flatten(RepositoryFiles.yaml("flink-conf/config.yaml"))
                    .get("metrics.reporter.prom.port"));
    assertThat(port).isEqualTo("9249");

    Map<String, String> targets = new TreeMap<>();
    for (Map<String, Object> scrape :
        maps(RepositoryFiles.yaml("deploy/prometheus/prometheus.yml").get("scrape_configs"))) {
      for (Map<String, Object> config : maps(scrape.get("static_configs"))) {
        for (String target : strings(config.get("targets"))) {
          targets.put(target.split(":")[0], target.split(":")[1]);
        }
      }
      for (Map<String, Object> config : maps(scrape.get("dns_sd_configs"))) {
        strings(config.get("names")).forEach(host -> targets.put(host, config.get("port") + ""));
      }
    }
    assertThat(targets).containsOnly(Map.entry("jobmanager", port), Map.entry("taskmanager", port));
    assertThat(strings(service("taskmanager").get("healthcheck"), "test"))
        .contains("http://localhost:" + port + "/metrics");
  }

  @Test
  void createsTheTopicsTheJobExpectsWithTheirSettings() {
    GammaConfig config = jobConfig();
    Map<String, Integer> partitions = new TreeMap<>();
    Map<String, Map<String, String>> configs = new TreeMap<>();
    Matcher create =
        Pattern.compile("(?m)^\\s*create --topic (\\S+) --partitions (\\d+)((?: --config \\S+)*)$")
            .matcher(strings(service("kafka-topics").get("command")).get(0));
    while (create.find()) {
      partitions.put(create.group(1), Integer.parseInt(create.group(2)));
      Map<String, String> settings = new TreeMap<>();
      for (String setting : create.group(3).split(" --config ")) {
        if (!setting.isBlank()) {
          settings.put(setting.split("=")[0], setting.split("=")[1]);
        }
      }
      if (!settings.isEmpty()) {
        configs.put(create.group(1), settings);
      }
    }
    // as PaperSystem creates them for the demo: the market in 4 partitions
    assertThat(partitions).isEqualTo(new TreeMap<>(config.topicPartitions(4)));
    assertThat(configs).isEqualTo(new TreeMap<>(config.topicConfigs()));
    assertThat(environment("kafka")).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    assertThat(strings(service("kafka-topics").get("command")).get(0))
        .contains("--bootstrap-server " + config.kafkaBootstrap());
  }

  private static final List<String> WEBHOOK_VARIABLES =
      List.of(
          WebhookSink.SLACK_URL_VARIABLE,
          WebhookSink.TELEGRAM_TOKEN_VARIABLE,
          WebhookSink.TELEGRAM_CHAT_VARIABLE);

  @Test
  void theSubmitterAndTheTaskManagersGetTheWebhooksFromTheShell() {
    // The submitter decides that the webhook sinks exist, the TaskManagers read their secrets.
    for (String service : List.of("job-submitter", "taskmanager")) {
      for (String variable : WEBHOOK_VARIABLES) {
        assertThat(environment(service)).containsEntry(variable, "${" + variable + ":-}");
      }
    }
    assertThat(environment("trainer")).doesNotContainKeys(WebhookSink.SLACK_URL_VARIABLE);
  }

  @Test
  void jobAndTrainerShareValidSettingsPointingAtTheStacksServices() {
    Map<String, String> job = gsbSettings("job-submitter");
    assertThat(gsbSettings("trainer")).isEqualTo(job);
    List<String> known =
        GammaConfig.DEFAULTS.keySet().stream().map(ConfigLayers::environmentName).toList();
    assertThat(job.keySet()).allMatch(known::contains, "a GSB_ variable of a known setting");

    GammaConfig config = jobConfig();
    assertThat(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"))
        .contains("://" + config.kafkaBootstrap());
    assertThat(services()).containsKeys(config.redisHost());
    assertThat(config.redisPort()).isEqualTo(6379);
    URI venue = URI.create(config.trading().venue());
    assertThat(services()).containsKey(venue.getHost());
    assertThat(strings(service(venue.getHost()).get("command")))
        .containsSequence("--host", "0.0.0.0")
        .containsSequence("--port", String.valueOf(venue.getPort()));

    // the bridge logs in as the paper account the job trades on, and feeds the job's Kafka
    assertThat(environment("bridge"))
        .containsEntry("DERIBIT_CLIENT_ID", config.trading().paperAccount());
    assertThat(strings(service("bridge").get("command")))
        .containsSequence("--url", config.trading().venue())
        .containsSequence("--bootstrap", config.kafkaBootstrap());
  }

  @Test
  void gsbServicesRunTheCliAsTheGsbScriptDoes() {
    List<String> scriptOpens = new ArrayList<>();
    Matcher opens = Pattern.compile("--add-opens (\\S+)").matcher(RepositoryFiles.read("gsb"));
    while (opens.find()) {
      scriptOpens.add(opens.group(1));
    }
    assertThat(scriptOpens).isNotEmpty();
    for (String name : List.of("sim", "bridge", "trainer")) {
      List<String> java = strings(service(name).get("entrypoint"));
      List<String> composeOpens = new ArrayList<>();
      for (int i = 0; i < java.size() - 1; i++) {
        if (java.get(i).equals("--add-opens")) {
          composeOpens.add(java.get(i + 1));
        }
      }
      assertThat(composeOpens).as(name).isEqualTo(scriptOpens);
      assertThat(java)
          .as(name)
          .containsSequence("-cp", "/opt/gsb/gsb-cli.jar:/opt/gsb/lib/*")
          .endsWith(Gsb.class.getName());
      assertThat(strings(service(name).get("volumes"))).contains("./jobs/cli/target:/opt/gsb:ro");
      List<String> command = strings(service(name).get("command"));
      assertThatCode(() -> Gsb.commandLine().parseArgs(command.toArray(String[]::new)))
          .as(name + " " + command)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void jobSubmitterRunsTheJobJarOnceFromTheBuildOutput() {
    Map<String, Object> submitter = service("job-submitter");
    assertThat(strings(submitter.get("volumes"))).contains("./jobs/gamma/target:/opt/gsb/job:ro");
    assertThat(strings(submitter.get("command")))
        .containsExactly("bash", "/opt/gsb/deploy/submit-job.sh");
    assertThat(RepositoryFiles.read("deploy/flink/submit-job.sh"))
        .contains("jar=/opt/gsb/job/gamma-straddle-job.jar")
        .contains("' : " + GammaJob.NAME + " ('")
        .contains("--class " + GammaJob.class.getName());
    assertThat(RepositoryFiles.read("docs/docker.md"))
        .contains("jobs/gamma/target/gamma-straddle-job.jar");
  }

  @Test
  void servicesStartAfterWhatTheyDependOn() {
    Map<String, List<String>> problems = new LinkedHashMap<>();
    services()
        .forEach(
            (name, service) -> {
              Object dependsOn = service.getOrDefault("depends_on", List.of());
              Map<String, String> conditions = new LinkedHashMap<>();
              if (dependsOn instanceof Map<?, ?> map) {
                map.forEach((key, value) -> conditions.put((String) key, condition(value)));
              } else {
                strings(dependsOn).forEach(key -> conditions.put(key, "service_started"));
              }
              conditions.forEach(
                  (dependency, condition) -> {
                    String problem = dependencyProblem(dependency, condition);
                    if (problem != null) {
                      problems.computeIfAbsent(name, key -> new ArrayList<>()).add(problem);
                    }
                  });
            });
    assertThat(problems).isEmpty();
    assertThat(conditionOf("job-submitter", "jobmanager")).isEqualTo("service_healthy");
    assertThat(conditionOf("job-submitter", "kafka-topics"))
        .isEqualTo("service_completed_successfully");
    assertThat(conditionOf("jobmanager", "flink-data-owner"))
        .isEqualTo("service_completed_successfully");
  }

  /** Why waiting on {@code dependency} under {@code condition} cannot work, or null. */
  private static String dependencyProblem(String dependency, String condition) {
    if (!services().containsKey(dependency)) {
      return dependency + " is no service";
    }
    Map<String, Object> target = service(dependency);
    return switch (condition) {
      case "service_started" -> null;
      case "service_healthy" ->
          target.containsKey("healthcheck") ? null : dependency + " has no healthcheck";
      case "service_completed_successfully" ->
          "no".equals(target.get("restart")) ? null : dependency + " is not a one-shot service";
      default -> dependency + ": unknown condition " + condition;
    };
  }

  private static String conditionOf(String service, String dependency) {
    return condition(((Map<?, ?>) service(service).get("depends_on")).get(dependency));
  }

  private static String condition(Object dependency) {
    return (String) ((Map<?, ?>) dependency).get("condition");
  }

  private static GammaConfig jobConfig() {
    return ConfigLayers.load(null, gsbSettings("job-submitter"), Map.of());
  }

  /** The job's settings among a service's variables: GSB_* but the webhooks' secrets. */
  private static Map<String, String> gsbSettings(String service) {
    return environment(service).entrySet().stream()
        .filter(variable -> variable.getKey().startsWith("GSB_"))
        .filter(variable -> !WEBHOOK_VARIABLES.contains(variable.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** FLINK_PROPERTIES' "key: value" lines, each one the image's entry point can split. */
  private static Map<String, String> flinkProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String line : environment("jobmanager").get("FLINK_PROPERTIES").split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      assertThat(line).matches("[a-z0-9.-]+: \\S+");
      String[] keyValue = line.split(": ", 2);
      assertThat(properties.put(keyValue[0], keyValue[1])).as("repeated " + keyValue[0]).isNull();
    }
    return properties;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) COMPOSE.get("services");
  }

  private static Map<String, Object> service(String name) {
    assertThat(services()).containsKey(name);
    return services().get(name);
  }

  /** A service's environment, which this file always writes as a map. */
  private static Map<String, String> environment(String name) {
    Map<String, String> environment = new TreeMap<>();
    ((Map<?, ?>) service(name).get("environment"))
        .forEach((key, value) -> environment.put((String) key, String.valueOf(value)));
    return environment;
  }

  private static List<String> strings(Object list) {
    if (list == null) {
      return List.of();
    }
    return ((List<?>) list).stream().map(String::valueOf).toList();
  }

  private static List<String> strings(Object map, String key) {
    return strings(((Map<?, ?>) map).get(key));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object list) {
    return list == null ? List.of() : (List<Map<String, Object>>) list;
  }
}
