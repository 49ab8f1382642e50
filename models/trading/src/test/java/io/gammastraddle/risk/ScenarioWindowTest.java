package io.gammastraddle.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioWindowTest {

  @Test
  void aFullWindowReplacesItsOldestScenario() {
    ScenarioWindow window = new ScenarioWindow(3);
    window.add(-0.5, 40);
    window.add(0.01, 1);
    window.add(0.02, 2);
    window.add(0.03, 3);

    assertThat(window.getSize()).isEqualTo(3);
    assertThat(window.capacity()).isEqualTo(3);
    // the crash in slot 0 was overwritten by the fourth scenario
    assertThat(new double[] {window.move(0), window.move(1), window.move(2)})
        .containsExactly(0.03, 0.01, 0.02);
    assertThat(window.volChange(0)).isEqualTo(3);
    assertThat(window.getNext()).isEqualTo(1);
  }

  @Test
  void onlyFilledSlotsCanBeRead() {
    ScenarioWindow window = new ScenarioWindow(3);
    window.add(0.01, 1);

    assertThat(window.getSize()).isEqualTo(1);
    assertThatThrownBy(() -> window.move(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void refusesMovesAtOrBelowMinusOneAndNonFiniteChanges() {
    ScenarioWindow window = new ScenarioWindow(3);

    assertThatThrownBy(() -> window.add(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("move above -1");
    assertThatThrownBy(() -> window.add(0.01, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(window.getSize()).isZero();
  }
}
