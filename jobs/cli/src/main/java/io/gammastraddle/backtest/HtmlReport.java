package io.gammastraddle.backtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Writes {@code report.html}: one self-contained page (no scripts, inline style) with the summary
 * and what each number means, the charts beside it, and the run's parameters. Every text from
 * outside is HTML-escaped.
 */
final class HtmlReport {

  private static final String NOT_DEFINED = "n/a";

  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em;max-width:1040px;color:#222}"
          + "table{border-collapse:collapse;margin-bottom:1.5em}"
          + "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
          + "td.value{text-align:right;font-family:monospace;white-space:nowrap}"
          + "img{display:block;margin-bottom:1em;max-width:100%}"
          + "p.legend{font-size:90%}";

  private HtmlReport() {}

  static void write(Path file, BacktestSummary summary, Map<String, String> parameters)
      throws IOException {
    StringBuilder html = new StringBuilder(8192);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Gamma Straddle backtest</title>\n<style>")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>Gamma Straddle backtest</h1>\n");
    summary(html, summary);
    underlyings(html, summary);
    charts(html);
    parameters(html, parameters);
    html.append("</body>\n</html>\n");
    Files.writeString(file, html, StandardCharsets.UTF_8);
  }

  private static void summary(StringBuilder html, BacktestSummary s) {
    html.append(
        "<h2>Summary</h2>\n<table>\n<tr><th>metric</th><th>value</th><th>meaning</th></tr>\n");
    row(html, "startTime", time(s.startTime()), "earliest event time in the run's outputs (UTC)");
    row(html, "endTime", time(s.endTime()), "latest event time in the run's outputs (UTC)");
    row(
        html,
        "initialEquityUsd",
        number(s.initialEquityUsd()),
        "sum over underlyings of the first equity the exchange reported, in USD");
    row(html, "finalEquityUsd", number(s.finalEquityUsd()), "the equity curve's last value");
    row(html, "pnlUsd", number(s.pnlUsd()), "finalEquityUsd - initialEquityUsd, after fees");
    row(html, "returnPct", number(s.returnPct()), "100 * pnlUsd / initialEquityUsd");
    row(
        html,
        "sharpe",
        number(s.sharpe()),
        "per-minute returns of the equity curve (closes of event-time minutes), mean / sample"
            + " standard deviation * sqrt(525600): annualized; 0 with fewer than 2 returns");
    row(
        html,
        "maxDrawdownPct",
        number(s.maxDrawdownPct()),
        "largest peak-to-trough fall of the equity curve, in % of the peak");
    row(
        html,
        "hitRate",
        number(s.hitRate()),
        "share of closed trades whose option sell proceeds - buy costs - fees are positive");
    row(html, "feesUsd", number(s.feesUsd()), "sum of fee * index price over all fills");
    row(
        html,
        "turnoverUsd",
        number(s.turnoverUsd()),
        "option premium (price * amount * index price) plus perpetual notional over all fills");
    row(
        html,
        "trades",
        Integer.toString(s.trades()),
        "straddles entered: labels' (underlying, decision) with an entry fill");
    row(
        html,
        "closedTrades",
        Integer.toString(s.closedTrades()),
        "trades with exit fills whose net option position is back to zero");
    row(html, "fills", Long.toString(s.fills()), "fills of the simulated venue");
    row(html, "predictions", Long.toString(s.predictions()), "predictions made by scoring");
    row(
        html,
        "fallbackRate",
        number(s.fallbackRate()),
        "share of the predictions that came from the fallback rather than a model");
    html.append("</table>\n<p class=\"legend\">Equity curve: initial equity plus, over")
        .append(" underlyings, the latest realized (after fees) plus unrealized P&amp;L known at")
        .append(" each status line. It is not the exchange's equity in USD, which for a")
        .append(" coin-margined account moves with the coin's price. ")
        .append(NOT_DEFINED)
        .append(": not defined for this run.</p>\n");
  }

  private static void underlyings(StringBuilder html, BacktestSummary s) {
    html.append("<h2>Per underlying</h2>\n<table>\n<tr><th>underlying</th><th>pnlUsd</th>")
        .append("<th>feesUsd</th><th>fills</th><th>trades</th><th>closedTrades</th></tr>\n");
    s.underlyings()
        .forEach(
            (name, underlying) ->
                html.append("<tr><td>")
                    .append(escape(name))
                    .append("</td>")
                    .append(valueCell(number(underlying.pnlUsd())))
                    .append(valueCell(number(underlying.feesUsd())))
                    .append(valueCell(Long.toString(underlying.fills())))
                    .append(valueCell(Integer.toString(underlying.trades())))
                    .append(valueCell(Integer.toString(underlying.closedTrades())))
                    .append("</tr>\n"));
    html.append("</table>\n");
  }

  private static void charts(StringBuilder html) {
    html.append("<h2>Charts</h2>\n");
    image(html, ReportCharts.EQUITY_PNG, "equity curve in USD");
    image(html, ReportCharts.DRAWDOWN_PNG, "drawdown in % of the peak");
    image(html, ReportCharts.GREEKS_PNG, "delta in coin and vega in USD per underlying");
    image(html, ReportCharts.FALLBACK_PNG, "fallback rate per minute");
  }

  private static void image(StringBuilder html, String file, String description) {
    html.append("<img src=\"")
        .append(escape(file))
        .append("\" alt=\"")
        .append(escape(description))
        .append("\" width=\"")
        .append(ReportCharts.WIDTH)
        .append("\" height=\"")
        .append(ReportCharts.HEIGHT)
        .append("\">\n");
  }

  private static void parameters(StringBuilder html, Map<String, String> parameters) {
    html.append("<h2>Parameters</h2>\n<table>\n<tr><th>parameter</th><th>value</th></tr>\n");
    parameters.forEach(
        (name, value) ->
            html.append("<tr><td>")
                .append(escape(name))
                .append("</td><td>")
                .append(escape(value))
                .append("</td></tr>\n"));
    html.append("</table>\n");
  }

  private static void row(StringBuilder html, String metric, String value, String meaning) {
    html.append("<tr><td>")
        .append(escape(metric))
        .append("</td>")
        .append(valueCell(value))
        .append("<td>")
        .append(escape(meaning))
        .append("</td></tr>\n");
  }

  private static String valueCell(String value) {
    return "<td class=\"value\">" + escape(value) + "</td>";
  }

  private static String number(double value) {
    String text = SummaryJson.format(value);
    return text == null ? NOT_DEFINED : text;
  }

  private static String time(Instant time) {
    return time == null ? NOT_DEFINED : time.toString();
  }

  /** Escapes text for an element's content or a quoted attribute value. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
