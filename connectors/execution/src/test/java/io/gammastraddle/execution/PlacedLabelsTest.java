package io.gammastraddle.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The labels a writer remembers, and their checkpoint format. */
class PlacedLabelsTest {

  private final PlacedLabelsSerializer serializer = new PlacedLabelsSerializer();

  @Test
  void stateSurvivesTheRoundTripInOrder() throws IOException {
    PlacedLabels state =
        new PlacedLabels(List.of("gsb-BTC-1042-c0", "gsb-ETH-7-uc2", "gsb-BTC-1-p0"));

    PlacedLabels copy =
        serializer.deserialize(serializer.getVersion(), serializer.serialize(state));

    assertThat(copy).isEqualTo(state);
    assertThat(
            serializer.deserialize(1, serializer.serialize(new PlacedLabels(List.of()))).labels())
        .isEmpty();
  }

  @Test
  void versionOneIsTheCountThenEachLabelInModifiedUtf8() throws IOException {
    byte[] bytes = serializer.serialize(new PlacedLabels(List.of("a", "bc")));

    assertThat(serializer.getVersion()).isEqualTo(1);
    // int 2, then each label as a 2-byte length and its bytes
    assertThat(bytes).containsExactly(0, 0, 0, 2, 0, 1, 'a', 0, 2, 'b', 'c');
  }

  @Test
  void unknownVersionsAndCorruptBytesAreRefused() throws IOException {
    byte[] bytes = serializer.serialize(new PlacedLabels(List.of("a")));

    assertThatThrownBy(() -> serializer.deserialize(2, bytes))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown PlacedLabels version 2");
    assertThatThrownBy(() -> serializer.deserialize(1, new byte[] {0, 0, 0, 1, 0, 1, 'a', 'x'}))
        .hasMessageContaining("1 bytes after the labels");
    assertThatThrownBy(() -> serializer.deserialize(1, new byte[] {-1, -1, -1, -1}))
        .hasMessageContaining("-1 labels");
  }

  @Test
  void memoryRefusesALabelTwiceAndForgetsTheOldestBeyondItsCapacity() {
    LabelMemory memory = new LabelMemory(2, List.of());

    assertThat(memory.add("a")).isTrue();
    assertThat(memory.add("a")).isFalse();
    memory.add("b");
    memory.add("c");

    assertThat(memory.contains("a")).isFalse();
    assertThat(memory.snapshot().labels()).containsExactly("b", "c");
  }

  @Test
  void memoryRestoresEveryStateItTakesOverWithinItsCapacity() {
    LabelMemory memory =
        new LabelMemory(
            3, List.of(new PlacedLabels(List.of("a", "b")), new PlacedLabels(List.of("c", "d"))));

    assertThat(memory.snapshot().labels()).containsExactly("b", "c", "d");
  }
}
