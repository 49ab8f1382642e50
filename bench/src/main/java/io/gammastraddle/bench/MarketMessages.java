package io.gammastraddle.bench;

import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.deribit.websocket.SubscriptionParams;
import io.gammastraddle.simulator.SimulatedMarket;
import java.util.ArrayList;
import java.util.List;

/**
 * The first {@code count} messages of a seeded simulated market, as the bridge would write them to
 * {@code deribit.market.raw}: keyed by instrument, params plus receive time.
 */
public record MarketMessages(List<String> keys, List<String> values) {

  public static MarketMessages generate(int count, long seed, long startEpochMillis) {
    SimulatedMarket market = new SimulatedMarket(seed, startEpochMillis);
    List<String> keys = new ArrayList<>(count);
    List<String> values = new ArrayList<>(count);
    // Every subscriber starts from a snapshot of each book, as the simulator's server sends it.
    for (String instrument : market.instruments().stream().map(i -> i.name()).toList()) {
      add(market.bookSnapshot(instrument), market.nowMillis(), keys, values);
    }
    while (values.size() < count) {
      for (String frame : market.step()) {
        if (values.size() < count) {
          add(frame, market.nowMillis(), keys, values);
        }
      }
    }
    return new MarketMessages(List.copyOf(keys), List.copyOf(values));
  }

  private static void add(String frame, long nowMillis, List<String> keys, List<String> values) {
    SubscriptionParams params = Notifications.subscription(frame);
    keys.add(params.key());
    values.add(params.withReceiveTime(nowMillis * 1_000_000));
  }

  public int size() {
    return values.size();
  }
}
