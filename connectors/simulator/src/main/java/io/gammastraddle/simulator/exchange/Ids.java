package io.gammastraddle.simulator.exchange;

import java.util.HashMap;
import java.util.Map;

/**
 * The exchange's counters: order and trade ids in Deribit's form ({@code BTC-17}), and per
 * instrument the paper trades' {@code trade_seq} and {@code tick_direction}. No clock and no
 * randomness: the same calls give the same ids.
 */
final class Ids {

  /** A trade's place in its instrument's paper tape. */
  record Tick(long sequence, int direction, double price) {}

  private static final int PLUS = 0;
  private static final int ZERO_PLUS = 1;
  private static final int MINUS = 2;
  private static final int ZERO_MINUS = 3;

  private long orders;
  private long trades;
  private final Map<String, Tick> lastTicks = new HashMap<>();

  long nextOrderSequence() {
    return ++orders;
  }

  static String orderId(String currency, long sequence) {
    return currency + "-" + sequence;
  }

  String nextTradeId(String currency) {
    return currency + "-" + ++trades;
  }

  /**
   * The next trade of {@code instrument} at {@code price}: {@code trade_seq} counts from 1 and
   * {@code tick_direction} is Deribit's 0 plus, 1 zero-plus, 2 minus, 3 zero-minus tick against the
   * previous paper trade (the first one counts as a plus tick).
   */
  Tick nextTick(String instrument, double price) {
    Tick last = lastTicks.get(instrument);
    int direction;
    if (last == null || price > last.price()) {
      direction = PLUS;
    } else if (price < last.price()) {
      direction = MINUS;
    } else {
      direction =
          last.direction() == PLUS || last.direction() == ZERO_PLUS ? ZERO_PLUS : ZERO_MINUS;
    }
    Tick tick = new Tick(last == null ? 1 : last.sequence() + 1, direction, price);
    lastTicks.put(instrument, tick);
    return tick;
  }
}
