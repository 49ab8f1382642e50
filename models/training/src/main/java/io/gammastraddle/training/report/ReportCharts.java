package io.gammastraddle.training.report;

import io.gammastraddle.training.Target;
import io.gammastraddle.training.Trainer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots, drawn with JFreeChart off screen. */
final class ReportCharts {

  static final int IMPORTANCE_WIDTH = 1000;
  static final int IMPORTANCE_HEIGHT = 900;
  static final int SCATTER_SIZE = 700;
  static final int FOLDS_WIDTH = 900;
  static final int FOLDS_HEIGHT = 700;

  /** One colour per target, the same in every plot (matplotlib's first three). */
  private static final Color[] TARGET_COLOURS = {
    new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44)
  };

  /** More points only blur the scatter and slow the drawing: 100k samples draw every 20th. */
  static final int MAX_SCATTER_POINTS = 5_000;

  static {
    // The trainer runs on servers without a display; AWT must not look for one.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ReportCharts() {}

  /**
   * Each feature's share of the gain, one bar per target, features by their mean share; the line
   * marks the weak-feature threshold.
   */
  static void importance(Map<Target, Trainer.TargetReport> reports, double threshold, Path file)
      throws IOException {
    List<String> features = reports.values().iterator().next().importance().features();
    List<String> ordered =
        features.stream()
            .sorted(Comparator.comparingDouble(feature -> -meanShare(reports, feature)))
            .toList();
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    for (Trainer.TargetReport report : reports.values()) {
      for (String feature : ordered) {
        dataset.addValue(report.importance().share(feature), report.target().key(), feature);
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Feature importance (share of the gain)",
            "feature",
            "share",
            dataset,
            PlotOrientation.HORIZONTAL,
            true,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    style(plot, reports);
    ValueMarker marker = new ValueMarker(threshold, Color.RED, new BasicStroke(1.5f));
    marker.setLabel(String.format(Locale.ROOT, "weak below %.2f", threshold));
    marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
    marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    plot.addRangeMarker(marker);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, IMPORTANCE_WIDTH, IMPORTANCE_HEIGHT);
  }

  private static double meanShare(Map<Target, Trainer.TargetReport> reports, String feature) {
    return reports.values().stream()
        .mapToDouble(report -> report.importance().share(feature))
        .average()
        .orElse(0);
  }

  /** One target's out-of-fold predictions against the realized values, with the diagonal. */
  static void predictedVsRealized(Trainer.TargetReport report, Path file) throws IOException {
    double[] realized = report.realized();
    double[] predicted = report.outOfFold();
    XYSeries points = new XYSeries("out of fold", false, true);
    int step = Math.max(1, (realized.length + MAX_SCATTER_POINTS - 1) / MAX_SCATTER_POINTS);
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < realized.length; i += step) {
      points.add(realized[i], predicted[i]);
      low = Math.min(low, Math.min(realized[i], predicted[i]));
      high = Math.max(high, Math.max(realized[i], predicted[i]));
    }
    JFreeChart chart =
        ChartFactory.createScatterPlot(
            report.target().key() + ": out-of-fold prediction vs realized",
            "realized",
            "predicted",
            new XYSeriesCollection(points));
    chart.addSubtitle(
        new TextTitle(
            String.format(
                Locale.ROOT,
                "R² %.3f, MAE %.5f over %,d samples; the line is a perfect prediction",
                report.outOfFoldR2(),
                report.outOfFoldMae(),
                realized.length)));
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
    Color colour = TARGET_COLOURS[report.target().ordinal()];
    renderer.setSeriesPaint(0, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 90));
    plot.addAnnotation(
        new XYLineAnnotation(low, low, high, high, new BasicStroke(1.5f), Color.DARK_GRAY));
    ChartUtils.saveChartAsPNG(file.toFile(), chart, SCATTER_SIZE, SCATTER_SIZE);
  }

  /** MAE (top) and R² (bottom) of every cross-validation fold, one bar per target. */
  static void folds(Map<Target, Trainer.TargetReport> reports, Path file) throws IOException {
    DefaultCategoryDataset mae = new DefaultCategoryDataset();
    DefaultCategoryDataset r2 = new DefaultCategoryDataset();
    for (Trainer.TargetReport report : reports.values()) {
      for (int fold = 0; fold < report.foldMae().length; fold++) {
        String column = "fold " + (fold + 1);
        mae.addValue(report.foldMae()[fold], report.target().key(), column);
        r2.addValue(report.foldR2()[fold], report.target().key(), column);
      }
    }
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(new CategoryAxis("fold"));
    CategoryPlot maePlot = foldPlot(mae, "MAE", reports);
    plot.add(maePlot, 1);
    plot.add(foldPlot(r2, "R²", reports), 1);
    plot.setFixedLegendItems(maePlot.getLegendItems()); // one entry per target, not per plot
    JFreeChart chart =
        new JFreeChart(
            "Purged cross-validation: MAE and R² per fold",
            JFreeChart.DEFAULT_TITLE_FONT,
            plot,
            true);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, FOLDS_WIDTH, FOLDS_HEIGHT);
  }

  private static CategoryPlot foldPlot(
      DefaultCategoryDataset dataset, String measure, Map<Target, Trainer.TargetReport> reports) {
    CategoryPlot plot = new CategoryPlot(dataset, null, new NumberAxis(measure), new BarRenderer());
    style(plot, reports);
    return plot;
  }

  /** Flat bars in the targets' colours on white. */
  private static void style(CategoryPlot plot, Map<Target, Trainer.TargetReport> reports) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    int series = 0;
    for (Target target : reports.keySet()) {
      renderer.setSeriesPaint(series++, TARGET_COLOURS[target.ordinal()]);
    }
  }
}
