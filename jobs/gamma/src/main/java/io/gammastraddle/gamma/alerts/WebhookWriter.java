package io.gammastraddle.gamma.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to one {@link Webhook} on a thread of its own, one at a time in the order they
 * came, so the task never waits for a chat; see {@link WebhookSink} for the guarantees. Counters
 * are thread-safe: the task thread counts drops, the delivery thread the rest.
 */
final class WebhookWriter implements SinkWriter<Alert> {

  static final String DELIVERIES = "webhookDeliveries";
  static final String FAILURES = "webhookFailures";
  static final String RETRIES = "webhookRetries";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookWriter.class);

  private final Webhook webhook;
  private final WebhookSink.Delivery delivery;
  private final HttpClient http;
  private final ExecutorService sender;
  private final AtomicInteger pending = new AtomicInteger();
  private final Counter deliveries;
  private final Counter failures;
  private final Counter retries;

  WebhookWriter(Webhook webhook, WebhookSink.Delivery delivery, MetricGroup metrics) {
    this.webhook = webhook;
    this.delivery = delivery;
    this.http = HttpClient.newBuilder().connectTimeout(delivery.requestTimeout()).build();
    this.sender =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "alerts -> " + webhook);
              thread.setDaemon(true);
              return thread;
            });
    this.deliveries = metrics.counter(DELIVERIES, new ThreadSafeSimpleCounter());
    this.failures = metrics.counter(FAILURES, new ThreadSafeSimpleCounter());
    this.retries = metrics.counter(RETRIES, new ThreadSafeSimpleCounter());
  }

  @Override
  public void write(Alert alert, Context context) {
    if (pending.incrementAndGet() > delivery.maxPending()) {
      pending.decrementAndGet();
      failures.inc();
      LOG.warn(
          "{}: alert {} on {} dropped, {} alerts are waiting already",
          webhook,
          alert.type(),
          alert.subject(),
          delivery.maxPending());
      return;
    }
    sender.execute(
        () -> {
          try {
            deliver(alert);
          } finally {
            pending.decrementAndGet();
          }
        });
  }

  /** At the end of a bounded input, waits (at most {@code finalWait}) for the alerts under way. */
  @Override
  public void flush(boolean endOfInput) throws InterruptedException {
    if (endOfInput) {
      long deadline = System.nanoTime() + delivery.finalWait().toNanos();
      while (pending.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
  }

  /** Waits at most {@code finalWait} for the alerts under way, then abandons the rest. */
  @Override
  public void close() throws InterruptedException {
    sender.shutdown();
    if (!sender.awaitTermination(delivery.finalWait().toMillis(), TimeUnit.MILLISECONDS)) {
      sender.shutdownNow();
      LOG.warn("{}: {} alerts were still being delivered at close", webhook, pending.get());
    }
  }

  private void deliver(Alert alert) {
    for (int attempt = 1; ; attempt++) {
      String problem;
      Duration wait = delivery.backoffAfter(attempt);
      try {
        HttpResponse<String> response =
            http.send(
                webhook.request(alert, delivery.requestTimeout()),
                HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          deliveries.inc();
          return;
        }
        problem = "HTTP " + status + " " + abbreviated(webhook.redact(response.body()));
        if (status != 429 && status < 500) {
          giveUp(alert, attempt, problem);
          return;
        }
        wait = retryAfter(response, wait);
      } catch (IOException e) {
        problem = describe(e);
      } catch (RuntimeException e) {
        // A bad request built from the alert: counted and logged redacted, never thrown raw to the
        // executor's handler, which would print it unredacted.
        giveUp(alert, attempt, describe(e));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        giveUp(alert, attempt, "closed while delivering");
        return;
      }
      if (attempt >= delivery.attempts()) {
        giveUp(alert, attempt, problem);
        return;
      }
      retries.inc();
      LOG.info(
          "{} did not take alert {} on {} ({}); try {} of {} in {} ms",
          webhook,
          alert.type(),
          alert.subject(),
          problem,
          attempt + 1,
          delivery.attempts(),
          wait.toMillis());
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        giveUp(alert, attempt, "closed while waiting to retry");
        return;
      }
    }
  }

  private void giveUp(Alert alert, int attempts, String problem) {
    failures.inc();
    LOG.warn(
        "{} did not take alert {} on {} after {} tries: {}",
        webhook,
        alert.type(),
        alert.subject(),
        attempts,
        problem);
  }

  /** A 429's {@code Retry-After} in seconds, bounded by the longest backoff; else {@code wait}. */
  private Duration retryAfter(HttpResponse<String> response, Duration wait) {
    try {
      return response
          .headers()
          .firstValue("Retry-After")
          .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.strip())))
          .map(asked -> asked.compareTo(delivery.maxBackoff()) > 0 ? delivery.maxBackoff() : asked)
          .orElse(wait);
    } catch (NumberFormatException httpDate) {
      return wait;
    }
  }

  /**
   * The failure's class and the first message in its chain, redacted; never the exception itself,
   * whose causes may quote the URL, which holds the secret.
   */
  private String describe(Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        return e.getClass().getSimpleName() + ": " + webhook.redact(cause.getMessage());
      }
    }
    return e.getClass().getSimpleName();
  }

  private static String abbreviated(String body) {
    String text = body == null ? "" : body.strip();
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
