package io.gammastraddle.deribit.market;

import io.gammastraddle.market.MarketEvent;
import java.util.function.Consumer;

/**
 * A notification's {@code data} as read, checked only once the whole value has been read: the
 * bridge writes {@code recv_ts}, which every event carries, after {@code data}, and a problem with
 * the envelope (or the JSON itself) further on must win over a problem inside {@code data}.
 */
interface ChannelData {

  /**
   * Checks the fields in a fixed order, whatever order they came in, so the reason given for a bad
   * message does not depend on field order; then emits the events.
   */
  void emit(long receivedNanos, Consumer<MarketEvent> out) throws MalformedMessageException;
}
