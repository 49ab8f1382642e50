package io.gammastraddle.simulator;

import io.gammastraddle.deribit.websocket.RequestRateLimiter;
import io.gammastraddle.simulator.exchange.PaperExchange;
import io.gammastraddle.simulator.exchange.UserEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the market and every session: it steps the market at {@code speed}
 * simulated seconds per wall second, fans the notifications out to subscribers, answers requests
 * and sends heartbeats. Transport threads only enqueue tasks, so nothing here needs a lock, and a
 * book snapshot can never interleave with the change chain it starts.
 *
 * <p>Sending only appends to a connection's queue, so a slow client never blocks this thread; a
 * client that falls {@code sendQueueLimit} frames behind is disconnected.
 *
 * <p>Every frame goes out through {@link #send}, which routes it through the {@link FaultPlan} only
 * while a fault is armed.
 */
final class ExchangeLoop implements Runnable {
  static final String HEARTBEAT_TEST_REQUEST =
      "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}";

  private static final Logger LOG = LoggerFactory.getLogger(ExchangeLoop.class);
  // bounds how long a request can wait behind a fast-forwarding market
  private static final int MAX_STEPS_PER_ROUND = 50;
  private static final long MAX_IDLE_NANOS = Duration.ofMillis(20).toNanos();

  private final MarketSource market;
  private final double speed;
  private final int sendQueueLimit;
  private final RequestRateLimiter.Limits rateLimits;
  private final Subscriptions subscriptions = new Subscriptions();
  private final PaperExchange exchange;
  private final RequestHandler requests;
  private final FaultPlan faults;
  private final Map<WebSocket, Session> sessions = new HashMap<>();
  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private volatile int sessionCount;

  ExchangeLoop(MarketSource market, ServerOptions options) {
    this.market = market;
    this.speed = options.speed();
    this.sendQueueLimit = options.sendQueueLimit();
    this.rateLimits = options.rateLimits();
    this.exchange = new PaperExchange(market.view(), options.exchange());
    this.requests = new RequestHandler(market, exchange, subscriptions, options);
    this.faults = new FaultPlan(requests);
  }

  FaultPlan faultPlan() {
    return faults;
  }

  /** Runs {@code task} on the loop's thread, after every task submitted before it. */
  void submit(Runnable task) {
    tasks.add(task);
  }

  void opened(WebSocket connection) {
    tasks.add(
        () -> {
          sessions.put(
              connection,
              new Session(
                  connection, sendQueueLimit, new RateMeter(rateLimits, System.nanoTime())));
          sessionCount = sessions.size();
        });
  }

  void closed(WebSocket connection) {
    tasks.add(
        () -> {
          Session session = sessions.get(connection);
          if (session != null) {
            forget(session);
          }
        });
  }

  void received(WebSocket connection, String text, long usIn) {
    tasks.add(
        () -> {
          Session session = sessions.get(connection);
          if (session == null) {
            return;
          }
          List<String> answers = faults.armed() ? faults.intercept(session, text, usIn) : null;
          if (answers == null) {
            answers = requests.handle(session, text, usIn, System.nanoTime());
          }
          for (String frame : answers) {
            if (!send(session, frame, false)) {
              dropLagging(session);
              return;
            }
          }
          deliver(requests.takeUserEvents());
          if (session.terminated()) {
            LOG.warn(
                "Terminating simulator client {}: it kept sending past its rate limit",
                session.connection().getRemoteSocketAddress());
            forget(session);
            session.close(CloseFrame.POLICY_VALIDATION, "too_many_requests: session terminated");
          }
        });
  }

  /** Closes every open connection with 1011, as a failing server would (fault injection). */
  void dropConnections() {
    tasks.add(
        () -> {
          for (Session session : List.copyOf(sessions.values())) {
            LOG.info(
                "Dropping simulator client {} (fault injection)",
                session.connection().getRemoteSocketAddress());
            forget(session);
            // counted before closing, so a client that saw its close sees the count too
            faults.fired(Fault.DROPPED_CONNECTION);
            session.close(CloseFrame.UNEXPECTED_CONDITION, "connection dropped (fault injection)");
          }
        });
  }

  /** Sessions currently open, as last seen by the loop. */
  int sessionCount() {
    return sessionCount;
  }

  @Override
  public void run() {
    long wallStart = System.nanoTime();
    long simulatedStart = market.nowMillis();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        runPendingTasks();
        int steps = 0;
        while (steps < MAX_STEPS_PER_ROUND
            && market.nowMillis() + market.stepMillis()
                <= simulatedNow(wallStart, simulatedStart)) {
          publish(market.stepNotifications());
          deliver(exchange.onMarketStep());
          steps++;
        }
        if (faults.armed()) {
          faults.releaseDue(System.nanoTime()).forEach(this::dropLagging);
        }
        sendHeartbeats(System.nanoTime());
        sessions.values().forEach(Session::rearmWrite);
        if (steps < MAX_STEPS_PER_ROUND) {
          awaitTask(nanosUntilNextStep(wallStart, simulatedStart));
        }
      }
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException bug) {
      LOG.error("Simulator market loop stopped", bug);
    }
  }

  private double simulatedNow(long wallStart, long simulatedStart) {
    return simulatedStart + (System.nanoTime() - wallStart) * speed / 1e6;
  }

  private long nanosUntilNextStep(long wallStart, long simulatedStart) {
    double simulatedMillis = market.nowMillis() + market.stepMillis() - simulatedStart;
    long due = wallStart + (long) (simulatedMillis / speed * 1e6);
    return Math.max(0, Math.min(due - System.nanoTime(), MAX_IDLE_NANOS));
  }

  private void runPendingTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      run(task);
    }
  }

  private void awaitTask(long nanos) throws InterruptedException {
    Runnable task = tasks.poll(nanos, TimeUnit.NANOSECONDS);
    if (task != null) {
      run(task);
    }
  }

  private void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException failure) {
      LOG.error("Simulator request failed", failure);
    }
  }

  private void publish(List<Notification> notifications) {
    List<Session> lagging = null;
    for (Notification notification : notifications) {
      if (faults.armed() && faults.withholds(notification)) {
        continue;
      }
      for (Session session : subscriptions.subscribers(notification.channel())) {
        if (!send(session, notification.frame(), true)) {
          if (lagging == null) {
            lagging = new ArrayList<>();
          }
          if (!lagging.contains(session)) {
            lagging.add(session);
          }
        }
      }
    }
    if (lagging != null) {
      lagging.forEach(this::dropLagging);
    }
  }

  private void sendHeartbeats(long nowNanos) {
    List<Session> silent = new ArrayList<>(0);
    List<Session> lagging = new ArrayList<>(0);
    for (Session session : sessions.values()) {
      if (!session.heartbeatDue(nowNanos)) {
        continue;
      }
      if (faults.armed() && faults.withholdsHeartbeat()) {
        session.postponeHeartbeat(nowNanos);
      } else if (!session.heartbeatAnswered(nowNanos)) {
        silent.add(session);
      } else if (!send(session, HEARTBEAT_TEST_REQUEST, false)) {
        lagging.add(session);
      }
    }
    for (Session session : silent) {
      forget(session);
      session.close(CloseFrame.POLICY_VALIDATION, "heartbeat test_request not answered");
    }
    lagging.forEach(this::dropLagging);
  }

  /**
   * Queues {@code frame} for {@code session}, through the armed faults if any ({@code
   * notification}: a subscription notification, which faults may duplicate or reorder). Returns
   * false when the session fell too far behind.
   */
  private boolean send(Session session, String frame, boolean notification) {
    return faults.armed() ? faults.deliver(session, frame, notification) : session.send(frame);
  }

  /**
   * Sends each user event to the sessions of its account whose {@code user.*} subscriptions it
   * matches, as the paper exchange produced them (requests' and steps' events in order).
   */
  private void deliver(List<UserEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<Session> lagging = new ArrayList<>(0);
    for (UserEvent event : events) {
      for (Session session : sessions.values()) {
        if (!event.accountId().equals(session.accountId())) {
          continue;
        }
        for (String channel : session.channels()) {
          if (event.matches(channel) && !send(session, event.frame(channel), true)) {
            lagging.add(session);
            break;
          }
        }
      }
    }
    lagging.stream().distinct().forEach(this::dropLagging);
  }

  private void dropLagging(Session session) {
    if (sessions.get(session.connection()) != session) {
      return;
    }
    LOG.warn(
        "Disconnecting simulator client {}: it fell {} frames behind",
        session.connection().getRemoteSocketAddress(),
        sendQueueLimit);
    forget(session);
    session.close(CloseFrame.TRY_AGAIN_LATER, "send queue overflow");
  }

  private void forget(Session session) {
    subscriptions.removeAll(session);
    sessions.remove(session.connection());
    sessionCount = sessions.size();
    if (session.cancelOnDisconnect() && session.accountId() != null) {
      deliver(exchange.cancelAll(session.accountId()));
    }
    if (faults.armed()) {
      faults.forget(session);
    }
  }
}
