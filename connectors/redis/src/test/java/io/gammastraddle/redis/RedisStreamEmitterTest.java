package io.gammastraddle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

class RedisStreamEmitterTest {

  private final RecordingOutput output = new RecordingOutput();
  private final RedisStreamSplitState split =
      new RedisStreamSplitState(new RedisStreamSplit("gsb:control", "1000-0"));

  @Test
  void eachEntryIsEmittedWithItsTimeAndMovesThePositionPastIt() throws Exception {
    RedisStreamEmitter<String> emitter = new RedisStreamEmitter<>(new KeyAndCommand());

    emitter.emitRecord(entry("1714000000123-0", Map.of("command", "reset")), output, split);
    emitter.emitRecord(entry("1714000000123-1", Map.of("other", "x")), output, split);

    assertThat(output.values)
        .containsExactly(
            "gsb:control reset@1714000000123",
            "gsb:control dead-letter 1714000000123-1@1714000000123");
    assertThat(split.toSplit()).isEqualTo(new RedisStreamSplit("gsb:control", "1714000000123-1"));
  }

  @Test
  void aFailingDeserializerFailsNamingTheEntryAndKeepsThePosition() {
    RedisStreamEmitter<String> emitter = new RedisStreamEmitter<>(new Throwing());

    assertThatThrownBy(
            () ->
                emitter.emitRecord(
                    entry("2000-5", Map.of("command", "secret-looking")), output, split))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(
            "The deserializer failed on entry 2000-5 of Redis stream gsb:control")
        .hasMessageNotContaining("secret-looking")
        .hasRootCauseMessage("no");
    assertThat(split.toSplit().lastDeliveredId()).isEqualTo("1000-0");
  }

  private static StreamEntry entry(String id, Map<String, String> fields) {
    return new StreamEntry(new StreamEntryID(id), fields);
  }

  private static final class Throwing implements RedisStreamDeserializer<String> {
    @Override
    public void deserialize(
        String streamKey, String entryId, Map<String, String> fields, Collector<String> out) {
      throw new IllegalStateException("no");
    }

    @Override
    public TypeInformation<String> getProducedType() {
      return Types.STRING;
    }
  }

  /** Keeps "value@timestamp" of every value collected. */
  private static final class RecordingOutput implements SourceOutput<String> {

    final List<String> values = new ArrayList<>();

    @Override
    public void collect(String value) {
      values.add(value + "@none");
    }

    @Override
    public void collect(String value, long timestamp) {
      values.add(value + "@" + timestamp);
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  }
}
