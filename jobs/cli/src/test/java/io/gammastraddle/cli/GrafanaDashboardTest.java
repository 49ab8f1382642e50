package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.checkpoint.DefaultCheckpointStatsTracker;
import org.apache.flink.runtime.metrics.MetricNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provisioned Grafana dashboard queries metrics by the names Flink's Prometheus reporter gives
 * them: {@code flink_} plus the group's logical scope and the metric name, joined by underscores
 * ({@code AbstractPrometheusReporter.getScopedName}); an operator's metric is {@code
 * flink_taskmanager_job_task_operator_<name>}, one in a group {@code ..._operator_<group>_<name>},
 * a histogram a summary with {@code quantile} labels and a {@code _count}. Every name must be one
 * the project's code registers (found in its main sources) or one of Flink's own.
 */
class GrafanaDashboardTest {

  private static final String DASHBOARD = "deploy/grafana/dashboards/gamma-straddle.json";
  private static final String OPERATOR_SCOPE = "flink_taskmanager_job_task_operator_";

  /** A metric name in a query, and whether a regex continues it ({@code _entrySkips_.+}). */
  private static final Pattern METRIC = Pattern.compile("(flink_[A-Za-z0-9_:]+)([.(])?");

  /** A registration with a literal name, possibly the start of a concatenation. */
  private static final Pattern REGISTRATION =
      Pattern.compile("\\.(?:counter|gauge|histogram|meter)\\(\\s*\"([A-Za-z0-9_]+)\"(\\s*\\+)?");

  private static final Pattern GROUP = Pattern.compile("\\.addGroup\\(\"([A-Za-z0-9_]+)\"\\)");

  private static final Set<String> PROJECT_NAMES = new HashSet<>();
  private static final Set<String> PROJECT_PREFIXES = new HashSet<>();
  private static final Set<String> FLINK_NAMES = new HashSet<>();

