package io.gammastraddle.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {

  @TempDir Path dir;

  @Test
  void recordsEachNotificationWithItsReceiveTime() throws IOException {
    try (Recorder recorder = new Recorder(new RecordingWriter(dir, "deribit"))) {
      recorder.onNotification("{\"n\":1}", 10);
      recorder.onNotification("{\"n\":2}", 20);
      assertThat(recorder.framesRecorded()).isEqualTo(2);
      recorder.close();
      assertThat(recorder.stopped()).isCompleted();
    }

    List<RecordedFrame> frames = new ArrayList<>();
    try (RecordingReader reader = new RecordingReader(dir)) {
      reader.forEachRemaining(frames::add);
    }
    assertThat(frames)
        .containsExactly(new RecordedFrame(10, "{\"n\":1}"), new RecordedFrame(20, "{\"n\":2}"));
  }

  @Test
  void stopsAndReportsTheFailureWhenAFrameCannotBeWritten() throws IOException {
    RecordingWriter writer = new RecordingWriter(dir, "deribit");
    try (Recorder recorder = new Recorder(writer)) {
      recorder.onNotification("{\"n\":1}", 10);
      writer.close(); // as a failing disk would: every later write throws

      recorder.onNotification("{\"n\":2}", 20);
      recorder.onNotification("{\"n\":3}", 30);

      assertThat(recorder.stopped())
          .failsWithin(Duration.ZERO)
          .withThrowableThat()
          .withCauseInstanceOf(IOException.class)
          .withMessageContaining("closed");
      assertThat(recorder.framesRecorded()).isEqualTo(1);
    }
  }
}
