package io.gammastraddle.simulator;

import io.gammastraddle.simulator.exchange.MarketView;
import java.util.List;
import java.util.Set;

/**
 * What the simulator's server serves: the generated {@link SimulatedMarket} or a {@link
 * MirrorMarket} of Deribit's real feed. The server's one exchange-loop thread calls every method.
 */
public interface MarketSource {

  /** Simulated (or mirrored) time between two {@link #stepNotifications()}, in milliseconds. */
  long stepMillis();

  /** The market's clock, epoch milliseconds. */
  long nowMillis();

  /** Moves on by one step and returns the notifications of every channel that has news. */
  List<Notification> stepNotifications();

  /**
   * The {@code book.{instrument}.100ms} snapshot notification of the current book, whose {@code
   * change_id} the next change links to.
   *
   * @throws IllegalArgumentException if the instrument is not listed
   */
  String bookSnapshot(String instrument);

  /** Every channel that can be subscribed to now. */
  Set<String> channels();

  /** The currencies listed ({@code BTC}, {@code ETH}). */
  List<String> currencies();

  /**
   * The {@code public/get_instruments} elements (JSON objects) of the listed instruments of {@code
   * currency} ({@code any} for all) and Deribit {@code kind} ({@code null} for all).
   */
  List<String> instrumentDefinitions(String currency, String kind);

  /** The books, marks and prices the paper exchange trades against. */
  MarketView view();
}
