package io.gammastraddle.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRegistryTest {

  private static final long NOW = 1_800_000_000_000L;

  @TempDir Path directory;

  @Test
  void recordsEveryCandidateAndKeepsThePromotedOneCurrent() throws Exception {
    FileRegistry registry = new FileRegistry(directory);
    ModelBundle first = Bundles.trained("v1", NOW);
    ModelBundle rejected = Bundles.trained("v2", NOW + 1_000);
    registry.record(first, FileRegistry.Status.PROMOTED, "first model");
    registry.record(rejected, FileRegistry.Status.REJECTED, "R2 0.2 below the current 0.4");

    assertThat(registry.list())
        .containsExactly(
            new FileRegistry.Entry("v1", NOW, FileRegistry.Status.PROMOTED, "first model"),
            new FileRegistry.Entry(
                "v2", NOW + 1_000, FileRegistry.Status.REJECTED, "R2 0.2 below the current 0.4"));
    ModelBundle current = registry.current().orElseThrow();
    assertThat(current.version()).isEqualTo("v1");
    assertThat(current.sizeModel()).isEqualTo(first.sizeModel());
    assertThat(current.referenceRows().get(0).features()[1])
        .as("a missing value survives the round trip")
        .isNaN();
    current.load();
  }

  @Test
  void promotesByHandAndRollsBackToThePreviousCurrent() throws Exception {
    FileRegistry registry = new FileRegistry(directory);
    registry.record(Bundles.trained("v1", NOW), FileRegistry.Status.PROMOTED, "");
    registry.record(Bundles.trained("v2", NOW + 1), FileRegistry.Status.REJECTED, "worse");

    assertThat(registry.promote("v2").version()).isEqualTo("v2");
    assertThat(new FileRegistry(directory).current().orElseThrow().version()).isEqualTo("v2");
    assertThat(registry.rollback().version()).isEqualTo("v1");
    assertThat(registry.current().orElseThrow().version()).isEqualTo("v1");
    assertThatThrownBy(registry::rollback).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesUnknownDuplicateAndUnsafeVersions() throws Exception {
    FileRegistry registry = new FileRegistry(directory);
    ModelBundle bundle = Bundles.trained("v1", NOW);
    registry.record(bundle, FileRegistry.Status.PROMOTED, "");

    assertThat(new FileRegistry(directory.resolve("empty")).current()).isEmpty();
    assertThatThrownBy(() -> registry.record(bundle, FileRegistry.Status.PROMOTED, ""))
        .hasMessageContaining("already recorded");
    assertThatThrownBy(() -> registry.promote("v9")).hasMessageContaining("no bundle v9");
    assertThatThrownBy(() -> registry.promote("../v1")).hasMessageContaining("not a valid");
  }
}
