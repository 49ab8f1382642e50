package io.gammastraddle.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Model bundles on disk: every candidate the trainer produced, promoted or not, with the decision
 * and its reason, and which one is current. Layout under the registry directory:
 *
 * <pre>
 * bundles/{version}.json   the bundle
 * entries/{version}.json   its {@link Entry}: created, promoted or rejected, why
 * history                  promoted versions, one per line, the current one last
 * </pre>
 *
 * Every file is written to a temporary name and moved into place atomically, so a reader (or a
 * crash) never sees half a file. One writer at a time (the trainer or the CLI).
 */
public final class FileRegistry {

  /** What happened to a candidate. */
  public enum Status {
    PROMOTED,
    REJECTED
  }

  /** The registry's record of one candidate bundle. */
  public record Entry(String version, long createdAt, Status status, String reason) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path bundles;
  private final Path entries;
  private final Path history;

  public FileRegistry(Path directory) {
    this.bundles = directory.resolve("bundles");
    this.entries = directory.resolve("entries");
    this.history = directory.resolve("history");
    try {
      Files.createDirectories(bundles);
      Files.createDirectories(entries);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the model registry in " + directory, e);
    }
  }

  /** Stores a candidate and the decision about it; a promoted one becomes current. */
  public void record(ModelBundle bundle, Status status, String reason) {
    if (Files.exists(bundlePath(bundle.version()))) {
      throw new IllegalArgumentException("bundle " + bundle.version() + " is already recorded");
    }
    write(bundlePath(bundle.version()), bytes(bundle));
    write(
        entryPath(bundle.version()),
        bytes(new Entry(bundle.version(), bundle.createdAt(), status, reason)));
    if (status == Status.PROMOTED) {
      appendToHistory(bundle.version());
    }
  }

  /** Every recorded candidate, oldest first. */
  public List<Entry> list() {
    try (Stream<Path> files = Files.list(entries)) {
      List<Entry> list = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        list.add(JSON.readValue(file.toFile(), Entry.class));
      }
      list.sort(Comparator.comparingLong(Entry::createdAt).thenComparing(Entry::version));
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the model registry", e);
    }
  }

  /** The current bundle, if any was promoted. */
  public Optional<ModelBundle> current() {
    List<String> versions = history();
    return versions.isEmpty()
        ? Optional.empty()
        : Optional.of(bundle(versions.get(versions.size() - 1)));
  }

  /** A recorded bundle by version. */
  public ModelBundle bundle(String version) {
    Path path = bundlePath(version);
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("no bundle " + version + " in the registry");
    }
    try {
      return JSON.readValue(path.toFile(), ModelBundle.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read bundle " + version, e);
    }
  }

  /** Makes a recorded bundle current (an operator's decision, rejected or not before). */
  public ModelBundle promote(String version) {
    ModelBundle bundle = bundle(version);
    appendToHistory(version);
    return bundle;
  }

  /**
   * Goes back to the bundle that was current before the current one.
   *
   * @throws IllegalStateException when there is no earlier promoted bundle
   */
  public ModelBundle rollback() {
    List<String> versions = history();
    if (versions.size() < 2) {
      throw new IllegalStateException("no earlier promoted bundle to roll back to");
    }
    List<String> kept = versions.subList(0, versions.size() - 1);
    write(history, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
    return bundle(kept.get(kept.size() - 1));
  }

  private List<String> history() {
    try {
      return Files.exists(history)
          ? Files.readAllLines(history).stream().filter(line -> !line.isBlank()).toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the registry's history", e);
    }
  }

  private void appendToHistory(String version) {
    List<String> versions = new ArrayList<>(history());
    versions.add(version);
    write(history, (String.join("\n", versions) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private Path bundlePath(String version) {
    return bundles.resolve(safe(version) + ".json");
  }

  private Path entryPath(String version) {
    return entries.resolve(safe(version) + ".json");
  }

  /** Versions become file names: nothing that could leave the directory. */
  private static String safe(String version) {
    if (!version.matches("[A-Za-z0-9._-]+") || version.startsWith(".")) {
      throw new IllegalArgumentException("not a valid bundle version: " + version);
    }
    return version;
  }

  private static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path path, byte[] content) {
    try {
      Path temporary = Files.createTempFile(path.getParent(), ".writing-", ".tmp");
      Files.write(temporary, content);
      Files.move(
          temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }
}
