package io.gammastraddle.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.gamma.backtest.BacktestEndpoints;
import io.gammastraddle.gamma.backtest.SimulatedVenue;
import io.gammastraddle.gamma.config.GammaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest end to end: a generated simulation, the job on Flink's MiniCluster, the paper
 * exchange filling from the rebuilt books, and the report. Eager settings make the strategy enter,
 * hedge and exit within minutes.
 */
class BacktestIT {

  private static final GammaConfig EAGER = GammaConfig.from(GammaConfig.EAGER_TRADING);
  private static final Map<String, String> PARAMETERS = Map.of("test", "BacktestIT");

  @TempDir static Path dir;
  static Path recording;

  @BeforeAll
  static void generate() throws IOException {
    recording = dir.resolve("recording");
    SimulatedRecording.write(
        recording, 7, Instant.parse("2026-01-05T00:00:00Z"), Duration.ofMinutes(10));
  }

  @Test
  void theSameRecordingAndSettingsGiveTheSameRunAndSummary() throws Exception {
    Path first = run("first", 20);
    Path second = run("second", 20);

    assertThat(first.resolve(BacktestReport.SUMMARY_FILE))
        .hasSameBinaryContentAs(second.resolve(BacktestReport.SUMMARY_FILE));
    // The file interleaves underlyings as Flink happens to fire their timers; each underlying's
    // own outputs are identical.
    for (String file :
        List.of(
            BacktestEndpoints.STATUS,
            BacktestEndpoints.FILLS,
            BacktestEndpoints.ORDERS,
            BacktestEndpoints.PREDICTIONS)) {
      for (String underlying : List.of("BTC", "ETH")) {
        assertThat(linesOf(second.resolve(file), underlying))
            .as(file + " of " + underlying)
            .isNotEmpty()
            .containsExactlyElementsOf(linesOf(first.resolve(file), underlying));
      }
    }
  }

  @Test
  void theStrategyEntersHedgesAndExitsOnTheSimulatedVenue() throws Exception {
    Path out = run("first", 20);

    BacktestSummary summary = BacktestReport.write(out, PARAMETERS);

    List<String> fills = Files.readAllLines(out.resolve(BacktestEndpoints.FILLS));
    Set<String> legs =
        fills.stream()
            .map(
                line -> line.replaceAll(".*\"label\":\"gsb-[A-Z]+-[0-9]+-([a-z]+)[0-9]+\".*", "$1"))
            .collect(Collectors.toSet());
    assertThat(legs).contains("c", "p", "h", "xc", "xp");
    assertThat(summary.fills()).isEqualTo(fills.size());
    assertThat(summary.trades()).isPositive();
    assertThat(summary.closedTrades()).isPositive();
    assertThat(summary.feesUsd()).isPositive();
    assertThat(summary.fallbackRate()).isEqualTo(1.0);
    assertThat(Files.readString(out.resolve(BacktestReport.HTML_FILE)))
        .contains("equity.png", "drawdown.png", "greeks.png", "fallback.png");
    assertThat(Files.readAllLines(out.resolve(BacktestEndpoints.DEAD_LETTERS))).isEmpty();
  }

  @Test
  void theVenuesLatencyChangesTheFills() throws Exception {
    Path quick = run("first", 20);
    Path slow = run("slow", 2_000);

    assertThat(Files.readAllLines(slow.resolve(BacktestEndpoints.FILLS)))
        .isNotEqualTo(Files.readAllLines(quick.resolve(BacktestEndpoints.FILLS)));
  }

  private static Path run(String name, long latencyMillis) throws Exception {
    Path out = dir.resolve(name);
    if (!Files.exists(out.resolve(BacktestEndpoints.STATUS))) {
      new Backtest(recording, out, EAGER, new SimulatedVenue.Settings(latencyMillis), null).run();
      BacktestReport.write(out, PARAMETERS);
    }
    return out;
  }

  private static List<String> linesOf(Path file, String underlying) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(
            line ->
                line.contains("\"underlying\":\"" + underlying + "\"")
                    || line.contains("\"label\":\"gsb-" + underlying + "-"))
        .toList();
  }
}
