package io.gammastraddle.gamma.alerts;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts to a chat: Slack through an incoming webhook ({@value #SLACK_URL_VARIABLE}) or
 * Telegram through the Bot API's {@code sendMessage} ({@value #TELEGRAM_TOKEN_VARIABLE} and {@value
 * #TELEGRAM_CHAT_VARIABLE}).
 *
 * <p>The secret (Slack's URL, Telegram's token, which is part of its URLs) is read from the
 * TaskManager's environment when the writer opens, so nothing secret is serialized into the job
 * graph; whether the job has the sink at all is decided where the job is built, by the same
 * variables ({@link #configured}). It never reaches logs, exceptions or {@code toString()}.
 *
 * <p>Delivery is best effort and never holds the job back: the writer hands each alert to a thread
 * of its own, which retries 5xx, 429 and connection failures with a growing backoff ({@link
 * Delivery}); a checkpoint does not wait for it. Kafka and Redis remain the record of every alert.
 * Metrics: {@code webhookDeliveries}, {@code webhookFailures} (given up, refused, or dropped
 * because {@link Delivery#maxPending} were waiting), {@code webhookRetries}.
 */
public final class WebhookSink implements Sink<Alert> {

  public static final String SLACK_URL_VARIABLE = "GSB_SLACK_WEBHOOK_URL";
  public static final String TELEGRAM_TOKEN_VARIABLE = "GSB_TELEGRAM_BOT_TOKEN";
  public static final String TELEGRAM_CHAT_VARIABLE = "GSB_TELEGRAM_CHAT_ID";

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);

  /** Where alerts go, and the environment variables that configure it. */
  public enum Channel {
    SLACK("Slack", List.of(SLACK_URL_VARIABLE)),
    TELEGRAM("Telegram", List.of(TELEGRAM_TOKEN_VARIABLE, TELEGRAM_CHAT_VARIABLE));

    private final String label;
    private final List<String> variables;

    Channel(String label, List<String> variables) {
      this.label = label;
      this.variables = variables;
    }

    public List<String> variables() {
      return variables;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /**
   * How a writer delivers.
   *
   * @param attempts tries per alert, the first included
   * @param firstBackoff the wait before the second try; each next one waits twice as long
   * @param maxBackoff the longest wait between tries, also for a 429's {@code Retry-After}
   * @param requestTimeout the longest wait for a connection and for an answer
   * @param maxPending alerts waiting for delivery beyond which a new one is dropped
   * @param finalWait how long the end of input and closing wait for alerts still being delivered
   */
  public record Delivery(
      int attempts,
      Duration firstBackoff,
      Duration maxBackoff,
      Duration requestTimeout,
      int maxPending,
      Duration finalWait)
      implements Serializable {

    public Delivery {
      if (attempts < 1 || maxPending < 1) {
        throw new IllegalArgumentException("attempts and maxPending must be positive");
      }
    }

    /** Five tries over about 15 s (1, 2, 4, 8 s between them), 10 s per request. */
    public static Delivery defaults() {
      return new Delivery(
          5,
          Duration.ofSeconds(1),
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          100,
          Duration.ofSeconds(10));
    }

    /** The wait after the failed try number {@code attempt} (1-based). */
    Duration backoffAfter(int attempt) {
      Duration backoff = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
      return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
  }

  private final Channel channel;
  private final String telegramApi;
  private final Delivery delivery;

  public WebhookSink(Channel channel, String telegramApi, Delivery delivery) {
    this.channel = channel;
    this.telegramApi = telegramApi;
    this.delivery = delivery;
  }

  /**
   * The webhook sinks {@code environment} asks for: Slack when {@value #SLACK_URL_VARIABLE} is set,
   * Telegram when {@value #TELEGRAM_TOKEN_VARIABLE} is; none when neither is.
   *
   * @param telegramApi the Telegram Bot API's base URL ({@code alerts.telegram-api})
   * @throws IllegalArgumentException naming the variable (never its value) when a channel is set up
   *     only in part or its URL is malformed
   */
  public static List<WebhookSink> configured(Map<String, String> environment, String telegramApi) {
    List<WebhookSink> sinks = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      if (!Webhook.isBlank(environment.get(channel.variables().get(0)))) {
        Webhook.of(channel, environment, telegramApi); // checks it now, at submission
        sinks.add(new WebhookSink(channel, telegramApi, Delivery.defaults()));
      }
    }
    return sinks;
  }

  public Channel channel() {
    return channel;
  }

  @Override
  public SinkWriter<Alert> createWriter(WriterInitContext context) throws IOException {
    Webhook webhook;
    try {
      webhook = Webhook.of(channel, System.getenv(), telegramApi);
    } catch (IllegalArgumentException notHere) {
      // The job was built where the variables were set; this TaskManager lacks them. A chat that
      // cannot be reached must not stop the trading: the alerts are counted as failures.
      LOG.error("{}: alerts to {} are dropped on this TaskManager", notHere.getMessage(), channel);
      Counter failures = context.metricGroup().counter(WebhookWriter.FAILURES);
      return new SinkWriter<>() {
        @Override
        public void write(Alert alert, Context writeContext) {
          failures.inc();
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
    return new WebhookWriter(webhook, delivery, context.metricGroup());
  }

  @Override
  public String toString() {
    return "WebhookSink[" + channel + "]";
  }
}
