package io.gammastraddle.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FillLabelTest {

  @Test
  void labelGivesUnderlyingDecisionAndLeg() {
    assertThat(FillLabel.parse("gsb-BTC-1732000-xc12"))
        .contains(new FillLabel("BTC", "1732000", "xc"));
  }

  @Test
  void labelsOutsideTheGrammarAreRejected() {
    assertThat(FillLabel.parse("gsb-btc-1-c0")).isEmpty();
    assertThat(FillLabel.parse("gsb-BTC-01-c0")).isEmpty();
    assertThat(FillLabel.parse("gsb-BTC-1-c")).isEmpty();
    assertThat(FillLabel.parse("manual")).isEmpty();
    assertThat(FillLabel.parse(null)).isEmpty();
  }
}