  @BeforeAll
  static void collectRegisteredNames() throws IOException, IllegalAccessException {
    Files.walkFileTree(
        RepositoryFiles.ROOT,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            String name = dir.getFileName().toString();
            boolean skipped = name.startsWith(".") || name.equals("target");
            return skipped && !dir.equals(RepositoryFiles.ROOT)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            if (file.toString().endsWith(".java") && file.toString().contains("/src/main/java/")) {
              collectRegistrations(Files.readString(file));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    for (Class<?> holder : List.of(MetricNames.class, DefaultCheckpointStatsTracker.class)) {
      for (Field field : holder.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
          field.setAccessible(true);
          FLINK_NAMES.add((String) field.get(null));
        }
      }
    }
  }

  /** A file's metric names, also under each group the file adds (an over-approximation). */
  private static void collectRegistrations(String source) {
    List<String> groups = new ArrayList<>(List.of(""));
    Matcher group = GROUP.matcher(source);
    while (group.find()) {
      groups.add(group.group(1) + "_");
    }
    Matcher registration = REGISTRATION.matcher(source);
    while (registration.find()) {
      for (String prefix : groups) {
        String name = prefix + registration.group(1);
        (registration.group(2) == null ? PROJECT_NAMES : PROJECT_PREFIXES).add(name);
      }
    }
  }

  @Test
  void queriesOnlyMetricsTheJobOrFlinkRegisters() {
    List<String> expressions = expressions(dashboard());
    assertThat(expressions).hasSizeGreaterThan(20);
    List<String> unknown = new ArrayList<>();
    expressions.forEach(expression -> unknown.addAll(unknownMetrics(expression)));
    assertThat(unknown).isEmpty();
  }

  @Test
  void showsTheJobsKeyMetrics() {
    Set<String> queried = new TreeSet<>();
    for (String expression : expressions(dashboard())) {
      Matcher metric = METRIC.matcher(expression);
      while (metric.find()) {
        queried.add(metric.group(1).replace(OPERATOR_SCOPE, ""));
      }
    }
    assertThat(queried)
        .contains(
            "marketEvents",
            "bookGaps",
            "deadLetters",
            "featureVectors",
            "predictions",
            "fallbacks",
            "scoringLatencyNanos",
            "maxFeaturePsi",
            "ordersSent",
            "ordersRejected",
            "tickToOrderMicros",
            "strategy_orderIntents");
  }

  @Test
  void refusesNamesNothingRegisters() {
    assertThat(unknownMetrics("sum(rate(" + OPERATOR_SCOPE + "featureVector[1m]))"))
        .containsExactly(OPERATOR_SCOPE + "featureVector");
    assertThat(unknownMetrics("{__name__=~\"" + OPERATOR_SCOPE + "strategy_entrySkipz_.+\"}"))
        .hasSize(1);
    assertThat(unknownMetrics("max(flink_jobmanager_job_numRestart)")).hasSize(1);
    assertThat(unknownMetrics(OPERATOR_SCOPE + "tickToOrderMicros_count")).isEmpty();
  }

  @Test
  void readsFromTheProvisionedPrometheus() {
    Map<String, Object> datasource =
        firstMap(
            RepositoryFiles.yaml("deploy/grafana/provisioning/datasources/prometheus.yaml"),
            "datasources");
    assertThat(datasource).containsEntry("type", "prometheus");
    assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
    List<String> uids = new ArrayList<>();
    dashboard().findParents("datasource").forEach(node -> collectUid(node, uids));
    assertThat(uids).isNotEmpty().containsOnly((String) datasource.get("uid"));

    // the provider loads the directory docker-compose.yml mounts the dashboards at
    Map<String, Object> provider =
        firstMap(
            RepositoryFiles.yaml("deploy/grafana/provisioning/dashboards/gamma-straddle.yaml"),
            "providers");
    String path = (String) ((Map<?, ?>) provider.get("options")).get("path");
    assertThat(RepositoryFiles.read("docker-compose.yml"))
        .contains("- ./deploy/grafana/dashboards:" + path + ":ro");
  }

  private static void collectUid(JsonNode parent, List<String> uids) {
    JsonNode datasource = parent.get("datasource");
    if (datasource.isObject()) {
      uids.add(datasource.path("uid").asText());
    }
  }

  /** The metric names in {@code expression} that neither the project nor Flink registers. */
  private static List<String> unknownMetrics(String expression) {
    List<String> unknown = new ArrayList<>();
    Matcher metric = METRIC.matcher(expression);
    while (metric.find()) {
      String name = metric.group(1);
      boolean continuedByRegex = metric.group(2) != null;
      if (!(continuedByRegex ? isRegisteredPrefix(name) : isRegistered(name))) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  private static boolean isRegisteredPrefix(String name) {
    return name.startsWith(OPERATOR_SCOPE)
        && PROJECT_PREFIXES.contains(name.substring(OPERATOR_SCOPE.length()));
  }

  private static boolean isRegistered(String name) {
    if (name.startsWith(OPERATOR_SCOPE)) {
      String metric = name.substring(OPERATOR_SCOPE.length());
      if (PROJECT_NAMES.contains(metric)
          || PROJECT_NAMES.contains(metric.replaceFirst("_count$", ""))) {
        return true;
      }
    }
    // Flink's own: a scope of the JobManager or a TaskManager, then a name Flink declares
    return (name.startsWith("flink_jobmanager_") || name.startsWith("flink_taskmanager_"))
        && FLINK_NAMES.contains(name.substring(name.lastIndexOf('_') + 1));
  }

  private static List<String> expressions(JsonNode dashboard) {
    List<String> expressions = new ArrayList<>();
    dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
    return expressions;
  }

  private static JsonNode dashboard() {
    try {
      return new ObjectMapper().readTree(RepositoryFiles.read(DASHBOARD));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstMap(Map<String, Object> file, String list) {
    return ((List<Map<String, Object>>) file.get(list)).get(0);
  }
}
