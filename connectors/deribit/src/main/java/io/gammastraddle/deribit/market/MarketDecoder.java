package io.gammastraddle.deribit.market;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.gammastraddle.market.MarketEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Decodes the values of the {@code deribit.market.raw} topic: a subscription notification's {@code
 * params} object ({@code channel}, {@code data}) plus the bridge's {@code recv_ts} in epoch
 * nanoseconds.
 *
 * <p>Supported channels: {@code book.*} (changes and grouped snapshots), {@code ticker.*}, {@code
 * trades.*} and {@code deribit_price_index.*}. Anything else, or a message missing what its channel
 * requires, is refused with a {@link MalformedMessageException} whose message is the reason. Field
 * order never matters, and fields this decoder does not know are ignored, since Deribit adds fields
 * over time.
 *
 * <p>This is the hottest code of the job, so it reads the value with Jackson's streaming parser
 * instead of building a tree: it converts only the numbers it keeps, skips the rest (most of a
 * ticker) without materializing it, and builds no map per object. Use an instance from one thread
 * at a time, as a Flink deserializer does; it keeps one {@link JsonFactory} for all its messages.
 */
public final class MarketDecoder {

  private final JsonFactory json =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  /** Decodes one value; a trades notification yields one event per trade. */
  public void decode(String value, Consumer<MarketEvent> out) throws MalformedMessageException {
    try {
      decode(value, null, out);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /**
   * Reads {@code value} through once, reading its data as {@code knownChannel} or, when that is
   * null, as the channel read before the data.
   */
  private void decode(String value, String knownChannel, Consumer<MarketEvent> out)
      throws IOException, MalformedMessageException {
    String channel = null;
    boolean hasData = false;
    String dataChannel = null;
    ChannelData data = null;
    long receivedNanos = 0;
    try (JsonParser parser = json.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        // Read all of it first: a syntax error in it is the better reason.
        parser.skipChildren();
        parser.finishToken();
        throw new MalformedMessageException("not a JSON object");
      }
      for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
        parser.nextToken();
        switch (field) {
          case "channel" -> channel = JsonValues.text(parser);
          case "recv_ts" -> receivedNanos = JsonValues.lenientLong(parser);
          case "data" -> {
            hasData = parser.currentToken() != JsonToken.VALUE_NULL;
            dataChannel = knownChannel != null ? knownChannel : channel;
            data = readData(parser, dataChannel);
          }
          default -> parser.skipChildren();
        }
      }
    }
    String name = Required.text(channel, "channel");
    if (!hasData) {
      throw new MalformedMessageException("no data in " + name);
    }
    if (!name.equals(dataChannel)) {
      // The data came before the channel that says how to read it: read the value again.
      decode(value, name, out);
      return;
    }
    if (data == null) {
      throw new MalformedMessageException("unsupported channel " + name);
    }
    data.emit(receivedNanos, out);
  }

  /**
   * Reads the data as {@code channel} says, or skips it and returns null when the channel is
   * unsupported or not read yet (null).
   */
  private static ChannelData readData(JsonParser parser, String channel) throws IOException {
    String family = channel == null ? "" : family(channel);
    return switch (family) {
      // book.BTC-PERPETUAL.100ms sends changes whose levels carry an action; the grouped
      // book.BTC-PERPETUAL.none.20.100ms sends snapshots without.
      case "book" -> BookData.read(parser, Instruments.parts(channel, '.') == 3);
      case "ticker" -> TickerData.read(parser);
      case "trades" -> TradesData.read(parser);
      case "deribit_price_index" -> PriceIndexData.read(parser);
      default -> {
        parser.skipChildren();
        yield null;
      }
    };
  }

  /** The part before the first dot: {@code book} for {@code book.BTC-PERPETUAL.100ms}. */
  private static String family(String channel) {
    int dot = channel.indexOf('.');
    return dot < 0 ? channel : channel.substring(0, dot);
  }
}
