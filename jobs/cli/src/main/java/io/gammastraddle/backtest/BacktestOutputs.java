package io.gammastraddle.backtest;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gammastraddle.gamma.backtest.BacktestEndpoints;
import io.gammastraddle.gamma.backtest.VenueFill;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What a backtest run left in its output directory, read line by line: the status points (kept, for
 * the curves), and running totals of the fills and predictions (which are not kept).
 */
final class BacktestOutputs {

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Jackson writes NaN as a string by default; accept the bare token as well
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private final List<StatusPoint> status = new ArrayList<>();
  private final SortedMap<String, Double> initialEquityUsd = new TreeMap<>();
  private final SortedMap<String, KnownPnl> knownPnl = new TreeMap<>();
  private final SortedMap<String, FillTotals> fillTotals = new TreeMap<>();
  private final Straddles straddles = new Straddles();
  private final SortedMap<Long, PredictionCount> predictionsByMinute = new TreeMap<>();
  private final Map<String, String> underlyingNames = new HashMap<>();
  private long firstTimestamp = Long.MAX_VALUE;
  private long lastTimestamp = Long.MIN_VALUE;

  private BacktestOutputs() {}

  /** Reads {@code status.jsonl}, {@code fills.jsonl} and {@code predictions.jsonl} from a run. */
  static BacktestOutputs read(Path dir) throws IOException {
    BacktestOutputs outputs = new BacktestOutputs();
    readLines(dir.resolve(BacktestEndpoints.STATUS), StatusLine.class, outputs::addStatus);
    readLines(dir.resolve(BacktestEndpoints.FILLS), VenueFill.class, outputs::addFill);
    readLines(
        dir.resolve(BacktestEndpoints.PREDICTIONS), PredictionLine.class, outputs::addPrediction);
    return outputs;
  }

  private static <T> void readLines(Path file, Class<T> type, Consumer<T> consumer)
      throws IOException {
    ObjectReader reader = JSON.readerFor(type);
    try (MappingIterator<T> lines = reader.readValues(file.toFile())) {
      while (lines.hasNextValue()) {
        consumer.accept(lines.nextValue());
      }
    }
  }

  private void addStatus(StatusLine line) {
    String underlying = underlyingNames.computeIfAbsent(line.underlying(), name -> name);
    seen(line.timestamp());
    if (Double.isFinite(line.equityUsd())) {
      initialEquityUsd.putIfAbsent(underlying, line.equityUsd());
    }
    KnownPnl pnl =
        knownPnl
            .getOrDefault(underlying, KnownPnl.NONE)
            .update(line.realizedUsd(), line.unrealizedUsd());
    knownPnl.put(underlying, pnl);
    status.add(
        new StatusPoint(underlying, line.timestamp(), pnl.totalUsd(), line.delta(), line.vega()));
  }

  private void addFill(VenueFill fill) {
    seen(fill.timestamp());
    fillTotals.computeIfAbsent(fill.underlying(), name -> new FillTotals()).add(fill);
    straddles.add(fill);
  }

  private void addPrediction(PredictionLine prediction) {
    seen(prediction.timestamp());
    predictionsByMinute
        .computeIfAbsent(
            Math.floorDiv(prediction.timestamp(), EquityCurve.MINUTE_MILLIS)
                * EquityCurve.MINUTE_MILLIS,
            minute -> new PredictionCount())
        .add(prediction.fallback());
  }

  private void seen(long timestamp) {
    firstTimestamp = Math.min(firstTimestamp, timestamp);
    lastTimestamp = Math.max(lastTimestamp, timestamp);
  }

  /** Every status line, in file order. */
  List<StatusPoint> status() {
    return status;
  }

  /** Each underlying's first finite {@code equityUsd}; absent for one that never reported it. */
  SortedMap<String, Double> initialEquityUsd() {
    return initialEquityUsd;
  }

  /**
   * The sum of {@link #initialEquityUsd()} over the underlyings that reported one; NaN when none
   * did.
   */
  double totalInitialEquityUsd() {
    if (initialEquityUsd.isEmpty()) {
      return Double.NaN;
    }
    double total = 0;
    for (double equity : initialEquityUsd.values()) {
      total += equity;
    }
    return total;
  }

  /** Each underlying's P&L at its last status line. */
  SortedMap<String, Double> finalPnlUsd() {
    SortedMap<String, Double> finalPnl = new TreeMap<>();
    knownPnl.forEach((underlying, pnl) -> finalPnl.put(underlying, pnl.totalUsd()));
    return finalPnl;
  }

  SortedMap<String, FillTotals> fillTotals() {
    return fillTotals;
  }

  Straddles straddles() {
    return straddles;
  }

  /** Prediction counts keyed by the start of their event-time minute (epoch ms). */
  SortedMap<Long, PredictionCount> predictionsByMinute() {
    return predictionsByMinute;
  }

  boolean isEmpty() {
    return firstTimestamp > lastTimestamp;
  }

  /** The earliest event time in any file; meaningless when {@link #isEmpty()}. */
  long firstTimestamp() {
    return firstTimestamp;
  }

  long lastTimestamp() {
    return lastTimestamp;
  }

  /** One underlying's fills: how many, their fees and turnover in USD. */
  static final class FillTotals {
    private long fills;
    private double feesUsd;
    private double turnoverUsd;

    private void add(VenueFill fill) {
      fills++;
      feesUsd += fill.feeUsd();
      turnoverUsd += fill.notionalUsd();
    }

    long fills() {
      return fills;
    }

    double feesUsd() {
      return feesUsd;
    }

    double turnoverUsd() {
      return turnoverUsd;
    }
  }

  /** The predictions of one minute and how many of them came from the fallback. */
  static final class PredictionCount {
    private long predictions;
    private long fallbacks;

    private void add(boolean fallback) {
      predictions++;
      if (fallback) {
        fallbacks++;
      }
    }

    long predictions() {
      return predictions;
    }

    long fallbacks() {
      return fallbacks;
    }
  }

  /**
   * The last known realized and unrealized P&L of an underlying: a value a status line does not
   * know (NaN) keeps the previous one, 0 before any.
   */
  private record KnownPnl(double realizedUsd, double unrealizedUsd) {
    static final KnownPnl NONE = new KnownPnl(0, 0);

    KnownPnl update(double realized, double unrealized) {
      return new KnownPnl(
          Double.isFinite(realized) ? realized : realizedUsd,
          Double.isFinite(unrealized) ? unrealized : unrealizedUsd);
    }

    double totalUsd() {
      return realizedUsd + unrealizedUsd;
    }
  }
}
