package io.gammastraddle.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The result of a backtest, as {@code summary.json} holds it. Amounts are in USD rounded to cents,
 * percentages and the Sharpe ratio to 4 decimals, rates to 6; NaN stands for "not defined" (null in
 * the file).
 *
 * <ul>
 *   <li><b>Equity curve</b>: at each status line's event time, {@code initialEquityUsd} plus the
 *       sum over underlyings of the latest {@code realizedUsd + unrealizedUsd} known at that time
 *       (a NaN keeps the previous value). Not the exchange's equity in USD: a coin-margined
 *       account's USD value moves with the coin's price, which is not the strategy's doing.
 *   <li>{@code startTime}, {@code endTime}: the earliest and latest event time in the three files;
 *       null when all are empty.
 *   <li>{@code initialEquityUsd}: the sum over underlyings of each one's first finite {@code
 *       equityUsd}. {@code finalEquityUsd}: the curve's last value. {@code pnlUsd}: their
 *       difference; {@code returnPct}: 100 * pnlUsd / initialEquityUsd.
 *   <li>{@code sharpe}: the curve sampled at the end of each event-time minute (last value known),
 *       simple returns per minute, mean / sample standard deviation * sqrt(525,600): per-minute,
 *       annualized. 0 with fewer than two returns or zero deviation.
 *   <li>{@code maxDrawdownPct}: the largest peak-to-trough fall of the curve, in % of the peak.
 *   <li>{@code trades}: straddles entered, i.e. distinct (underlying, decision sequence) in the
 *       fills' labels with an entry fill ({@code c} or {@code p}). {@code closedTrades}: those with
 *       exit fills ({@code xc}, {@code xp}) whose net position per option, over entry, unwind and
 *       exit fills, is back to zero. {@code hitRate}: the share of closed trades with a positive
 *       P&L, where a straddle's P&L is its option sell proceeds minus buy costs minus fees, in USD.
 *   <li>{@code feesUsd}: the sum of fee * indexPrice over all fills. {@code turnoverUsd}: the sum
 *       of price * amount * indexPrice over option fills plus the amount of perpetual fills. {@code
 *       fills}: their number.
 *   <li>{@code predictions}: the scoring operator's predictions; {@code fallbackRate}: the share of
 *       them that came from the fallback.
 * </ul>
 *
 * @param underlyings per underlying, by name
 */
public record BacktestSummary(
    Instant startTime,
    Instant endTime,
    double initialEquityUsd,
    double finalEquityUsd,
    double pnlUsd,
    double returnPct,
    double sharpe,
    double maxDrawdownPct,
    double hitRate,
    double feesUsd,
    double turnoverUsd,
    int trades,
    int closedTrades,
    long fills,
    long predictions,
    double fallbackRate,
    SortedMap<String, Underlying> underlyings) {

  private static final int USD_DECIMALS = 2;
  private static final int PCT_DECIMALS = 4;
  private static final int RATE_DECIMALS = 6;

  public BacktestSummary {
    underlyings = Collections.unmodifiableSortedMap(new TreeMap<>(underlyings));
  }

  /**
   * One underlying's share: its P&L at its last status line, the fees of its fills, and the
   * straddles it entered and closed.
   */
  public record Underlying(
      double pnlUsd, double feesUsd, long fills, int trades, int closedTrades) {}

  static BacktestSummary of(BacktestOutputs outputs, EquityCurve curve) {
    double initial = outputs.totalInitialEquityUsd();
    boolean initialKnown = initial > 0;
    SortedMap<String, Underlying> underlyings = underlyings(outputs);
    double pnl = 0;
    double fees = 0;
    double turnover = 0;
    long fills = 0;
    for (double underlyingPnl : outputs.finalPnlUsd().values()) {
      pnl += underlyingPnl;
    }
    for (BacktestOutputs.FillTotals totals : outputs.fillTotals().values()) {
      fees += totals.feesUsd();
      turnover += totals.turnoverUsd();
      fills += totals.fills();
    }
    int trades = 0;
    int closed = 0;
    int winners = 0;
    for (Straddles.Straddle straddle : outputs.straddles().entered()) {
      trades++;
      if (straddle.closed()) {
        closed++;
        if (straddle.pnlUsd() > 0) {
          winners++;
        }
      }
    }
    long predictions = 0;
    long fallbacks = 0;
    for (BacktestOutputs.PredictionCount count : outputs.predictionsByMinute().values()) {
      predictions += count.predictions();
      fallbacks += count.fallbacks();
    }
    return new BacktestSummary(
        outputs.isEmpty() ? null : Instant.ofEpochMilli(outputs.firstTimestamp()),
        outputs.isEmpty() ? null : Instant.ofEpochMilli(outputs.lastTimestamp()),
        round(initial, USD_DECIMALS),
        round(initial + pnl, USD_DECIMALS),
        round(pnl, USD_DECIMALS),
        initialKnown ? round(100 * pnl / initial, PCT_DECIMALS) : Double.NaN,
        initialKnown ? round(curve.sharpe(), PCT_DECIMALS) : Double.NaN,
        initialKnown ? round(curve.maxDrawdownPct(), PCT_DECIMALS) : Double.NaN,
        closed == 0 ? Double.NaN : round((double) winners / closed, RATE_DECIMALS),
        round(fees, USD_DECIMALS),
        round(turnover, USD_DECIMALS),
        trades,
        closed,
        fills,
        predictions,
        predictions == 0 ? Double.NaN : round((double) fallbacks / predictions, RATE_DECIMALS),
        underlyings);
  }

  private static SortedMap<String, Underlying> underlyings(BacktestOutputs outputs) {
    SortedMap<String, Double> pnl = outputs.finalPnlUsd();
    SortedMap<String, BacktestOutputs.FillTotals> fills = outputs.fillTotals();
    List<Straddles.Straddle> entered = outputs.straddles().entered();
    SortedSet<String> names = new TreeSet<>(pnl.keySet());
    names.addAll(fills.keySet());
    entered.forEach(straddle -> names.add(straddle.underlying()));
    SortedMap<String, Underlying> underlyings = new TreeMap<>();
    for (String name : names) {
      List<Straddles.Straddle> own =
          entered.stream().filter(straddle -> straddle.underlying().equals(name)).toList();
      BacktestOutputs.FillTotals totals = fills.get(name);
      underlyings.put(
          name,
          new Underlying(
              round(pnl.getOrDefault(name, 0.0), USD_DECIMALS),
              totals == null ? 0 : round(totals.feesUsd(), USD_DECIMALS),
              totals == null ? 0 : totals.fills(),
              own.size(),
              (int) own.stream().filter(Straddles.Straddle::closed).count()));
    }
    return underlyings;
  }

  /** Rounds half-even to a fixed number of decimals, leaving NaN and infinities as they are. */
  static double round(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return value;
    }
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
  }
}
