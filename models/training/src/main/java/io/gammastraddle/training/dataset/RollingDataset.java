package io.gammastraddle.training.dataset;

import io.gammastraddle.training.data.SampleReader;
import io.gammastraddle.training.data.TrainingSample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The trainer's samples on disk, a rolling window by entry time: one JSON-lines file of {@code
 * gsb.samples} values per UTC hour of entry time ({@code 2027011512.jsonl}), a sample kept once per
 * (underlying, entry time) whatever the replays, hours older than the window deleted.
 *
 * <p>{@link #add} takes a value into memory; {@link #sync} appends what was added to the files and
 * forces it to disk, after which the caller may commit its Kafka offsets. A crash between the two
 * loses nothing: the uncommitted values come again and the ones already on disk are recognized as
 * duplicates. A line torn by a crash is cut off when the dataset is opened. One writer at a time.
 */
public final class RollingDataset {

  /** What became of a value given to {@link #add}. */
  public enum Added {
    ADDED,
    /** A sample with the same underlying and entry time is already in the dataset. */
    DUPLICATE,
    /** Made with another feature schema: the models cannot learn from it. */
    OTHER_SCHEMA,
    /** Entered before the window: it would be deleted at once. */
    OUTSIDE_WINDOW
  }

  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final String SUFFIX = ".jsonl";
  private static final DateTimeFormatter HOUR_NAME =
      DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

  private final Path directory;
  private final SampleReader reader;
  private final int schemaVersion;
  private final List<String> featureNames;
  private final long window;

  /** The keys (underlying@entry) of the samples of each hour, on disk or pending. */
  private final Map<Long, Set<String>> keysByHour = new TreeMap<>();

  /** Values added since the last sync, by hour. */
  private final Map<Long, StringBuilder> pending = new TreeMap<>();

  private RollingDataset(
      Path directory, int schemaVersion, List<String> featureNames, Duration window) {
    this.directory = directory;
    this.schemaVersion = schemaVersion;
    this.featureNames = List.copyOf(featureNames);
    this.reader = new SampleReader(schemaVersion, featureNames);
    this.window = window.toMillis();
  }

  /**
   * Opens (or creates) the dataset in {@code directory}, deleting the hours before the window and
   * cutting off a line a crash left unfinished.
   */
  public static RollingDataset open(
      Path directory, int schemaVersion, List<String> featureNames, Duration window, long now) {
    RollingDataset dataset = new RollingDataset(directory, schemaVersion, featureNames, window);
    try {
      Files.createDirectories(directory);
      dataset.prune(now);
      for (Map.Entry<Long, Path> hour : dataset.hourFiles().entrySet()) {
        cutTornLine(hour.getValue());
        Set<String> keys = dataset.keysByHour.computeIfAbsent(hour.getKey(), h -> new HashSet<>());
        for (String line : Files.readAllLines(hour.getValue(), StandardCharsets.UTF_8)) {
          dataset.readQuietly(line).ifPresent(sample -> keys.add(key(sample)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the sample dataset in " + directory, e);
    }
    return dataset;
  }

  /**
   * Takes one {@code gsb.samples} value (kept in memory until {@link #sync}).
   *
   * @throws IllegalArgumentException when the value is not a valid sample (nothing is kept)
   */
  public Added add(String value, long now) {
    Optional<TrainingSample> parsed = reader.parse(value);
    if (parsed.isEmpty()) {
      return Added.OTHER_SCHEMA;
    }
    TrainingSample sample = parsed.get();
    if (sample.entryTime() < now - window) {
      return Added.OUTSIDE_WINDOW;
    }
    long hour = Math.floorDiv(sample.entryTime(), HOUR);
    if (!keysByHour.computeIfAbsent(hour, h -> new HashSet<>()).add(key(sample))) {
      return Added.DUPLICATE;
    }
    pending.computeIfAbsent(hour, h -> new StringBuilder()).append(oneLine(value)).append('\n');
    return Added.ADDED;
  }

  /** Appends the values added since the last sync to their files and forces them to disk. */
  public void sync() {
    try {
      for (Map.Entry<Long, StringBuilder> hour : pending.entrySet()) {
        try (FileChannel file =
            FileChannel.open(
                file(hour.getKey()),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
          ByteBuffer bytes =
              ByteBuffer.wrap(hour.getValue().toString().getBytes(StandardCharsets.UTF_8));
          while (bytes.hasRemaining()) {
            file.write(bytes);
          }
          file.force(true);
        }
      }
      pending.clear();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the sample dataset in " + directory, e);
    }
  }

  /**
   * Deletes the hours that ended before the window ({@code now} minus the window).
   *
   * @return how many hour files were deleted
   */
  public int prune(long now) {
    long firstHour = Math.floorDiv(now - window, HOUR);
    keysByHour.keySet().removeIf(hour -> hour < firstHour);
    pending.keySet().removeIf(hour -> hour < firstHour);
    int deleted = 0;
    try {
      for (Map.Entry<Long, Path> hour : hourFiles().entrySet()) {
        if (hour.getKey() < firstHour) {
          Files.delete(hour.getValue());
          deleted++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prune the sample dataset in " + directory, e);
    }
    return deleted;
  }

  /** Distinct samples held, on disk or pending. */
  public int size() {
    return keysByHour.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * The synced samples that entered within the window before {@code now}, in entry-time order,
   * lines that do not read as samples of the schema skipped.
   */
  public List<TrainingSample> samples(long now) {
    SampleReader all = new SampleReader(schemaVersion, featureNames);
    try {
      for (Path file : hourFiles().values()) {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            try {
              all.accept(line);
            } catch (IllegalArgumentException malformed) {
              // only add() writes here and it checks every value: a line cut short by a crash
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the sample dataset in " + directory, e);
    }
    List<TrainingSample> samples = new ArrayList<>();
    for (TrainingSample sample : all.samples()) {
      if (sample.entryTime() >= now - window) {
        samples.add(sample);
      }
    }
    return samples;
  }

  private Optional<TrainingSample> readQuietly(String line) {
    try {
      return line.isBlank() ? Optional.empty() : reader.parse(line);
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private static String key(TrainingSample sample) {
    return sample.underlying() + "@" + sample.entryTime();
  }

  /** A value on one line: JSON allows line breaks only as whitespace between tokens. */
  private static String oneLine(String value) {
    return value.replace('\n', ' ').replace('\r', ' ');
  }

  private Path file(long hour) {
    return directory.resolve(HOUR_NAME.format(Instant.ofEpochMilli(hour * HOUR)) + SUFFIX);
  }

  /** The hour files by hour (epoch hours), oldest first; other files are left alone. */
  private Map<Long, Path> hourFiles() throws IOException {
    Map<Long, Path> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(directory)) {
      for (Path file : list.toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX)) {
          continue;
        }
        try {
          Instant start =
              HOUR_NAME.parse(name.substring(0, name.length() - SUFFIX.length()), Instant::from);
          files.put(start.toEpochMilli() / HOUR, file);
        } catch (DateTimeParseException notAnHour) {
          // someone else's file: not part of the dataset
        }
      }
    }
    return files;
  }

  /** Cuts a file back to its last complete line: a crash may have left half of one. */
  private static void cutTornLine(Path file) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      long size = channel.size();
      long end = size;
      ByteBuffer one = ByteBuffer.allocate(1);
      while (end > 0) {
        one.clear();
        channel.read(one, end - 1);
        if (one.get(0) == '\n') {
          break;
        }
        end--;
      }
      if (end < size) {
        channel.truncate(end);
        channel.force(true);
      }
    }
  }
}
