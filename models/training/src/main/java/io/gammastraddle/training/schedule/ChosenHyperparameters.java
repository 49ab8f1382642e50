package io.gammastraddle.training.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.training.fit.Hyperparameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The hyperparameters the trainer refits with, kept in {@code {registry}/hyperparameters.json} so a
 * restarted trainer goes on with them and knows when the next search is due.
 *
 * @param chosenAt when a search chose them, or when the trainer first took the initial ones (the
 *     defaults), epoch ms
 * @param trials the trials of the search that chose them; 0 for the initial ones
 * @param bestLoss that search's best loss (MAE relative to the fallback's); null without a search
 */
public record ChosenHyperparameters(
    Hyperparameters hyperparameters, long chosenAt, int trials, Double bestLoss) {

  /** The file's name in the registry directory. */
  public static final String FILE = "hyperparameters.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Hyperparameters taken at {@code now} without a search (the design's defaults, usually). */
  public static ChosenHyperparameters initial(Hyperparameters hyperparameters, long now) {
    return new ChosenHyperparameters(hyperparameters, now, 0, null);
  }

  public static Optional<ChosenHyperparameters> load(Path registryDirectory) {
    Path file = registryDirectory.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), ChosenHyperparameters.class));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the chosen hyperparameters in " + file, e);
    }
  }

  /** Writes the file atomically, so a crash leaves the old choice or the new one. */
  public void save(Path registryDirectory) {
    try {
      Files.createDirectories(registryDirectory);
      Path temporary = Files.createTempFile(registryDirectory, ".writing-", ".tmp");
      JSON.writeValue(temporary.toFile(), this);
      Files.move(
          temporary,
          registryDirectory.resolve(FILE),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the chosen hyperparameters", e);
    }
  }
}
