package io.gammastraddle.deribit.user;

import io.gammastraddle.positions.ExchangePosition;
import java.util.List;

/**
 * The account's open positions in one currency as the exchange reports them ({@code
 * private/get_positions}), for the strategy to reconcile the positions it built from fills. The
 * bridge asks for them at start and after every reconnect, since Deribit does not replay the
 * notifications missed while disconnected.
 *
 * @param currency the currency asked for, e.g. {@code BTC}
 * @param positions every position whose size is not 0, with Deribit's signed {@code size} (options
 *     in coin, the perpetual in USD)
 * @param timestamp epoch ms when the bridge received the answer: {@code get_positions} carries no
 *     time of its own
 */
public record PositionsSnapshot(String currency, List<ExchangePosition> positions, long timestamp) {

  public PositionsSnapshot {
    if (currency == null || currency.isBlank()) {
      throw new IllegalArgumentException("a positions snapshot needs its currency");
    }
    positions = List.copyOf(positions);
    if (timestamp <= 0) {
      throw new IllegalArgumentException(
          currency + " positions: timestamp must be positive: " + timestamp);
    }
  }
}
