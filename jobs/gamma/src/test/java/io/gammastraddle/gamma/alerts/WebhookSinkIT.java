package io.gammastraddle.gamma.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gammastraddle.deribit.websocket.CapturedLogs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook writer against a real HTTP server on a free port, playing Slack or Telegram: it
 * answers with the statuses a test scripts, then 200.
 */
class WebhookSinkIT {

  private static final String TOKEN = "123456:AAE-the-bot-token-is-a-secret";
  private static final String SLACK_PATH = "/services/T0/B0/slack-path-is-a-secret";
  private static final Alert ALERT =
      new Alert("feed_silent", "BTC", 1_800_000_000_000L, "no market data for BTC for 30 s");
  private static final WebhookSink.Delivery FAST =
      new WebhookSink.Delivery(
          4,
          Duration.ofMillis(20),
          Duration.ofMillis(100),
          Duration.ofSeconds(5),
          10,
          Duration.ofSeconds(10));
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the server received: path and body of each request. */
  private final List<String[]> received = new CopyOnWriteArrayList<>();

  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final MetricListener metrics = new MetricListener();
  private HttpServer server;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(new String[] {path, body});
          Integer status;
          synchronized (statuses) {
            status = statuses.poll();
          }
          // A server that quotes the request's path in its errors, as some proxies do, far
          // enough in that the logged 200 characters end inside the token.
          byte[] answer =
              (status == null ? "{\"ok\":true}" : ".".repeat(168) + " unavailable: POST " + path)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void aTelegramAlertRefusedWith503IsRetriedAndDeliveredOnce() throws Exception {
    statuses.addAll(List.of(503, 503));
    WebhookWriter writer = writer(Webhook.telegram(base, TOKEN, "-1001234"));

    writer.write(ALERT, null);
    writer.flush(true);
    writer.close();

    assertThat(received).hasSize(3);
    assertThat(received)
        .allSatisfy(request -> assertThat(request[0]).isEqualTo("/bot" + TOKEN + "/sendMessage"));
    JsonNode body = JSON.readTree(received.get(2)[1]);
    assertThat(body.get("chat_id").asText()).isEqualTo("-1001234");
    assertThat(body.get("text").asText())
        .isEqualTo("gsb feed_silent BTC at 2027-01-15T08:00:00Z\nno market data for BTC for 30 s");
    assertThat(counter(WebhookWriter.DELIVERIES)).isEqualTo(1);
    assertThat(counter(WebhookWriter.RETRIES)).isEqualTo(2);
    assertThat(counter(WebhookWriter.FAILURES)).isZero();
  }

  @Test
  void slackGetsEscapedTextAndA4xxIsNotRetried() throws Exception {
    statuses.add(400);
    WebhookWriter writer = writer(Webhook.slack(base + SLACK_PATH));
    Alert arrows =
        new Alert("kill_switch_tripped", "BTC", 1_800_000_000_000L, "BTC: ACTIVE -> REDUCING & co");

    writer.write(arrows, null);
    writer.write(ALERT, null);
    writer.flush(true);

    assertThat(received).extracting(request -> request[0]).containsOnly(SLACK_PATH).hasSize(2);
    assertThat(JSON.readTree(received.get(0)[1]).get("text").asText())
        .endsWith("BTC: ACTIVE -&gt; REDUCING &amp; co");
    assertThat(counter(WebhookWriter.FAILURES)).as("the 400, not retried").isEqualTo(1);
    assertThat(counter(WebhookWriter.DELIVERIES)).isEqualTo(1);
    writer.close();
  }

  @Test
  void theSecretReachesNeitherLogsNorExceptionsNorToString() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String slackUrl = "http://127.0.0.1:" + closedPort + SLACK_PATH;
    try (CapturedLogs logs = CapturedLogs.capture()) {
      statuses.addAll(List.of(503, 503, 503, 503));
      WebhookWriter telegram = writer(Webhook.telegram(base, TOKEN, "42"));
      telegram.write(ALERT, null);
      telegram.flush(true);
      telegram.close();
      MetricListener slackMetrics = new MetricListener();
      WebhookWriter slack =
          new WebhookWriter(Webhook.slack(slackUrl), FAST, slackMetrics.getMetricGroup());
      slack.write(ALERT, null);
      slack.flush(true);
      slack.close();

      assertThat(counter(WebhookWriter.FAILURES)).as("Telegram gave up").isEqualTo(1);
      assertThat(slackMetrics.getCounter(WebhookWriter.FAILURES).orElseThrow().getCount())
          .as("Slack gave up")
          .isEqualTo(1);
      assertThat(logs.text())
          .contains("Telegram did not take alert feed_silent on BTC after 4 tries: HTTP 503")
          .contains("unavailable: POST /bot***/sendM...")
          .contains("Slack did not take alert feed_silent on BTC after 4 tries: ConnectException")
          .doesNotContain(TOKEN.substring(0, 6))
          .doesNotContain(SLACK_PATH);
    }
    assertThat(received).as("the token did go to the server").hasSize(4);

    assertThat(Webhook.telegram(base, TOKEN, "42").toString()).isEqualTo("Telegram");
    assertThat(Webhook.slack(slackUrl).toString()).isEqualTo("Slack");
    assertThat(new WebhookSink(WebhookSink.Channel.SLACK, base, FAST).toString())
        .isEqualTo("WebhookSink[Slack]");
    String malformed = "https://hooks.slack.com" + SLACK_PATH + " with spaces";
    assertThatThrownBy(
            () -> WebhookSink.configured(Map.of(WebhookSink.SLACK_URL_VARIABLE, malformed), base))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GSB_SLACK_WEBHOOK_URL is not a valid URL")
        .hasNoCause();
    assertThatThrownBy(
            () ->
                WebhookSink.configured(
                    Map.of(WebhookSink.TELEGRAM_TOKEN_VARIABLE, TOKEN + "/x"), base))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GSB_TELEGRAM_")
        .hasMessageNotContaining(TOKEN)
        .hasNoCause();
  }

  private WebhookWriter writer(Webhook webhook) {
    return new WebhookWriter(webhook, FAST, metrics.getMetricGroup());
  }

  private long counter(String name) {
    return metrics.getCounter(name).orElseThrow().getCount();
  }
}
