package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.recording.RecordedFrame;
import io.gammastraddle.recording.RecordingReader;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.simulator.SimulatorServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gsb record} against the simulator over a real WebSocket. */
class RecordCommandIT {

  @TempDir Path out;

  @Test
  void recordsTheBridgesChannelsVerbatimUntilTheDurationEnds() throws Exception {
    try (SimulatorServer simulator =
        new SimulatorServer(
            new SimulatedMarket(5, System.currentTimeMillis()),
            new InetSocketAddress("127.0.0.1", 0),
            1.0)) {
      simulator.start();
      var commandLine = Gsb.commandLine();
      commandLine.setErr(new PrintWriter(new StringWriter()));

      int exit =
          commandLine.execute(
              "record",
              "--url",
              simulator.uri().toString(),
              "--out",
              out.toString(),
              "--duration",
              "2");

      assertThat(exit).isZero();
    }
    List<String> channels = new ArrayList<>();
    try (RecordingReader reader = new RecordingReader(out)) {
      while (reader.hasNext()) {
        RecordedFrame frame = reader.next();
        assertThat(frame.recvTsNanos()).isPositive();
        channels.add(Notifications.subscription(frame.frame()).channel());
      }
    }
    assertThat(channels)
        .contains(
            "book.BTC-PERPETUAL.100ms",
            "trades.ETH-PERPETUAL.100ms",
            "deribit_price_index.btc_usd",
            "deribit_price_index.eth_usd")
        .anyMatch(channel -> channel.startsWith("ticker.BTC-") && channel.endsWith("-C.100ms"));
  }
}
