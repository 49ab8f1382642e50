package io.gammastraddle.backtest;

import static io.gammastraddle.backtest.BacktestFiles.T0;
import static io.gammastraddle.backtest.BacktestFiles.fill;
import static io.gammastraddle.backtest.BacktestFiles.prediction;
import static io.gammastraddle.backtest.BacktestFiles.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestReportTest {

  private static final double NAN = Double.NaN;
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final List<String> PNGS =
      List.of("equity.png", "drawdown.png", "greeks.png", "fallback.png");

  /**
   * Two accounts, BTC and ETH, whose first lines know no equity yet. The job interleaves the
   * underlyings as it likes: here BTC's two later lines come before ETH's earlier ones.
   */
  private static final List<String> STATUS =
      List.of(
          status("BTC", T0, NAN, 0, 0, 0, 0),
          status("ETH", T0 + 500, NAN, 0, 0, 0, 0),
          status("BTC", T0 + 1_000, 500_000, 0, 0, 0.01, 100),
          status("ETH", T0 + 1_500, 200_000, 0, 0, -0.2, 40),
          status("BTC", T0 + 61_000, 500_100, -1_000, 5_000, 0.02, 120),
          // an unrealized P&L not known at this line keeps the last one (5,000)
          status("BTC", T0 + 121_000, 500_300, 3_000, NAN, 0.015, 90),
          status("ETH", T0 + 62_000, 199_900, -500, -1_500, -0.1, 35),
          status("ETH", T0 + 125_000, 199_800, -2_500, 0, 0.0, 0));

  private static final List<String> FILLS =
      List.of(
          // BTC straddle 1732000, winner: 960 + 432 - 593.75 - 522.5 - 57.3 fees = 218.45
          fill(
              "BTC",
              T0 + 2_000,
              "BTC-27NOV26-95000-C",
              "gsb-BTC-1732000-c0",
              "buy",
              0.5,
              0.0125,
              95_000,
              0.00015),
          fill(
              "BTC",
              T0 + 2_000,
              "BTC-27NOV26-95000-P",
              "gsb-BTC-1732000-p0",
              "buy",
              0.5,
              0.011,
              95_000,
              0.00015),
          // the hedge is a perpetual: not part of the straddle's option P&L
          fill(
              "BTC",
              T0 + 3_000,
              "BTC-PERPETUAL",
              "gsb-BTC-1732000-h0",
              "sell",
              1_200,
              95_010,
              95_000,
              0.0000063),
          fill(
              "ETH",
              T0 + 4_000,
              "ETH-27NOV26-3000-C",
              "gsb-ETH-7-c0",
              "buy",
              2,
              0.03,
              3_000,
              0.0003),
          fill(
              "ETH",
              T0 + 4_000,
              "ETH-27NOV26-3000-P",
              "gsb-ETH-7-p0",
              "buy",
              3,
              0.025,
              3_000,
              0.00045),
          fill(
              "BTC",
              T0 + 90_000,
              "BTC-27NOV26-95000-C",
              "gsb-BTC-1732000-xc0",
              "sell",
              0.5,
              0.02,
              96_000,
              0.00015),
          fill(
              "BTC",
              T0 + 90_000,
              "BTC-27NOV26-95000-P",
              "gsb-BTC-1732000-xp0",
              "sell",
              0.5,
              0.009,
              96_000,
              0.00015),
          // ETH straddle 7, loser: one put too many is unwound before the exit;
          // 72 + 119.6 + 155.48 - 180 - 225 - 4.494 fees = -62.414
          fill(
              "ETH",
              T0 + 5_000,
              "ETH-27NOV26-3000-P",
              "gsb-ETH-7-up0",
              "sell",
              1,
              0.024,
              3_000,
              0.00015),
          fill(
              "ETH",
              T0 + 6_000,
              "ETH-PERPETUAL",
              "gsb-ETH-7-h0",
              "buy",
              500,
              3_001,
              3_000,
              0.00006),
          // BTC straddle 1732050: entered, never exited
          fill(
              "BTC",
              T0 + 100_000,
              "BTC-27NOV26-96000-C",
              "gsb-BTC-1732050-c0",
              "buy",
              0.3,
              0.01,
              96_500,
              0.00009),
          fill(
              "BTC",
              T0 + 100_000,
              "BTC-27NOV26-96000-P",
              "gsb-BTC-1732050-p0",
              "buy",
              0.3,
              0.012,
              96_500,
              0.00009),
          // ETH straddle 9: the call is sold, the put still open, so it is not closed
          fill(
              "ETH",
              T0 + 70_000,
              "ETH-27NOV26-3100-C",
              "gsb-ETH-9-c0",
              "buy",
              1,
              0.02,
              3_000,
              0.0003),
          fill(
              "ETH",
              T0 + 70_000,
              "ETH-27NOV26-3100-P",
              "gsb-ETH-9-p0",
              "buy",
              1,
              0.04,
              3_000,
              0.0003),
          fill(
              "ETH",
              T0 + 80_000,
              "ETH-27NOV26-3100-C",
              "gsb-ETH-9-xc0",
              "sell",
              1,
              0.03,
              3_000,
              0.0003),
          fill(
              "ETH",
              T0 + 130_000,
              "ETH-27NOV26-3000-C",
              "gsb-ETH-7-xc0",
              "sell",
              2,
              0.02,
              2_990,
              0.0003),
          fill(
              "ETH",
              T0 + 130_000,
              "ETH-27NOV26-3000-P",
              "gsb-ETH-7-xp0",
              "sell",
              2,
              0.026,
              2_990,
              0.0003));

  private static final List<String> PREDICTIONS =
      List.of(
          prediction("BTC", T0 + 100, true),
          prediction("ETH", T0 + 200, false),
          prediction("BTC", T0 + 60_500, false),
          prediction("ETH", T0 + 61_000, true),
          prediction("BTC", T0 + 61_500, true));

  @TempDir Path dir;

  @Test
  void summaryMatchesHandCalculations() throws IOException {
    BacktestFiles.write(dir, STATUS, FILLS, PREDICTIONS);

    BacktestSummary summary = BacktestReport.write(dir, Map.of());

    assertThat(summary.startTime()).isEqualTo(Instant.parse("2024-11-19T07:06:00Z"));
    assertThat(summary.endTime()).isEqualTo(Instant.parse("2024-11-19T07:08:10Z"));
    // each account's first finite equity: 500,000 + 200,000
    assertThat(summary.initialEquityUsd()).isEqualTo(700_000);
    // BTC 3,000 + 5,000 and ETH -2,500 + 0 at their last lines
    assertThat(summary.pnlUsd()).isEqualTo(5_500);
    assertThat(summary.finalEquityUsd()).isEqualTo(705_500);
    assertThat(summary.returnPct()).isEqualTo(0.7857); // 100 * 5,500 / 700,000
    // by event time the curve is 700,000 704,000 702,000 706,000 705,500: the worst fall is
    // 2,000 from 704,000 (merged in file order, it would peak at 708,000 and fall 0.3531 %)
    assertThat(summary.maxDrawdownPct()).isEqualTo(0.2841);
    // minute closes 700,000, 702,000, 705,500
    double r1 = 702_000.0 / 700_000 - 1;
    double r2 = 705_500.0 / 702_000 - 1;
    double sharpe = (r1 + r2) / 2 / (Math.abs(r1 - r2) / Math.sqrt(2)) * Math.sqrt(525_600);
    assertThat(summary.sharpe()).isCloseTo(sharpe, within(0.0001)).isCloseTo(1888.83, within(0.01));
    assertThat(summary.trades()).isEqualTo(4);
    assertThat(summary.closedTrades()).isEqualTo(2);
    assertThat(summary.hitRate()).isEqualTo(0.5);
    // BTC 14.25 + 14.25 + 0.5985 + 14.4 + 14.4 + 8.685 + 8.685 = 75.2685
    // ETH 0.9 + 1.35 + 0.45 + 0.18 + 0.9 + 0.9 + 0.9 + 0.897 + 0.897 = 7.374
    assertThat(summary.feesUsd()).isEqualTo(82.64);
    // BTC 593.75 + 522.5 + 1,200 + 960 + 432 + 289.5 + 347.4 = 4,345.15
    // ETH 180 + 225 + 72 + 500 + 60 + 120 + 90 + 119.6 + 155.48 = 1,522.08
    assertThat(summary.turnoverUsd()).isEqualTo(5_867.23);
    assertThat(summary.fills()).isEqualTo(16);
    assertThat(summary.predictions()).isEqualTo(5);
    assertThat(summary.fallbackRate()).isEqualTo(0.6);
    assertThat(summary.underlyings())
        .containsExactly(
            Map.entry("BTC", new BacktestSummary.Underlying(8_000, 75.27, 7, 2, 1)),
            Map.entry("ETH", new BacktestSummary.Underlying(-2_500, 7.37, 9, 2, 1)));
  }

  @Test
  void straddleWithALosingCloseLowersTheHitRate() throws IOException {
    List<String> fills = new ArrayList<>(FILLS);
    // BTC's straddle 1732050 is closed at a loss too: 1 winner of 3
    fills.add(
        fill(
            "BTC",
            T0 + 110_000,
            "BTC-27NOV26-96000-C",
            "gsb-BTC-1732050-xc0",
            "sell",
            0.3,
            0.009,
            96_500,
            0.00009));
    fills.add(
        fill(
            "BTC",
            T0 + 110_000,
            "BTC-27NOV26-96000-P",
            "gsb-BTC-1732050-xp0",
            "sell",
            0.3,
            0.011,
            96_500,
            0.00009));
    BacktestFiles.write(dir, STATUS, fills, PREDICTIONS);

    BacktestSummary summary = BacktestReport.write(dir, Map.of());

    assertThat(summary.closedTrades()).isEqualTo(3);
    assertThat(summary.hitRate()).isEqualTo(0.333333);
  }

  @Test
  void summaryFileHasFixedKeysAndNullsForWhatIsNotDefined() throws IOException {
    BacktestFiles.write(dir, STATUS, FILLS, List.of());

    BacktestReport.write(dir, Map.of());

    JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "startTime",
            "endTime",
            "initialEquityUsd",
            "finalEquityUsd",
            "pnlUsd",
            "returnPct",
            "sharpe",
            "maxDrawdownPct",
            "hitRate",
            "feesUsd",
            "turnoverUsd",
            "trades",
            "closedTrades",
            "fills",
            "predictions",
            "fallbackRate",
            "underlyings");
    assertThat(json.get("startTime").asText()).isEqualTo("2024-11-19T07:06:00Z");
    assertThat(json.get("turnoverUsd").decimalValue()).isEqualByComparingTo("5867.23");
    assertThat(json.get("fallbackRate").isNull()).isTrue();
    assertThat(json.get("underlyings").get("ETH").get("pnlUsd").asDouble()).isEqualTo(-2_500);
    assertThat(Files.readString(dir.resolve("summary.json")))
        .contains("\"initialEquityUsd\" : 700000,")
        .doesNotContain("E+", "E-", "\r");
  }

  @Test
  void sameOutputsGiveTheSameSummaryBytesWhateverTheInterleaving() throws IOException {
    BacktestFiles.write(dir, STATUS, FILLS, PREDICTIONS);
    BacktestReport.write(dir, Map.of("seed", "1"));
    byte[] first = Files.readAllBytes(dir.resolve("summary.json"));
    BacktestReport.write(dir, Map.of("seed", "1"));
    byte[] second = Files.readAllBytes(dir.resolve("summary.json"));

    Path other = Files.createDirectory(dir.resolve("other"));
    BacktestFiles.write(other, underlyingsOneAfterTheOther(STATUS), FILLS, PREDICTIONS);
    BacktestReport.write(other, Map.of());
    byte[] otherInterleaving = Files.readAllBytes(other.resolve("summary.json"));

    assertThat(second).isEqualTo(first);
    assertThat(otherInterleaving).isEqualTo(first);
  }

  @Test
  void chartsArePngsOfTheStatedSize() throws IOException {
    BacktestFiles.write(dir, STATUS, FILLS, PREDICTIONS);

    BacktestReport.write(dir, Map.of());

    assertValidCharts();
  }

  @Test
  void emptyOutputsGiveAReportWithNothingDefined() throws IOException {
    BacktestFiles.write(dir, List.of(), List.of(), List.of());

    BacktestSummary summary = BacktestReport.write(dir, Map.of("recording", "empty.jsonl"));

    assertThat(summary.startTime()).isNull();
    assertThat(summary.endTime()).isNull();
    assertThat(summary.initialEquityUsd()).isNaN();
    assertThat(summary.returnPct()).isNaN();
    assertThat(summary.sharpe()).isNaN();
    assertThat(summary.hitRate()).isNaN();
    assertThat(summary.fallbackRate()).isNaN();
    assertThat(summary.pnlUsd()).isZero();
    assertThat(summary.trades()).isZero();
    assertThat(summary.fills()).isZero();
    assertThat(summary.underlyings()).isEmpty();
    assertThat(Files.readString(dir.resolve("summary.json")))
        .contains("\"startTime\" : null", "\"hitRate\" : null", "\"underlyings\" : { }");
    assertValidCharts();
    assertThat(Files.readString(dir.resolve("report.html"))).contains("empty.jsonl", "n/a");
  }

  @Test
  void reportShowsSummaryChartsAndEscapedParameters() throws IOException {
    BacktestFiles.write(dir, STATUS, FILLS, PREDICTIONS);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("recording", "/data/<btc>&\"eth\".jsonl");
    parameters.put("seed", "42");

    BacktestReport.write(dir, parameters);

    String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("/data/&lt;btc&gt;&amp;&quot;eth&quot;.jsonl")
        .doesNotContain("<btc>")
        .contains("<td>seed</td><td>42</td>")
        .contains("<td>trades</td><td class=\"value\">4</td>")
        .contains("<img src=\"equity.png\"", "<img src=\"drawdown.png\"")
        .contains("<img src=\"greeks.png\"", "<img src=\"fallback.png\"")
        .doesNotContain("<script", "http://", "https://");
    assertThat(html.indexOf("recording")).isLessThan(html.indexOf("seed</td>"));
  }

  private void assertValidCharts() throws IOException {
    for (String png : PNGS) {
      byte[] bytes = Files.readAllBytes(dir.resolve(png));
      assertThat(bytes).as(png).startsWith(PNG_MAGIC);
      BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
      assertThat(image.getWidth()).as(png).isEqualTo(1000);
      assertThat(image.getHeight()).as(png).isEqualTo(400);
    }
  }

  /** The same lines with all of BTC's first, then ETH's: each underlying keeps its own order. */
  private static List<String> underlyingsOneAfterTheOther(List<String> lines) {
    List<String> reordered = new ArrayList<>();
    for (String underlying : List.of("\"BTC\"", "\"ETH\"")) {
      for (String line : lines) {
        if (line.contains(underlying)) {
          reordered.add(line);
        }
      }
    }
    assertThat(reordered).hasSameSizeAs(lines).isNotEqualTo(lines);
    return reordered;
  }
}
