package io.gammastraddle.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The faults armed on a server and the frames they hold back, applied by the exchange loop to what
 * it sends and receives. Used only on the exchange loop's thread ({@link Faults} changes it through
 * the loop's task queue), except the counts and the connection refusal, which are thread-safe.
 *
 * <p>{@link #armed()} is false whenever no fault is armed and no frame is held back, so the loop's
 * normal path costs one field read per frame.
 */
final class FaultPlan {
  // fixed so that a test sees the same duplicates and swaps for the same frames
  private static final long SEED = 42;
  private static final String TEST_METHOD = "public/test";

  private record Rejection(int code, String message, int remaining) {}

  private record DelayedFrame(long dueNanos, Session session, String frame) {}

  private final RequestHandler requests;
  private final AtomicLongArray counts = new AtomicLongArray(Fault.values().length);
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Integer> changesToSkipByChannel = new HashMap<>();
  private final Map<String, Rejection> rejectionsByMethod = new HashMap<>();
  private final Map<Session, String> heldBack = new HashMap<>();
  private final ArrayDeque<DelayedFrame> delayed = new ArrayDeque<>();
  private volatile long refusingUntilNanos = System.nanoTime();
  private SplittableRandom random = new SplittableRandom(SEED);
  private long delayNanos;
  private double duplicateProbability;
  private double reorderProbability;
  private boolean heartbeatsStopped;
  private boolean silenced;
  private boolean armed;

  FaultPlan(RequestHandler requests) {
    this.requests = requests;
  }

  /** Whether the loop must route frames through this plan. */
  boolean armed() {
    return armed;
  }

  /** Thread-safe. */
  long count(Fault fault) {
    return counts.get(fault.ordinal());
  }

  void fired(Fault fault) {
    counts.incrementAndGet(fault.ordinal());
  }

  /** Thread-safe; called by the transport for each WebSocket upgrade. */
  boolean refusesConnection() {
    if (System.nanoTime() - refusingUntilNanos >= 0) {
      return false;
    }
    fired(Fault.REFUSED_CONNECTION);
    return true;
  }

  /** Thread-safe. */
  void refuseConnectionsFor(long nanos) {
    refusingUntilNanos = System.nanoTime() + nanos;
  }

  void skipChanges(String bookChannel, int count) {
    if (count == 0) {
      changesToSkipByChannel.remove(bookChannel);
    } else {
      changesToSkipByChannel.put(bookChannel, count);
    }
    updateArmed();
  }

  void reject(String method, int code, String message, int count) {
    if (count == 0) {
      rejectionsByMethod.remove(method);
    } else {
      rejectionsByMethod.put(method, new Rejection(code, message, count));
    }
    updateArmed();
  }

  void delay(long nanos) {
    delayNanos = nanos;
    updateArmed();
  }

  void duplicate(double probability) {
    duplicateProbability = probability;
    updateArmed();
  }

  void reorder(double probability) {
    reorderProbability = probability;
    updateArmed();
  }

  void heartbeatsStopped(boolean stopped) {
    heartbeatsStopped = stopped;
    updateArmed();
  }

  void silenced(boolean silent) {
    silenced = silent;
    updateArmed();
  }

  /**
   * Disarms every fault but the connection refusal. Frames held back for a swap go out on the next
   * release; delayed frames still go out when due, so no connection loses a frame or sees one out
   * of order.
   */
  void clear() {
    long now = System.nanoTime();
    heldBack.forEach((session, frame) -> delayed.add(new DelayedFrame(now, session, frame)));
    heldBack.clear();
    changesToSkipByChannel.clear();
    rejectionsByMethod.clear();
    random = new SplittableRandom(SEED);
    delayNanos = 0;
    duplicateProbability = 0;
    reorderProbability = 0;
    heartbeatsStopped = false;
    silenced = false;
    updateArmed();
  }

  /** True, and counted, if {@code notification} is a book change that nobody may receive. */
  boolean withholds(Notification notification) {
    Integer remaining = changesToSkipByChannel.get(notification.channel());
    if (remaining == null) {
      return false;
    }
    skipChanges(notification.channel(), remaining - 1);
    fired(Fault.SKIPPED_CHANGE);
    return true;
  }

  /**
   * The answers to a request when a fault decides them, or null when the request handler should
   * answer as usual: an armed rejection, or silence for {@code public/test} while heartbeats are
   * stopped (the test still counts as the client's answer to a test_request).
   */
  List<String> intercept(Session session, String text, long usIn) {
    if (rejectionsByMethod.isEmpty() && !heartbeatsStopped) {
      return null;
    }
    JsonNode request;
    try {
      request = mapper.readTree(text);
    } catch (JsonProcessingException malformed) {
      return null;
    }
    if (request == null || !request.path("method").isTextual()) {
      return null;
    }
    String method = request.get("method").asText();
    if (heartbeatsStopped && method.equals(TEST_METHOD)) {
      session.testReceived();
      fired(Fault.UNANSWERED_TEST);
      return List.of();
    }
    Rejection rejection = rejectionsByMethod.get(method);
    if (rejection == null) {
      return null;
    }
    reject(method, rejection.code(), rejection.message(), rejection.remaining() - 1);
    fired(Fault.REJECTED_REQUEST);
    return List.of(
        requests.errorResponse(request.get("id"), usIn, rejection.code(), rejection.message()));
  }

  /** True, and counted, if the heartbeat due now must not be sent. */
  boolean withholdsHeartbeat() {
    if (!heartbeatsStopped && !silenced) {
      return false;
    }
    fired(Fault.WITHHELD_HEARTBEAT);
    return true;
  }

  /**
   * Sends {@code frame} to {@code session} through the armed faults. Only subscription
   * notifications are duplicated or reordered. Returns false when the session fell too far behind.
   */
  boolean deliver(Session session, String frame, boolean notification) {
    if (silenced) {
      fired(Fault.SILENCED_FRAME);
      return true;
    }
    if (notification
        && reorderProbability > 0
        && !heldBack.containsKey(session)
        && random.nextDouble() < reorderProbability) {
      heldBack.put(session, frame);
      return true;
    }
    boolean keptUp = emit(session, frame);
    if (notification && duplicateProbability > 0 && random.nextDouble() < duplicateProbability) {
      keptUp &= emit(session, frame);
      fired(Fault.DUPLICATED_NOTIFICATION);
    }
    String swapped = heldBack.remove(session);
    if (swapped != null) {
      keptUp &= emit(session, swapped);
      fired(Fault.REORDERED_NOTIFICATION);
      updateArmed();
    }
    return keptUp;
  }

  /** Sends the delayed frames that are due, in order; returns the sessions that fell behind. */
  List<Session> releaseDue(long nowNanos) {
    if (delayed.isEmpty()) {
      return List.of();
    }
    List<Session> lagging = new ArrayList<>(0);
    while (!delayed.isEmpty() && nowNanos - delayed.peek().dueNanos() >= 0) {
      DelayedFrame due = delayed.poll();
      if (!due.session().send(due.frame())) {
        lagging.add(due.session());
      }
    }
    updateArmed();
    return lagging;
  }

  /** Forgets what is held back for a closed session. */
  void forget(Session session) {
    if (heldBack.remove(session) != null) {
      updateArmed();
    }
  }

  private boolean emit(Session session, String frame) {
    // once anything waits in the queue, later frames queue behind it to keep the order
    if (delayNanos == 0 && delayed.isEmpty()) {
      return session.send(frame);
    }
    delayed.add(new DelayedFrame(System.nanoTime() + delayNanos, session, frame));
    if (delayNanos > 0) {
      fired(Fault.DELAYED_FRAME);
    }
    return true;
  }

  private void updateArmed() {
    armed =
        silenced
            || heartbeatsStopped
            || delayNanos > 0
            || duplicateProbability > 0
            || reorderProbability > 0
            || !changesToSkipByChannel.isEmpty()
            || !rejectionsByMethod.isEmpty()
            || !heldBack.isEmpty()
            || !delayed.isEmpty();
  }
}
