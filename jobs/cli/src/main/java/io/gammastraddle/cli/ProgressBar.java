package io.gammastraddle.cli;

import io.gammastraddle.training.Trainer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar, redrawn in place with a carriage return: {@code train [######....] 12/18
 * size fold 2/5 0:42}. It writes to stderr so stdout keeps only the results.
 */
final class ProgressBar implements Trainer.Progress {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final long started = System.nanoTime();
  private int lastLength;

  ProgressBar(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  @Override
  public void advanced(int done, int total, String step) {
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    String line =
        String.format(
            Locale.ROOT,
            "%s [%s%s] %d/%d %s %d:%02d",
            label,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            done,
            total,
            step,
            seconds / 60,
            seconds % 60);
    // pad over what a longer previous line left on the screen
    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    out.flush();
    lastLength = line.length();
  }

  /** Leaves the bar as it is and moves to the next line. */
  void finish() {
    if (lastLength > 0) {
      out.println();
      lastLength = 0;
    }
  }
}
