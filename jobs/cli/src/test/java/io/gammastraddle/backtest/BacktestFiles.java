package io.gammastraddle.backtest;

import io.gammastraddle.gamma.backtest.BacktestEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the three files of a backtest run the way the job does, one JSON object a line. */
final class BacktestFiles {

  /** 2024-11-19T07:06:00Z, the start of an event-time minute. */
  static final long T0 = 1_731_999_960_000L;

  private BacktestFiles() {}

  static void write(Path dir, List<String> status, List<String> fills, List<String> predictions)
      throws IOException {
    Files.write(dir.resolve(BacktestEndpoints.STATUS), status);
    Files.write(dir.resolve(BacktestEndpoints.FILLS), fills);
    Files.write(dir.resolve(BacktestEndpoints.PREDICTIONS), predictions);
  }

  static String status(
      String underlying,
      long timestamp,
      double equityUsd,
      double realizedUsd,
      double unrealizedUsd,
      double delta,
      double vega) {
    return String.format(
        Locale.ROOT,
        "{\"underlying\":\"%s\",\"timestamp\":%d,\"instruments\":[\"%s-PERPETUAL\"],"
            + "\"sizes\":[0.0],\"openStraddles\":0,\"entering\":false,\"delta\":%s,"
            + "\"gamma\":0.00002,\"vega\":%s,\"theta\":-80.1,\"valueAtRiskUsd\":11146.0,"
            + "\"realizedUsd\":%s,\"unrealizedUsd\":%s,\"feesUsd\":0.0,\"equityUsd\":%s,"
            + "\"drawdown\":0.0,\"mode\":\"NORMAL\"}",
        underlying,
        timestamp,
        underlying,
        number(delta),
        number(vega),
        number(realizedUsd),
        number(unrealizedUsd),
        number(equityUsd));
  }

  static String fill(
      String underlying,
      long timestamp,
      String instrument,
      String label,
      String direction,
      double amount,
      double price,
      double indexPrice,
      double fee) {
    return String.format(
        Locale.ROOT,
        "{\"underlying\":\"%s\",\"timestamp\":%d,\"instrument\":\"%s\",\"label\":\"%s\","
            + "\"direction\":\"%s\",\"amount\":%s,\"price\":%s,\"indexPrice\":%s,\"fee\":%s}",
        underlying,
        timestamp,
        instrument,
        label,
        direction,
        number(amount),
        number(price),
        number(indexPrice),
        number(fee));
  }

  static String prediction(String underlying, long timestamp, boolean fallback) {
    return String.format(
        Locale.ROOT,
        "{\"underlying\":\"%s\",\"timestamp\":%d,\"fallback\":%s,\"reason\":\"%s\",\"size\":0.5,"
            + "\"takeProfit\":0.3,\"stopLoss\":0.2,\"modelVersion\":%s,\"health\":null,"
            + "\"shadow\":{\"size\":0.4,\"modelVersion\":\"v2\"},\"shadowHealth\":{\"ok\":true}}",
        underlying,
        timestamp,
        fallback,
        fallback ? "no model loaded" : "",
        fallback ? "null" : "\"v1\"");
  }

  /** Jackson writes a NaN or an infinity as a string. */
  private static String number(double value) {
    return Double.isFinite(value) ? Double.toString(value) : "\"" + value + "\"";
  }
}
