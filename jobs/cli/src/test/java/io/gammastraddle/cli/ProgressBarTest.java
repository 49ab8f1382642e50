package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void redrawsOneLineInPlaceAndCoversWhatALongerLineLeft() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar =
        new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "train");

    bar.advanced(3, 6, "size a long step name");
    bar.advanced(6, 6, "done");
    bar.finish();

    String[] draws = bytes.toString(StandardCharsets.UTF_8).split("\r");
    assertThat(draws[1]).startsWith("train [" + "#".repeat(15) + ".".repeat(15) + "] 3/6 size");
    assertThat(draws[2]).startsWith("train [" + "#".repeat(30) + "] 6/6 done 0:00");
    assertThat(draws[2].stripTrailing()).hasSizeLessThan(draws[2].length() - 1);
    assertThat(draws[2].length()).isEqualTo(draws[1].length() + 1);
    assertThat(draws[2]).endsWith("\n");
  }
}
