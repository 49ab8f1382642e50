package io.gammastraddle.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlReportTest {

  @Test
  void escapeNeutralizesMarkupAndQuotes() {
    assertThat(HtmlReport.escape("<img src=x onerror='a()'>&\""))
        .isEqualTo("&lt;img src=x onerror=&#39;a()&#39;&gt;&amp;&quot;");
    assertThat(HtmlReport.escape(null)).isEmpty();
  }
}
