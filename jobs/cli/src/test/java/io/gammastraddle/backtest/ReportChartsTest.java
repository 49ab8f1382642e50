package io.gammastraddle.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

class ReportChartsTest {

  @Test
  void longSeriesKeepAtMostTheLimitAndTheirExtremes() {
    int n = 100_000;
    long[] times = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = i * 500L;
      values[i] = Math.sin(i / 1000.0);
    }
    values[54_321] = -7;
    values[77_777] = 9;

    XYSeries series = ReportCharts.downsampled("equity", times, values);

    assertThat(series.getItemCount())
        .isLessThanOrEqualTo(ReportCharts.MAX_POINTS)
        .isGreaterThan(1000);
    assertThat(series.getMinY()).isEqualTo(-7);
    assertThat(series.getMaxY()).isEqualTo(9);
    assertThat(series.getX(0)).isEqualTo(0.0);
    for (int i = 1; i < series.getItemCount(); i++) {
      assertThat(series.getX(i).doubleValue()).isGreaterThan(series.getX(i - 1).doubleValue());
    }
    assertThat(ReportCharts.downsampled("equity", times, values).getItems())
        .isEqualTo(series.getItems());
  }

  @Test
  void shortSeriesAreKeptWholeWithoutUnknownValues() {
    XYSeries series =
        ReportCharts.downsampled(
            "delta", new long[] {1, 2, 3}, new double[] {0.1, Double.NaN, 0.3});

    assertThat(series.getItemCount()).isEqualTo(2);
    assertThat(series.getY(1)).isEqualTo(0.3);
  }
}
