package io.gammastraddle.gamma.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ControlJsonTest {

  @Test
  void aCommandReadsBackAsWritten() {
    ControlCommand reset =
        new ControlCommand(
            "BTC", ControlCommand.RESET_KILL_SWITCH, "alice", "limits checked", 1_700_000_000_000L);

    assertThat(ControlJson.read(ControlJson.write(reset))).isEqualTo(reset);
  }

  @Test
  void refusesWhatIsNotACommandNamingWhy() {
    assertThatThrownBy(() -> ControlJson.read("not json")).hasMessageStartingWith("not JSON");
    assertThatThrownBy(() -> ControlJson.read("[]")).hasMessageContaining("JSON object");
    assertThatThrownBy(
            () ->
                ControlJson.read(
                    "{\"command\":\"liquidate\",\"underlying\":\"BTC\",\"operator\":\"a\","
                        + "\"why\":\"b\",\"ts\":1}"))
        .hasMessageContaining("unknown control command 'liquidate'");
    assertThatThrownBy(
            () ->
                ControlJson.read(
                    "{\"command\":\"reset-kill-switch\",\"underlying\":\"BTC\",\"why\":\"b\","
                        + "\"ts\":1}"))
        .hasMessageContaining("operator");
    assertThatThrownBy(
            () ->
                ControlJson.read(
                    "{\"command\":\"reset-kill-switch\",\"underlying\":\"BTC\",\"operator\":\"a\","
                        + "\"why\":\"b\"}"))
        .hasMessageContaining("\"ts\"");
  }
}
