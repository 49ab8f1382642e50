package io.gammastraddle.backtest;

import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TimeZone;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's PNG charts, {@value #WIDTH}x{@value #HEIGHT} each, with event time in UTC on the x
 * axis. A chart without data is still written, empty and subtitled "no data", since a short
 * recording may have no trades.
 */
final class ReportCharts {

  static final String EQUITY_PNG = "equity.png";
  static final String DRAWDOWN_PNG = "drawdown.png";
  static final String GREEKS_PNG = "greeks.png";
  static final String FALLBACK_PNG = "fallback.png";
  static final int WIDTH = 1000;
  static final int HEIGHT = 400;

  /** Points per series at most; far more than a 1000-pixel-wide chart can show apart. */
  static final int MAX_POINTS = 2000;

  private static final String NO_DATA = "no data";
  private static final String TIME_AXIS = "event time (UTC)";
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  private ReportCharts() {}

  static void write(Path dir, BacktestOutputs outputs, EquityCurve curve, boolean equityKnown)
      throws IOException {
    // charts render off screen; on a server without a display AWT would fail otherwise
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    save(equityChart(curve, equityKnown), dir.resolve(EQUITY_PNG));
    save(drawdownChart(curve), dir.resolve(DRAWDOWN_PNG));
    save(greeksChart(outputs.status()), dir.resolve(GREEKS_PNG));
    save(fallbackChart(outputs.predictionsByMinute()), dir.resolve(FALLBACK_PNG));
  }

  private static JFreeChart equityChart(EquityCurve curve, boolean equityKnown) {
    XYSeriesCollection data = new XYSeriesCollection();
    if (curve.size() > 0) {
      data.addSeries(downsampled("equity", curve.times(), curve.equity()));
    }
    JFreeChart chart = timeChart("Equity: initial equity + P&L", "USD", data);
    if (curve.size() > 0 && !equityKnown) {
      chart.addSubtitle(new TextTitle("the exchange reported no equity: P&L from 0"));
    }
    return chart;
  }

  private static JFreeChart drawdownChart(EquityCurve curve) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries drawdown = downsampled("drawdown", curve.times(), curve.drawdownPct());
    if (drawdown.getItemCount() > 0) {
      data.addSeries(drawdown);
    }
    return timeChart("Drawdown: fall from the equity's peak", "% of peak", data);
  }

  private static JFreeChart greeksChart(List<StatusPoint> status) {
    SortedMap<String, List<StatusPoint>> byUnderlying = new TreeMap<>();
    for (StatusPoint point : status) {
      byUnderlying.computeIfAbsent(point.underlying(), name -> new ArrayList<>()).add(point);
    }
    XYSeriesCollection delta = new XYSeriesCollection();
    XYSeriesCollection vega = new XYSeriesCollection();
    for (Map.Entry<String, List<StatusPoint>> entry : byUnderlying.entrySet()) {
      List<StatusPoint> points = entry.getValue();
      long[] times = points.stream().mapToLong(StatusPoint::timestamp).toArray();
      delta.addSeries(
          downsampled(
              entry.getKey(), times, points.stream().mapToDouble(StatusPoint::delta).toArray()));
      vega.addSeries(
          downsampled(
              entry.getKey(), times, points.stream().mapToDouble(StatusPoint::vega).toArray()));
    }
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(utcAxis());
    plot.setGap(12);
    plot.add(subplot(delta, "delta (coin)"));
    plot.add(subplot(vega, "vega (USD)"));
    JFreeChart chart =
        new JFreeChart("Greeks exposure per underlying", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    ChartUtils.applyCurrentTheme(chart);
    // after the theme, which resets series paints: one underlying keeps one colour in both
    // subplots, and the legend lists it once
    Paint[] palette = DefaultDrawingSupplier.DEFAULT_PAINT_SEQUENCE;
    for (XYPlot subplot : plot.getSubplots()) {
      XYItemRenderer renderer = subplot.getRenderer();
      for (int series = 0; series < subplot.getSeriesCount(); series++) {
        renderer.setSeriesPaint(series, palette[series % palette.length]);
      }
      renderer.setDefaultSeriesVisibleInLegend(subplot == plot.getSubplots().get(0));
    }
    if (byUnderlying.isEmpty()) {
      chart.addSubtitle(new TextTitle(NO_DATA));
    }
    return chart;
  }

  private static XYPlot subplot(XYSeriesCollection data, String axisLabel) {
    NumberAxis axis = new NumberAxis(axisLabel);
    axis.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, null, axis, new XYLineAndShapeRenderer(true, false));
    plot.setNoDataMessage(NO_DATA);
    return plot;
  }

  private static JFreeChart fallbackChart(SortedMap<Long, BacktestOutputs.PredictionCount> counts) {
    long[] minutes = counts.keySet().stream().mapToLong(Long::longValue).toArray();
    double[] rates =
        counts.values().stream()
            .mapToDouble(count -> (double) count.fallbacks() / count.predictions())
            .toArray();
    XYSeriesCollection data = new XYSeriesCollection();
    if (minutes.length > 0) {
      data.addSeries(downsampled("fallback rate", minutes, rates));
    }
    JFreeChart chart =
        timeChart("Fallback rate per minute: predictions not from a model", "share", data);
    chart.getXYPlot().getRangeAxis().setRange(0, 1);
    return chart;
  }

  private static JFreeChart timeChart(String title, String valueLabel, XYSeriesCollection data) {
    JFreeChart chart =
        ChartFactory.createTimeSeriesChart(title, TIME_AXIS, valueLabel, data, false, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setDomainAxis(utcAxis());
    plot.setNoDataMessage(NO_DATA);
    // again, so that the new axis gets the theme's fonts too
    ChartUtils.applyCurrentTheme(chart);
    if (data.getSeriesCount() == 0) {
      chart.addSubtitle(new TextTitle(NO_DATA));
    }
    return chart;
  }

  private static DateAxis utcAxis() {
    return new DateAxis(TIME_AXIS, UTC, Locale.ROOT);
  }

  /**
   * At most {@link #MAX_POINTS} points of a series, chosen the same way every time: the points are
   * cut into equal runs and each run keeps its lowest and highest value, so spikes and troughs
   * (drawdowns) survive. Non-finite values are left out.
   */
  static XYSeries downsampled(String key, long[] times, double[] values) {
    XYSeries series = new XYSeries(key, false, true);
    if (times.length <= MAX_POINTS) {
      for (int i = 0; i < times.length; i++) {
        if (Double.isFinite(values[i])) {
          series.add(times[i], values[i]);
        }
      }
      return series;
    }
    int buckets = MAX_POINTS / 2;
    for (int bucket = 0; bucket < buckets; bucket++) {
      int from = (int) ((long) times.length * bucket / buckets);
      int to = (int) ((long) times.length * (bucket + 1) / buckets);
      int low = -1;
      int high = -1;
      for (int i = from; i < to; i++) {
        if (!Double.isFinite(values[i])) {
          continue;
        }
        if (low < 0 || values[i] < values[low]) {
          low = i;
        }
        if (high < 0 || values[i] > values[high]) {
          high = i;
        }
      }
      if (low >= 0) {
        series.add(times[Math.min(low, high)], values[Math.min(low, high)]);
        if (low != high) {
          series.add(times[Math.max(low, high)], values[Math.max(low, high)]);
        }
      }
    }
    return series;
  }

  private static void save(JFreeChart chart, Path file) throws IOException {
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }
}
