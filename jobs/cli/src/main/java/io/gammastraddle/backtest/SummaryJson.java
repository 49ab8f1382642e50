package io.gammastraddle.backtest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Writes {@code summary.json}: keys in a fixed order, numbers in plain decimal notation without
 * trailing zeros, NaN as null, {@code \n} line ends on every platform. The same summary always
 * gives the same bytes.
 */
final class SummaryJson {

  private static final JsonFactory JSON = new JsonFactory();

  private SummaryJson() {}

  static void write(BacktestSummary summary, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      json.setPrettyPrinter(
          new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
      json.writeStartObject();
      time(json, "startTime", summary.startTime());
      time(json, "endTime", summary.endTime());
      number(json, "initialEquityUsd", summary.initialEquityUsd());
      number(json, "finalEquityUsd", summary.finalEquityUsd());
      number(json, "pnlUsd", summary.pnlUsd());
      number(json, "returnPct", summary.returnPct());
      number(json, "sharpe", summary.sharpe());
      number(json, "maxDrawdownPct", summary.maxDrawdownPct());
      number(json, "hitRate", summary.hitRate());
      number(json, "feesUsd", summary.feesUsd());
      number(json, "turnoverUsd", summary.turnoverUsd());
      json.writeNumberField("trades", summary.trades());
      json.writeNumberField("closedTrades", summary.closedTrades());
      json.writeNumberField("fills", summary.fills());
      json.writeNumberField("predictions", summary.predictions());
      number(json, "fallbackRate", summary.fallbackRate());
      json.writeObjectFieldStart("underlyings");
      for (Map.Entry<String, BacktestSummary.Underlying> entry : summary.underlyings().entrySet()) {
        BacktestSummary.Underlying underlying = entry.getValue();
        json.writeObjectFieldStart(entry.getKey());
        number(json, "pnlUsd", underlying.pnlUsd());
        number(json, "feesUsd", underlying.feesUsd());
        json.writeNumberField("fills", underlying.fills());
        json.writeNumberField("trades", underlying.trades());
        json.writeNumberField("closedTrades", underlying.closedTrades());
        json.writeEndObject();
      }
      json.writeEndObject();
      json.writeEndObject();
      json.writeRaw('\n');
    }
  }

  /** A number as the file writes it: plain decimals without trailing zeros; null for NaN. */
  static String format(double value) {
    return Double.isFinite(value)
        ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
        : null;
  }

  private static void number(JsonGenerator json, String name, double value) throws IOException {
    json.writeFieldName(name);
    String text = format(value);
    if (text == null) {
      json.writeNull();
    } else {
      json.writeNumber(text);
    }
  }

  private static void time(JsonGenerator json, String name, Instant time) throws IOException {
    json.writeFieldName(name);
    if (time == null) {
      json.writeNull();
    } else {
      json.writeString(time.toString());
    }
  }
}
