package io.gammastraddle.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.gamma.backtest.BacktestEndpoints;
import io.gammastraddle.gamma.backtest.SimulatedVenue;
import io.gammastraddle.gamma.config.GammaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestIT {

  @TempDir Path dir;

  @Test
  void sameRecordingGivesTheSameRun() throws Exception {
    Path recording = dir.resolve("recording");
    long t0 = System.nanoTime();
    long frames =
        SimulatedRecording.write(
            recording, 7, Instant.parse("2026-01-05T00:00:00Z"), Duration.ofMinutes(20));
    System.out.printf(
        "generated %d frames in %d ms%n", frames, (System.nanoTime() - t0) / 1_000_000);
    GammaConfig config = GammaConfig.from(GammaConfig.EAGER_TRADING);
    Path first = Path.of(System.getProperty("bt.out", dir.resolve("first").toString()));
    Path second = dir.resolve("second");
    t0 = System.nanoTime();
    new Backtest(recording, first, config, new SimulatedVenue.Settings(20), null).run();
    System.out.printf("run in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    new Backtest(recording, second, config, new SimulatedVenue.Settings(20), null).run();
    for (String file :
        List.of(
            BacktestEndpoints.STATUS,
            BacktestEndpoints.FILLS,
            BacktestEndpoints.ORDERS,
            BacktestEndpoints.PREDICTIONS)) {
      System.out.printf("%s: %d lines%n", file, Files.readAllLines(first.resolve(file)).size());
      for (String underlying : List.of("BTC", "ETH")) {
        assertThat(linesOf(second.resolve(file), underlying))
            .as(file + " " + underlying)
            .containsExactlyElementsOf(linesOf(first.resolve(file), underlying));
      }
    }
    assertThat(Files.readAllLines(first.resolve(BacktestEndpoints.FILLS))).isNotEmpty();
  }

  private static List<String> linesOf(Path file, String underlying) throws java.io.IOException {
    return Files.readAllLines(file).stream()
        .filter(
            line ->
                line.contains("\"underlying\":\"" + underlying + "\"")
                    || line.contains("gsb-" + underlying + "-"))
        .toList();
  }
}
