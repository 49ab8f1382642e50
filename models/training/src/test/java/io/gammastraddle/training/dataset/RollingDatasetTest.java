package io.gammastraddle.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gammastraddle.training.data.TrainingSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingDatasetTest {

  private static final long HOUR = 3_600_000;

  /** 2027-01-15T08:00:00Z, the start of an hour. */
  private static final long T0 = 1_800_000_000_000L / HOUR * HOUR;

  private static final List<String> NAMES = List.of("a", "b");
  private static final Duration WINDOW = Duration.ofHours(48);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private RollingDataset open(long now) {
    return RollingDataset.open(directory, 2, NAMES, WINDOW, now);
  }

  /** A gsb.samples value as the job writes it (docs/ml.md). */
  private static String sample(String underlying, long entry, int schema, double favourable) {
    ObjectNode json = JSON.createObjectNode();
    json.put("underlying", underlying);
    json.put("entry_ts", entry);
    json.put("end_ts", entry + 6 * HOUR);
    json.put("call", "C");
    json.put("put", "P");
    json.put("schema_version", schema);
    json.putObject("features").put("a", 1.5).putNull("b");
    json.put("premium_usd", 1000.0);
    json.put("max_favourable", favourable);
    json.put("max_adverse", 0.1);
    json.put("hedged_pnl", 0.05);
    json.put("marks", 10);
    return json.toString();
  }

  private List<String> files() throws Exception {
    try (Stream<Path> list = Files.list(directory)) {
      return list.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void appendsSamplesToAFilePerHourOfEntryTimeAndReadsThemInEntryOrder() throws Exception {
    RollingDataset dataset = open(T0 + 3 * HOUR);

    assertThat(dataset.add(sample("ETH", T0 + HOUR + 60_000, 2, 0.3), T0 + 3 * HOUR))
        .isEqualTo(RollingDataset.Added.ADDED);
    assertThat(dataset.add(sample("BTC", T0 + 60_000, 2, 0.2), T0 + 3 * HOUR))
        .isEqualTo(RollingDataset.Added.ADDED);
    assertThat(dataset.add(sample("BTC", T0 + HOUR, 2, 0.4), T0 + 3 * HOUR))
        .isEqualTo(RollingDataset.Added.ADDED);
    assertThat(dataset.samples(T0 + 3 * HOUR)).as("nothing before sync").isEmpty();

    dataset.sync();

    assertThat(files()).containsExactly("2027011508.jsonl", "2027011509.jsonl");
    List<TrainingSample> samples = dataset.samples(T0 + 3 * HOUR);
    assertThat(samples)
        .extracting(TrainingSample::entryTime)
        .containsExactly(T0 + 60_000, T0 + HOUR, T0 + HOUR + 60_000);
    assertThat(samples.get(0).features()[0]).isEqualTo(1.5);
    assertThat(samples.get(0).features()[1]).isNaN();
    assertThat(dataset.size()).isEqualTo(3);
  }

  @Test
  void keepsASampleOnceWhateverTheReplaysAcrossRestarts() throws Exception {
    RollingDataset dataset = open(T0);
    dataset.add(sample("BTC", T0, 2, 0.2), T0);
    assertThat(dataset.add(sample("BTC", T0, 2, 0.2), T0))
        .isEqualTo(RollingDataset.Added.DUPLICATE);
    assertThat(dataset.add(sample("ETH", T0, 2, 0.2), T0)).isEqualTo(RollingDataset.Added.ADDED);
    dataset.sync();

    RollingDataset restarted = open(T0);

    assertThat(restarted.size()).isEqualTo(2);
    assertThat(restarted.add(sample("BTC", T0, 2, 0.25), T0))
        .isEqualTo(RollingDataset.Added.DUPLICATE);
    restarted.sync();
    assertThat(restarted.samples(T0)).hasSize(2);
    assertThat(Files.readAllLines(directory.resolve("2027011508.jsonl"))).hasSize(2);
  }

  @Test
  void skipsOtherSchemasAndRefusesMalformedValuesWithoutKeepingThem() {
    RollingDataset dataset = open(T0);

    assertThat(dataset.add(sample("BTC", T0, 1, 0.2), T0))
        .isEqualTo(RollingDataset.Added.OTHER_SCHEMA);
    assertThatThrownBy(() -> dataset.add("{\"underlying\":", T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> dataset.add(sample("BTC", T0, 2, 0.2).replace("\"a\"", "\"z\""), T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no feature a");
    dataset.sync();

    assertThat(dataset.size()).isZero();
    assertThat(dataset.samples(T0)).isEmpty();
  }

  @Test
  void deletesTheHoursThatLeftTheWindowAndRefusesSamplesOlderThanIt() throws Exception {
    RollingDataset dataset = open(T0 + HOUR);
    dataset.add(sample("BTC", T0 + 60_000, 2, 0.2), T0 + HOUR);
    dataset.add(sample("BTC", T0 + HOUR + 60_000, 2, 0.2), T0 + HOUR);
    dataset.sync();
    long later = T0 + HOUR + WINDOW.toMillis();

    assertThat(dataset.samples(later))
        .extracting(TrainingSample::entryTime)
        .containsExactly(T0 + HOUR + 60_000);
    assertThat(dataset.prune(later)).isEqualTo(1);

    assertThat(files()).containsExactly("2027011509.jsonl");
    assertThat(dataset.size()).isEqualTo(1);
    assertThat(dataset.add(sample("ETH", T0 + 60_000, 2, 0.2), later))
        .isEqualTo(RollingDataset.Added.OUTSIDE_WINDOW);
    assertThat(open(later + WINDOW.toMillis()).size()).as("pruned at open").isZero();
    assertThat(files()).isEmpty();
  }

  @Test
  void cutsALineACrashLeftUnfinishedAndGoesOnAfterIt() throws Exception {
    RollingDataset dataset = open(T0);
    dataset.add(sample("BTC", T0, 2, 0.2), T0);
    dataset.sync();
    String torn = sample("ETH", T0 + 1_000, 2, 0.2);
    Files.writeString(
        directory.resolve("2027011508.jsonl"),
        torn.substring(0, torn.length() / 2),
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    RollingDataset restarted = open(T0);
    assertThat(restarted.add(torn, T0)).isEqualTo(RollingDataset.Added.ADDED);
    restarted.sync();

    assertThat(restarted.samples(T0))
        .extracting(TrainingSample::underlying)
        .containsExactly("BTC", "ETH");
    assertThat(Files.readAllLines(directory.resolve("2027011508.jsonl"))).hasSize(2);
  }
}
