package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubmitCommandTest {

  private static final Path JAR = Path.of("/opt/gsb/gamma-straddle-job.jar");

  @Test
  void aSubmissionIsFlinkRunDetachedOfTheJarWithTheJobsSettingsAfterIt() {
    SubmitCommand submit =
        parse("--config", "/etc/job.yaml", "--set", "trading.enabled=true", "--set", "a.b=c");
    assertThat(submit.flinkArguments(JAR))
        .containsExactly(
            "run",
            "--detached",
            JAR.toString(),
            "--config",
            "/etc/job.yaml",
            "--set",
            "trading.enabled=true",
            "--set",
            "a.b=c");
  }

  @Test
  void anUpgradeRestoresFromTheSavepointAtTheGivenParallelism() {
    SubmitCommand submit =
        parse("-s", "file:/sp/savepoint-1", "--allow-non-restored-state", "--parallelism", "4");
    assertThat(submit.flinkArguments(JAR))
        .containsExactly(
            "run",
            "--detached",
            "--parallelism",
            "4",
            "--fromSavepoint",
            "file:/sp/savepoint-1",
            "--allowNonRestoredState",
            JAR.toString());
  }

  @Test
  void skippingUnclaimedStateWithoutASavepointIsAMistake() {
    assertThatThrownBy(() -> parse("--allow-non-restored-state").flinkArguments(JAR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--from-savepoint");
  }

  private static SubmitCommand parse(String... arguments) {
    SubmitCommand submit = new SubmitCommand();
    new CommandLine(submit).parseArgs(arguments);
    return submit;
  }
}
