package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.registry.FileRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gsb train} and {@code gsb model} on a samples file, with real LightGBM. */
class TrainCommandTest {

  private static final long T0 = 1_800_000_000_000L;

  @TempDir Path directory;

  private final StringWriter err = new StringWriter();

  private String run(int expectedExit, String... args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandLine commandLine = Gsb.commandLine();
      commandLine.setErr(new PrintWriter(err));
      assertThat(commandLine.execute(args)).as(err.toString()).isEqualTo(expectedExit);
    } finally {
      System.setOut(stdout);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path samplesFile(int count) throws Exception {
    Path file = directory.resolve("samples.jsonl");
    Files.write(file, LearnableSamples.values(count, T0));
    return file;
  }

  @Test
  void trainsRecordsAndManagesBundlesInTheRegistry() throws Exception {
    Path samples = samplesFile(1_200);
    String registry = directory.resolve("registry").toString();

    String first = run(0, "train", "--samples", samples.toString(), "--registry", registry);
    assertThat(first)
        .contains("1,200 samples of schema 2", "take_profit", "promoted:")
        .contains("importance", "no current model to compare with");
    List<FileRegistry.Entry> entries = new FileRegistry(Path.of(registry)).list();
    assertThat(entries)
        .singleElement()
        .extracting(FileRegistry.Entry::status)
        .isEqualTo(FileRegistry.Status.PROMOTED);
    String firstVersion = entries.get(0).version();
    assertThat(Path.of(registry, "reports", firstVersion, "report.json")).isRegularFile();
    assertThat(Path.of(registry, "reports", firstVersion, "importance.png")).isRegularFile();

    Thread.sleep(1_100); // versions are stamped to the second
    String second = run(0, "train", "--samples", samples.toString(), "--registry", registry);
    assertThat(second)
        .contains("rejected: only 0 samples after the current model's training")
        .contains("importance stability 1.000 against the current model");

    String list = run(0, "model", "list", "--registry", registry);
    assertThat(list).contains("* PROMOTED " + firstVersion).contains("REJECTED");
    String secondVersion = new FileRegistry(Path.of(registry)).list().get(1).version();
    assertThat(run(0, "model", "promote", secondVersion, "--registry", registry))
        .contains("current: " + secondVersion);
    assertThat(run(0, "model", "rollback", "--registry", registry))
        .contains("current: " + firstVersion);
    run(Gsb.BAD_USAGE, "model", "retire", "--registry", registry);
    assertThat(err.toString()).contains("model action must be list, promote or rollback");
  }
}
