package io.gammastraddle.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) as the normal way to end a long-running command: the signal asks the command
 * to stop, and the JVM waits until the command has closed everything (flushed Kafka producers and
 * recordings, stopped servers) before it exits, with code 0 rather than 130.
 *
 * <pre>{@code
 * try (StopSignal stop = StopSignal.install("gsb-demo-stop")) {
 *   ... start, then stop.await() ...
 * } // close everything first, so the signal's exit waits for it
 * }</pre>
 */
final class StopSignal implements AutoCloseable {

  private static final long CLOSE_TIMEOUT_SECONDS = 60;

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private StopSignal(String name) {
    hook =
        new Thread(
            () -> {
              requested.countDown();
              if (awaitFinished()) {
                Runtime.getRuntime().halt(0);
              }
            },
            name);
  }

  static StopSignal install(String name) {
    StopSignal signal = new StopSignal(name);
    Runtime.getRuntime().addShutdownHook(signal.hook);
    return signal;
  }

  /** Asks for a stop from inside, e.g. when a part of the command ended on its own. */
  void request() {
    requested.countDown();
  }

  /** Whether a stop was asked for, without waiting. */
  boolean requested() {
    return requested.getCount() == 0;
  }

  void await() throws InterruptedException {
    requested.await();
  }

  /** True when a stop was asked for within the timeout. */
  boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return requested.await(timeout, unit);
  }

  /** The command has closed everything; a signal's exit may go ahead. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The signal's hook is running and exits once it sees the command finished.
    }
  }

  private boolean awaitFinished() {
    try {
      return finished.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
