package io.gammastraddle.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.deribit.chain.ChainSelection;
import io.gammastraddle.deribit.chain.MarketChannels;
import io.gammastraddle.recording.RecordingWriter;
import io.gammastraddle.simulator.Notification;
import io.gammastraddle.simulator.SimulatedMarket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A generated simulation written as a recording: the simulator's seeded market (BTC and ETH)
 * stepped in simulated time, keeping the channels the bridge would follow ({@link MarketChannels}
 * with {@link ChainSelection#defaults()} at the start), each book's snapshot first. The same seed,
 * start and length give the same recording, file name included.
 */
public final class SimulatedRecording {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INTERVAL = "100ms";
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private SimulatedRecording() {}

  /**
   * Writes {@code length} of the market seeded with {@code seed} from {@code start} into {@code
   * directory}.
   *
   * @return the number of frames written
   */
  public static long write(Path directory, long seed, Instant start, Duration length)
      throws IOException {
    SimulatedMarket market = new SimulatedMarket(seed, start.toEpochMilli());
    Set<String> followed = new HashSet<>();
    List<String> books = new ArrayList<>();
    for (String currency : market.currencies()) {
      List<JsonNode> instruments = new ArrayList<>();
      for (String definition : market.instrumentDefinitions(currency, null)) {
        instruments.add(JSON.readTree(definition));
      }
      List<String> channels =
          MarketChannels.wanted(
              currency,
              instruments,
              OptionalDouble.of(market.view().indexPrice(currency)),
              ChainSelection.defaults(),
              INTERVAL,
              start);
      followed.addAll(channels);
      channels.stream().filter(channel -> channel.startsWith("book.")).forEach(books::add);
    }
    long end = start.toEpochMilli() + length.toMillis();
    Clock named = Clock.fixed(start, ZoneOffset.UTC);
    try (RecordingWriter writer =
        new RecordingWriter(
            directory, "simulation-" + seed, RecordingWriter.DEFAULT_ROTATE_BYTES, named)) {
      for (String book : books) {
        String instrument = book.substring("book.".length(), book.lastIndexOf('.'));
        writer.write(market.nowMillis() * NANOS_PER_MILLI, market.bookSnapshot(instrument));
      }
      while (market.nowMillis() < end) {
        for (Notification notification : market.stepNotifications()) {
          if (followed.contains(notification.channel())) {
            writer.write(market.nowMillis() * NANOS_PER_MILLI, notification.frame());
          }
        }
      }
      return writer.linesWritten();
    }
  }
}
