package io.gammastraddle.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeatureMemoryTest {

  @Test
  void everyFeatureOfTheSchemaHasAMemory() {
    assertThat(FeatureSchema.NAMES)
        .allSatisfy(name -> assertThat(FeatureSchema.memory(name).isNegative()).isFalse());
    assertThat(FeatureSchema.memory(FeatureSchema.REALIZED_VOL_24H)).isEqualTo(Duration.ofDays(1));
    assertThat(FeatureSchema.memory(FeatureSchema.SPREAD)).isZero();
    assertThatThrownBy(() -> FeatureSchema.memory("colour")).hasMessageContaining("colour");
  }
}
