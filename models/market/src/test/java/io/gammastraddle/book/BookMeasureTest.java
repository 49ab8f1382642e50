package io.gammastraddle.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class BookMeasureTest {

  @Test
  void defaultsToTheBestFiveLevelsWithinTenPercentOfTheMid() {
    BookMeasure measure = BookMeasure.of(10, 2.5);

    assertThat(measure).isEqualTo(new BookMeasure(10, 5, 0.10, 2.5));
  }

  @Test
  void refusesEmptyLevelsBandsAndAmounts() {
    assertThatIllegalArgumentException().isThrownBy(() -> new BookMeasure(0, 5, 0.1, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> new BookMeasure(10, 0, 0.1, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> new BookMeasure(10, 5, 0, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> new BookMeasure(10, 5, Double.NaN, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> BookMeasure.of(10, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> BookMeasure.of(10, Double.NaN));
  }
}
