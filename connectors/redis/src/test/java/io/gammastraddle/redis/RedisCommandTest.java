package io.gammastraddle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisCommandTest {

  @Test
  void hashSetKeepsACopyOfItsFieldsThatNobodyCanChange() {
    Map<String, String> fields = new HashMap<>(Map.of("mid", "100"));
    RedisCommand.HashSet command = new RedisCommand.HashSet("gsb:features:BTC", fields);

    fields.put("mid", "999");

    assertThat(command.fields()).containsExactly(Map.entry("mid", "100"));
    assertThatThrownBy(() -> command.fields().put("spread", "1"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void streamAddKeepsTheOrderOfItsFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("type", "kill_switch");
    fields.put("underlying", "BTC");
    fields.put("ts", "1700000000000");

    RedisCommand.StreamAdd command = new RedisCommand.StreamAdd("gsb:alerts", 1000, fields);

    assertThat(command.fields().keySet()).containsExactly("type", "underlying", "ts");
  }

  @Test
  void aStreamEntryIdMustBeMillisAndSequence() {
    Map<String, String> fields = Map.of("type", "kill_switch");

    assertThat(new RedisCommand.StreamAdd("gsb:alerts", 1000, "1700000000000-3", fields).id())
        .isEqualTo("1700000000000-3");
    assertThat(new RedisCommand.StreamAdd("gsb:alerts", 1000, fields).id()).isNull();
    assertThatThrownBy(() -> new RedisCommand.StreamAdd("gsb:alerts", 1000, "*", fields))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gsb:alerts");
  }

  @Test
  void commandsWithTheSameContentAreEqual() {
    assertThat(new RedisCommand.SetWithTtl("gsb:heartbeat", "1", 30))
        .isEqualTo(new RedisCommand.SetWithTtl("gsb:heartbeat", "1", 30));
  }

  @Test
  void emptyFieldsAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> new RedisCommand.HashSet("gsb:pnl", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gsb:pnl");
  }

  @Test
  void aNullFieldValueIsRefusedNamingTheKeyAndField() {
    Map<String, String> fields = new HashMap<>();
    fields.put("delta", null);

    assertThatThrownBy(() -> new RedisCommand.HashSet("gsb:greeks:portfolio", fields))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gsb:greeks:portfolio")
        .hasMessageContaining("delta");
  }

  @Test
  void aStreamCapAndATtlMustBePositive() {
    assertThatThrownBy(() -> new RedisCommand.StreamAdd("gsb:alerts", 0, Map.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxLen");
    assertThatThrownBy(() -> new RedisCommand.SetWithTtl("gsb:heartbeat", "1", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttlSeconds");
  }

  @Test
  void aNullKeyIsRefused() {
    assertThatThrownBy(() -> new RedisCommand.SetWithTtl(null, "1", 30))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("key");
  }
}
