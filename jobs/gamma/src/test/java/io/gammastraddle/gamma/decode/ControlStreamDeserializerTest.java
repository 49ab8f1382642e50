package io.gammastraddle.gamma.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.gamma.strategy.ControlCommand;
import io.gammastraddle.gamma.strategy.ControlJson;
import io.gammastraddle.gamma.strategy.StrategyInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class ControlStreamDeserializerTest {

  private final ControlStreamDeserializer deserializer = new ControlStreamDeserializer();
  private final List<StrategyInput> out = new ArrayList<>();

  @Test
  void anEntryWithACommandBecomesTheCommand() {
    ControlCommand reset =
        new ControlCommand(
            "BTC", ControlCommand.RESET_KILL_SWITCH, "dashboard", "drawdown reviewed", 1_000L);

    deserialize("1700000000000-0", Map.of("command", ControlJson.write(reset)));

    assertThat(out).containsExactly(StrategyInput.of(reset));
  }

  @Test
  void aBadCommandBecomesADeadLetterNamingTheEntry() {
    deserialize("1700000000000-3", Map.of("command", "{\"underlying\":\"BTC\"}"));

    assertThat(out).hasSize(1);
    var letter = out.get(0).deadLetter();
    assertThat(letter.source()).isEqualTo("redis:gsb:control");
    assertThat(letter.offset()).isEqualTo(1_700_000_000_000L);
    assertThat(letter.reason()).startsWith("entry 1700000000000-3: ");
  }

  @Test
  void anEntryWithoutTheCommandFieldIsADeadLetter() {
    deserialize("5-0", Map.of("cmd", "reset"));

    assertThat(out)
        .singleElement()
        .satisfies(
            input -> {
              assertThat(input.deadLetter().reason())
                  .isEqualTo("entry 5-0: the entry has no field 'command'");
              assertThat(input.deadLetter().payload()).contains("cmd=reset");
            });
  }

  private void deserialize(String id, Map<String, String> fields) {
    deserializer.deserialize(
        ControlStreamDeserializer.STREAM,
        id,
        fields,
        new Collector<>() {
          @Override
          public void collect(StrategyInput record) {
            out.add(record);
          }

          @Override
          public void close() {}
        });
  }
}
