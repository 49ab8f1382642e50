package io.gammastraddle.deribit.websocket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells when a channel stopped delivering: it records the time of each channel's last notification
 * and, on {@link #check()}, declares stale every channel silent for longer than the threshold.
 *
 * <p>A connection can stay alive (heartbeats flowing) while one channel stops, e.g. an instrument
 * that settled or a subscription the server dropped; only a per-channel watch notices. The listener
 * hears once when a channel goes stale and once when it delivers again.
 *
 * <pre>{@code
 * StalenessWatchdog watchdog = new StalenessWatchdog(Duration.ofSeconds(5), Clock.systemUTC(), events);
 * watchdog.watch(channels);                  // counts from now for channels that never delivered
 * ... on each notification: watchdog.notified(params.channel());
 * ... every second: watchdog.check();
 * }</pre>
 *
 * <p>Thread-safe; the listener is called on the thread calling {@link #check()} or {@link
 * #notified(String)}, outside any lock of this class.
 */
public final class StalenessWatchdog {

  /** Hears about channels going stale and recovering. */
  public interface Listener {

    /**
     * {@code channel} has been silent since {@code lastHeard}, longer than the threshold.
     *
     * @param lastHeard its last notification, or when watching began if none came
     */
    void onStale(String channel, Instant lastHeard);

    /** {@code channel}, stale until now, delivered a notification again. */
    void onRecovered(String channel);
  }

  private record Watch(Instant lastHeard, boolean stale) {}

  private final Duration threshold;
  private final Clock clock;
  private final Listener listener;
  private final Map<String, Watch> watches = new HashMap<>();

  public StalenessWatchdog(Duration threshold, Clock clock, Listener listener) {
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (threshold.isNegative() || threshold.isZero()) {
      throw new IllegalArgumentException("threshold must be positive: " + threshold);
    }
  }

  /** Starts watching channels not watched yet, as if each had just delivered. */
  public synchronized void watch(Iterable<String> channels) {
    Instant now = clock.instant();
    channels.forEach(channel -> watches.putIfAbsent(channel, new Watch(now, false)));
  }

  /** Stops watching a channel, e.g. after unsubscribing it. */
  public synchronized void forget(String channel) {
    watches.remove(channel);
  }

  /** Records a notification on {@code channel}, watching it from now on if it was not. */
  public void notified(String channel) {
    Watch previous;
    synchronized (this) {
      previous = watches.put(channel, new Watch(clock.instant(), false));
    }
    if (previous != null && previous.stale()) {
      listener.onRecovered(channel);
    }
  }

  /** Declares stale the channels silent for longer than the threshold, telling the listener. */
  public void check() {
    Instant now = clock.instant();
    Map<String, Instant> newlyStale = new HashMap<>();
    synchronized (this) {
      watches.replaceAll(
          (channel, watch) -> {
            if (watch.stale() || !watch.lastHeard().plus(threshold).isBefore(now)) {
              return watch;
            }
            newlyStale.put(channel, watch.lastHeard());
            return new Watch(watch.lastHeard(), true);
          });
    }
    newlyStale.forEach(listener::onStale);
  }

  /** The channels stale as of the last {@link #check()}, sorted. */
  public synchronized Set<String> staleChannels() {
    Set<String> stale = new TreeSet<>();
    watches.forEach(
        (channel, watch) -> {
          if (watch.stale()) {
            stale.add(channel);
          }
        });
    return stale;
  }

  /** How many channels are stale as of the last {@link #check()}: a gauge for the job's metrics. */
  public int staleCount() {
    return staleChannels().size();
  }
}
