package io.gammastraddle.backtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Turns the output directory of {@code gsb backtest} into its report. The run leaves three JSON
 * Lines files there: {@code status.jsonl} (the strategy's status per underlying, about once a
 * second of event time), {@code fills.jsonl} (every fill of the simulated venue) and {@code
 * predictions.jsonl} (every prediction of the scoring operator). This class reads them line by line
 * and writes beside them:
 *
 * <ul>
 *   <li>{@code summary.json}: the {@link BacktestSummary}, whose Javadoc defines every metric; the
 *       same three files always give the same bytes;
 *   <li>{@code equity.png}, {@code drawdown.png}, {@code greeks.png}, {@code fallback.png};
 *   <li>{@code report.html}: the summary, the charts and the run's parameters on one page.
 * </ul>
 *
 * <pre>{@code
 * Map<String, String> parameters = new LinkedHashMap<>();
 * parameters.put("recording", recording.toString());
 * parameters.put("seed", Long.toString(seed));
 * BacktestSummary summary = BacktestReport.write(outDir, parameters);
 * }</pre>
 */
public final class BacktestReport {

  /** The file names this class writes in the output directory. */
  public static final String SUMMARY_FILE = "summary.json";

  public static final String HTML_FILE = "report.html";

  private BacktestReport() {}

  /**
   * Reads the run's three files from {@code outDir} (each must exist; any may be empty) and writes
   * the summary, the charts and the HTML report there.
   *
   * @param parameters what the run was started with (recording, seed, latency, settings), shown in
   *     the report in the map's iteration order
   * @return the summary written to {@code summary.json}
   * @throws IOException when a file cannot be read or written, or a line is not valid JSON
   */
  public static BacktestSummary write(Path outDir, Map<String, String> parameters)
      throws IOException {
    BacktestOutputs outputs = BacktestOutputs.read(outDir);
    double initialEquity = outputs.totalInitialEquityUsd();
    boolean equityKnown = Double.isFinite(initialEquity);
    EquityCurve curve = EquityCurve.of(equityKnown ? initialEquity : 0, outputs.status());
    BacktestSummary summary = BacktestSummary.of(outputs, curve);
    SummaryJson.write(summary, outDir.resolve(SUMMARY_FILE));
    ReportCharts.write(outDir, outputs, curve, equityKnown);
    HtmlReport.write(outDir.resolve(HTML_FILE), summary, parameters);
    return summary;
  }
}
