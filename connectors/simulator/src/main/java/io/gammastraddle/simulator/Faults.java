package io.gammastraddle.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Fault injection for tests: makes a running {@link SimulatorServer} misbehave the way Deribit and
 * networks do, and counts every fault that fired ({@link #count(Fault)}) so a test can assert it
 * happened.
 *
 * <pre>{@code
 * server.faults().skipChangeIds("BTC-PERPETUAL", 3);    // clients see a prev_change_id gap
 * server.faults().rejectNext("public/subscribe", 10028, "too_many_requests", 1);
 * server.faults().refuseConnections(Duration.ofSeconds(2));
 * server.faults().dropConnections();                    // reconnects are refused for 2 s
 * await().until(() -> server.faults().count(Fault.REFUSED_CONNECTION) > 0);
 * server.faults().clear();
 * }</pre>
 *
 * <p>Thread-safe. Every method returns at once; the exchange loop applies the change before it
 * handles anything that arrives later (a request sent after {@code rejectNext} returns is rejected)
 * and from its next market step on. Duplicates and swaps are drawn from a fixed seed, restarted by
 * {@link #clear()}, so the same frames get the same treatment.
 */
public final class Faults {
  private final ExchangeLoop loop;
  private final FaultPlan plan;

  Faults(ExchangeLoop loop) {
    this.loop = loop;
    this.plan = loop.faultPlan();
  }

  /**
   * Closes every client connection now with close code 1011 (unexpected condition), as a failing
   * server does; the close frame tells clients at once, where a vanished socket could leave them
   * waiting. Frames already queued go out before the close frame; frames that faults hold back are
   * discarded.
   */
  public void dropConnections() {
    loop.dropConnections();
  }

  /**
   * Refuses every WebSocket upgrade for {@code duration} from now (Java-WebSocket answers a refused
   * upgrade with HTTP 404), so reconnect backoff can be observed. Call it before {@link
   * #dropConnections()} so that no client reconnects in between. Unlike the other faults it acts on
   * the transport's threads, immediately.
   */
  public void refuseConnections(Duration duration) {
    plan.refuseConnectionsFor(nonNegative(duration, "duration").toNanos());
  }

  /**
   * Sends every frame (responses, notifications, heartbeats) {@code delay} later than it would have
   * gone, in the same order; {@link Duration#ZERO} stops delaying new frames. The loop wakes at
   * least every 20 ms, so a frame may go out up to that much later than due.
   */
  public void delay(Duration delay) {
    long nanos = nonNegative(delay, "delay").toNanos();
    loop.submit(() -> plan.delay(nanos));
  }

  /** Sends each subscription notification twice in a row with {@code probability} (0 to 1). */
  public void duplicate(double probability) {
    checkProbability(probability);
    loop.submit(() -> plan.duplicate(probability));
  }

  /**
   * With {@code probability} (0 to 1), holds a subscription notification back and sends it right
   * after the connection's next frame, so the two arrive swapped. A held frame waits for that next
   * frame (or for {@link #clear()}).
   */
  public void reorder(double probability) {
    checkProbability(probability);
    loop.submit(() -> plan.reorder(probability));
  }

  /**
   * Withholds the next {@code count} book changes of {@code instrumentName} ({@code
   * book.{instrumentName}.100ms}) from every subscriber, as when Deribit's feed loses messages: the
   * market's change chain goes on, so clients see a {@code prev_change_id} that they never
   * received. A new subscription still starts with a snapshot that the next sent change links to.
   * Replaces a count armed before for the instrument; 0 disarms it.
   */
  public void skipChangeIds(String instrumentName, int count) {
    String channel = "book." + Objects.requireNonNull(instrumentName, "instrumentName") + ".100ms";
    checkCount(count);
    loop.submit(() -> plan.skipChanges(channel, count));
  }

  /**
   * Stops sending heartbeat test_requests and answering {@code public/test} (the requests are still
   * read and count as answers to earlier test_requests), so a client's silence detection fires
   * while its connection stays open; everything else flows as usual.
   */
  public void stopHeartbeats() {
    loop.submit(() -> plan.heartbeatsStopped(true));
  }

  /** Undoes {@link #stopHeartbeats()}: test_requests resume on each connection's schedule. */
  public void resumeHeartbeats() {
    loop.submit(() -> plan.heartbeatsStopped(false));
  }

  /**
   * Sends nothing at all to anyone (responses, notifications and heartbeats are discarded) while
   * connections stay open and requests are still handled; no connection is closed for missing
   * heartbeat answers meanwhile.
   */
  public void silence() {
    loop.submit(() -> plan.silenced(true));
  }

  /** Undoes {@link #silence()}; what was discarded stays lost. */
  public void endSilence() {
    loop.submit(() -> plan.silenced(false));
  }

  /**
   * Answers the next {@code count} requests of {@code method}, from any connection, with the
   * JSON-RPC error {@code {"code": code, "message": message}} instead of handling them, e.g. {@code
   * 10028 too_many_requests} or {@code 13009 invalid_token} (Deribit's codes). Replaces a rejection
   * armed before for the method; 0 disarms it.
   */
  public void rejectNext(String method, int code, String message, int count) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(message, "message");
    checkCount(count);
    loop.submit(() -> plan.reject(method, code, message, count));
  }

  /**
   * Disarms every fault. The counts are kept; frames held back or delayed still go out, in order.
   */
  public void clear() {
    plan.refuseConnectionsFor(0);
    loop.submit(plan::clear);
  }

  /** How many times {@code fault} has fired since the server was created. */
  public long count(Fault fault) {
    return plan.count(Objects.requireNonNull(fault, "fault"));
  }

  private static Duration nonNegative(Duration duration, String name) {
    if (Objects.requireNonNull(duration, name).isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + duration);
    }
    return duration;
  }

  private static void checkProbability(double probability) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be within [0, 1]: " + probability);
    }
  }

  private static void checkCount(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
  }
}
