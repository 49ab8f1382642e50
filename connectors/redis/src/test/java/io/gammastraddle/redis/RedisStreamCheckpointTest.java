package io.gammastraddle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisStreamCheckpointTest {

  private final RedisStreamSplitSerializer splits = new RedisStreamSplitSerializer();
  private final RedisStreamEnumeratorStateSerializer states =
      new RedisStreamEnumeratorStateSerializer();

  @Test
  void aSplitKeepsItsStreamAndPosition() throws IOException {
    RedisStreamSplit split = new RedisStreamSplit("gsb:control", "1714000000123-7");

    RedisStreamSplit restored = splits.deserialize(splits.getVersion(), splits.serialize(split));

    assertThat(restored).isEqualTo(split);
    assertThat(restored.splitId()).isEqualTo("gsb:control");
  }

  @Test
  void anEnumeratorStateKeepsItsUnassignedSplitsAndUnresolvedKeys() throws IOException {
    RedisStreamEnumeratorState state =
        new RedisStreamEnumeratorState(
            List.of(
                new RedisStreamSplit("gsb:control", "0-0"),
                new RedisStreamSplit("gsb:other", "1714000000999-3")),
            List.of("gsb:late"));

    assertThat(states.deserialize(states.getVersion(), states.serialize(state))).isEqualTo(state);
    RedisStreamEnumeratorState firstStart =
        RedisStreamEnumeratorState.firstStart(List.of("gsb:control"));
    assertThat(states.deserialize(states.getVersion(), states.serialize(firstStart)))
        .isEqualTo(firstStart);
  }

  @Test
  void unknownVersionsAreRefused() throws IOException {
    byte[] split = splits.serialize(new RedisStreamSplit("gsb:control", "1-0"));
    byte[] state = states.serialize(RedisStreamEnumeratorState.firstStart(List.of("gsb:control")));

    assertThatThrownBy(() -> splits.deserialize(2, split))
        .isInstanceOf(IOException.class)
        .hasMessage("Unknown version 2 of a Redis stream split");
    assertThatThrownBy(() -> states.deserialize(2, state))
        .isInstanceOf(IOException.class)
        .hasMessage("Unknown version 2 of a Redis stream source's enumerator state");
  }

  @Test
  void aSplitPositionMustBeAnEntryId() {
    assertThatThrownBy(() -> new RedisStreamSplit("gsb:control", "$"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lastDeliveredId of stream gsb:control must be millis-sequence, got $");
  }
}
