package io.gammastraddle.cli;

import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.simulator.SimulatedMarket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tick-to-order latency in paper mode (DESIGN section 12): the whole system as the demo runs it
 * (simulator at real time, bridge, Kafka, the job on a local cluster with the flink-conf settings,
 * the execution sink), entering at every chance and hedging any delta above 0.01 coin, for a while.
 * The execution sink measures each order decided on a market event (hedges, exits, re-prices): its
 * send time minus the event's {@code recv_ts}, taken by the bridge when the frame arrived. Entries
 * are decided on predictions, at the decision tick, and are not measured. This reads the sink's
 * histogram ({@code tickToOrderMicros}, the last 10,000 orders of each sink task) from the
 * Prometheus reporter.
 */
final class TickToOrderBenchmark {

  private static final Pattern QUANTILE =
      Pattern.compile("^\\S*tickToOrderMicros\\{(.*)quantile=\"([0-9.]+)\".*\\}\\s+(\\S+)$");
  private static final Pattern INTENTS =
      Pattern.compile("^\\S*strategy_orderIntents\\{.*\\}\\s+(\\S+)$");
  private static final Pattern COUNT =
      Pattern.compile("^\\S*tickToOrderMicros_count\\{.*\\}\\s+(\\S+)$");

  private final Duration duration;
  private final long seed;
  private final Path flinkConf;

  TickToOrderBenchmark(Duration duration, long seed, Path flinkConf) {
    this.duration = duration;
    this.seed = seed;
    this.flinkConf = flinkConf;
  }

  /** Runs the system for the duration; returns the report. */
  String run() throws Exception {
    int prometheusPort = freePort();
    // Eager, but holding at most two straddles, each to its take-profit, stop-loss or expiry: the
    // hedges and exits then follow market moves, and those are the orders a market event decides
    // (entries follow predictions and are not measured).
    Map<String, String> settings = new LinkedHashMap<>(GammaConfig.EAGER_TRADING);
    settings.remove("exit.before-expiry");
    settings.put("risk.max-open-straddles", "2");
    try (PaperSystem system =
        PaperSystem.start(
            new PaperSystem.Options(
                new EmbeddedServices.Ports(0, 0),
                0,
                settings,
                flinkConf,
                Map.of("metrics.reporter.prom.port", String.valueOf(prometheusPort)),
                PaperSystem.JobPlacement.LOCAL),
            new SimulatedMarket(seed, System.currentTimeMillis()))) {
      System.out.printf("running for %d s...%n", duration.toSeconds());
      Thread.sleep(duration.toMillis());
      return report(scrape(prometheusPort));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String scrape(int port) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    return http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The quantiles of each sink task's histogram, in milliseconds, and the orders counted. */
  static String report(String metrics) {
    Map<String, Map<String, Double>> quantilesByTask = new TreeMap<>();
    Map<String, Double> counts = new TreeMap<>();
    double intents = 0;
    for (String line : metrics.split("\n")) {
      Matcher quantile = QUANTILE.matcher(line);
      if (quantile.matches()) {
        quantilesByTask
            .computeIfAbsent(subtask(quantile.group(1)), task -> new TreeMap<>())
            .put(quantile.group(2), Double.parseDouble(quantile.group(3)) / 1_000);
      }
      Matcher intent = INTENTS.matcher(line);
      if (intent.matches()) {
        intents += Double.parseDouble(intent.group(1));
      }
      Matcher count = COUNT.matcher(line);
      if (count.matches()) {
        counts.put(subtask(line), Double.parseDouble(count.group(1)));
      }
    }
    if (quantilesByTask.isEmpty()) {
      return "no order was decided on a market event: no tick-to-order latency measured";
    }
    StringBuilder report =
        new StringBuilder(
            String.format(
                "%.0f order intents; tick-to-order latency, ms (sink task: quantiles)%n", intents));
    quantilesByTask.forEach(
        (task, quantiles) ->
            report.append(
                String.format(
                    "  subtask %s: p50 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f  (%.0f orders"
                        + " measured; quantiles over the last 10,000)%n",
                    task,
                    quantiles.getOrDefault("0.5", Double.NaN),
                    quantiles.getOrDefault("0.95", Double.NaN),
                    quantiles.getOrDefault("0.99", Double.NaN),
                    quantiles.getOrDefault("0.999", Double.NaN),
                    counts.getOrDefault(task, Double.NaN))));
    return report.toString();
  }

  private static String subtask(String labels) {
    Matcher index = Pattern.compile("subtask_index=\"(\\d+)\"").matcher(labels);
    return index.find() ? index.group(1) : "?";
  }
}
